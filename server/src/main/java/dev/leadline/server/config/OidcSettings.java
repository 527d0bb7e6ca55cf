package dev.leadline.server.config;

import dev.leadline.server.chat.ChatEnvironment;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Console sign-in by OpenID Connect: the identity provider ({@code issuer}, exactly as its discovery
 * document spells it), this server's client there, and where the provider sends browsers back.
 * {@code trustUnverifiedEmail} accepts an {@code email} claim that comes without {@code email_verified}.
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, URI redirectUri, boolean trustUnverifiedEmail) {
    static final String ISSUER = "LEADLINE_OIDC_ISSUER";
    static final String CLIENT_ID = "LEADLINE_OIDC_CLIENT_ID";
    static final String CLIENT_SECRET = "LEADLINE_OIDC_CLIENT_SECRET";
    static final String TRUST_EMAIL = "LEADLINE_OIDC_TRUST_EMAIL";
    public static final String CALLBACK_PATH = "/console/sso/callback";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }

    /** All three of issuer, client id and secret, or none; the redirect URI needs LEADLINE_PUBLIC_URL. */
    static Optional<OidcSettings> read(ChatEnvironment env, Optional<URI> publicUrl) {
        List<String> names = List.of(ISSUER, CLIENT_ID, CLIENT_SECRET);
        List<String> missing = names.stream().filter(name -> env.optional(name).isEmpty()).toList();
        boolean trust = env.flag(TRUST_EMAIL, false);
        if (missing.size() == names.size()) {
            if (trust) {
                env.problem(TRUST_EMAIL + " is set but " + ISSUER + " is not; it only matters for sign-in by OpenID Connect");
            }
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            env.problem(String.join(", ", names) + " go together to turn on console sign-in by OpenID Connect: "
                    + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " missing");
            return Optional.empty();
        }
        Optional<URI> issuer = issuer(env, env.optional(ISSUER).orElseThrow());
        if (env.optional("LEADLINE_PUBLIC_URL").isEmpty()) {
            env.problem("LEADLINE_PUBLIC_URL is required with " + ISSUER + ": the identity provider sends browsers back to "
                    + "<LEADLINE_PUBLIC_URL>" + CALLBACK_PATH + ", which you register with it");
        }
        return Stream.of(issuer, publicUrl).allMatch(Optional::isPresent)
                ? Optional.of(new OidcSettings(issuer.get(), env.optional(CLIENT_ID).orElseThrow(), env.optional(CLIENT_SECRET).orElseThrow(),
                        URI.create(publicUrl.get() + CALLBACK_PATH), trust))
                : Optional.empty();
    }

    /** An https URL without query or fragment (http only on this machine, for a provider in a test or on a laptop). */
    private static Optional<URI> issuer(ChatEnvironment env, String raw) {
        try {
            URI uri = new URI(raw);
            boolean https = "https".equals(uri.getScheme());
            boolean loopbackHttp = "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK.contains(uri.getHost());
            if ((https || loopbackHttp) && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        env.problem(ISSUER + " must be the identity provider's https issuer URL, exactly as the iss of its tokens, like "
                + "https://accounts.google.com or https://login.microsoftonline.com/<tenant-id>/v2.0 (http only for localhost), got '" + raw + "'");
        return Optional.empty();
    }
}
