package dev.leadline.server.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.leadline.core.access.SsoAttempts;
import dev.leadline.server.config.OidcSettings;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server as an OpenID Connect client (Nimbus OAuth 2.0 SDK): the authorization code flow with
 * PKCE, state and nonce, the provider found by discovery from its issuer when first needed, and the ID
 * token checked for signature (the provider's published keys), issuer, audience, expiry and nonce.
 * The answer is the email the provider vouches for, or why not.
 */
public final class OidcClient {
    private static final Logger log = LoggerFactory.getLogger(OidcClient.class);
    private static final int TIMEOUT_MS = 5_000;
    private static final Scope SCOPES = new Scope("openid", "email", "profile");
    /** Signatures by the provider's own keys only: never none, never a secret shared with us. */
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.copyOf(JWSAlgorithm.Family.SIGNATURE);

    private final OidcSettings settings;
    private final ClientID clientId;
    private volatile Provider provider;

    public OidcClient(OidcSettings settings) {
        this.settings = settings;
        this.clientId = new ClientID(settings.clientId());
    }

    /** What came back from the provider: an email it has verified, or a sentence saying why there is none. */
    public sealed interface Identity {
        record Verified(String email, String subject) implements Identity {}

        /** {@code status}: 403 when the person was refused, 502 when the provider could not be used. */
        record Refused(int status, String reason) implements Identity {}
    }

    /** The discovered provider and the validator of its ID tokens, made once. */
    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    /** Where to send the browser: the provider's authorization endpoint, with this attempt's state, nonce and PKCE challenge. */
    public URI authorizationUri(SsoAttempts.Started attempt) throws ProviderUnavailable {
        return new AuthenticationRequest.Builder(ResponseType.CODE, SCOPES, clientId, settings.redirectUri())
                .endpointURI(provider().metadata().getAuthorizationEndpointURI())
                .state(new State(attempt.state()))
                .nonce(new Nonce(attempt.nonce()))
                .codeChallenge(new CodeVerifier(attempt.codeVerifier()), CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** Exchanges the code for tokens and reads the verified email from the ID token. */
    public Identity identify(String code, SsoAttempts.Returned.Open attempt) {
        try {
            Provider p = provider();
            HTTPRequest request = new TokenRequest(p.metadata().getTokenEndpointURI(), clientAuthentication(p.metadata()),
                    new AuthorizationCodeGrant(new AuthorizationCode(code), settings.redirectUri(), new CodeVerifier(attempt.codeVerifier())))
                    .toHTTPRequest();
            request.setConnectTimeout(TIMEOUT_MS);
            request.setReadTimeout(TIMEOUT_MS);
            TokenResponse response = OIDCTokenResponseParser.parse(request.send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = response.toErrorResponse().getErrorObject();
                log.warn("OpenID Connect: {} refused the code: {} {}", settings.issuer(), error.getCode(), error.getDescription());
                return new Identity.Refused(403, "The identity provider refused to complete the sign-in (" + describe(error) + "). Start again.");
            }
            IDTokenClaimsSet claims = p.validator().validate(((OIDCTokenResponse) response).getOIDCTokens().getIDToken(),
                    new Nonce(attempt.nonce()));
            return EmailClaims.verifiedEmail(claims, settings.trustUnverifiedEmail());
        } catch (BadJOSEException | JOSEException e) {
            log.warn("OpenID Connect: an ID token from {} was refused: {}", settings.issuer(), e.getMessage());
            return new Identity.Refused(403, "The identity provider's answer did not pass our checks (" + e.getMessage() + "). Start again.");
        } catch (ProviderUnavailable e) {
            return new Identity.Refused(502, e.getMessage());
        } catch (IOException | ParseException e) {
            log.warn("OpenID Connect: the token endpoint of {} could not be used", settings.issuer(), e);
            return new Identity.Refused(502, "The identity provider could not be reached to complete the sign-in. Try again shortly.");
        }
    }

    /** The provider could not be discovered: its address is wrong, or it is down. */
    public static final class ProviderUnavailable extends Exception {
        ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Provider provider() throws ProviderUnavailable {
        Provider known = provider;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (provider == null) {
                provider = discover();
            }
            return provider;
        }
    }

    private Provider discover() throws ProviderUnavailable {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), TIMEOUT_MS, TIMEOUT_MS);
            List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs() == null ? List.of(JWSAlgorithm.RS256) : metadata.getIDTokenJWSAlgs();
            Set<JWSAlgorithm> algorithms = offered.stream().filter(ASYMMETRIC::contains).collect(Collectors.toSet());
            if (algorithms.isEmpty() || metadata.getJWKSetURI() == null) {
                throw new ProviderUnavailable("The identity provider at " + settings.issuer() + " signs ID tokens with " + offered
                        + " and publishes " + (metadata.getJWKSetURI() == null ? "no" : "its") + " keys; Leadline needs signatures by"
                        + " published keys (RS256, ES256 or the like).", null);
            }
            var keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024)).build();
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), clientId,
                    new JWSVerificationKeySelector<>(algorithms, keys), null);
            log.info("OpenID Connect: using {} (authorization {}, ID tokens signed with {})", metadata.getIssuer(),
                    metadata.getAuthorizationEndpointURI(), algorithms);
            return new Provider(metadata, validator);
        } catch (GeneralException | IOException e) {
            log.warn("OpenID Connect: discovery at {} failed", settings.issuer(), e);
            throw new ProviderUnavailable("The identity provider at " + settings.issuer() + " could not be reached or did not describe itself"
                    + " (" + e.getMessage() + "). Try again shortly, or sign in with a link from chat.", e);
        }
    }

    /** client_secret_basic unless the provider only takes client_secret_post. */
    private ClientAuthentication clientAuthentication(OIDCProviderMetadata metadata) {
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        if (methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientSecretPost(clientId, secret);
        }
        return new ClientSecretBasic(clientId, secret);
    }

    private static String describe(ErrorObject error) {
        return error.getDescription() == null ? String.valueOf(error.getCode()) : error.getCode() + ": " + error.getDescription();
    }
}
