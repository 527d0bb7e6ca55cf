package dev.leadline.core.account;

import dev.leadline.core.dedupe.MatchKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalised forms accounts and leads are matched by: a bare domain, its root, a company name
 * without legal form, and whether a domain is a free or throwaway mailbox provider (never a company).
 */
public final class AccountKeys {
    private static final Pattern JSON_STRING = Pattern.compile("\"([^\"]+)\"");
    private static final Set<String> FREE_EMAIL = freeEmailDomains();
    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern MAILBOX = Pattern.compile("^[^/@]*@");
    private static final Pattern PATH = Pattern.compile("[/:?#].*$");
    private static final Pattern WWW = Pattern.compile("^www\\d*\\.");
    private static final Pattern TRAILING_DOT = Pattern.compile("\\.$");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");

    private AccountKeys() {}

    /** {@code https://www.Acme.com/about} as {@code acme.com}; null for something that is no domain. */
    public static String domain(String domainOrUrl) {
        if (domainOrUrl == null || domainOrUrl.isBlank()) {
            return null;
        }
        String d = domainOrUrl.strip().toLowerCase(Locale.ROOT);
        for (Pattern part : new Pattern[] {SCHEME, MAILBOX, PATH, WWW, TRAILING_DOT}) {
            d = part.matcher(d).replaceFirst("");
        }
        return DOMAIN.matcher(d).matches() ? d : null;
    }

    /** The domain of an email address, or null. */
    public static String emailDomain(String email) {
        if (email == null || email.indexOf('@') < 1) {
            return null;
        }
        return domain(email.substring(email.lastIndexOf('@') + 1));
    }

    /** {@code acme.co.uk} and {@code acme.com} are both {@code acme}; null without a domain. */
    public static String domainRoot(String domain) {
        String root = domain == null ? "" : MatchKeys.domainRoot(domain);
        return root.isEmpty() ? null : root;
    }

    /** "ACME, Ltd." as {@code acme}; null when nothing is left. */
    public static String nameKey(String name) {
        String key = MatchKeys.company(name);
        return key.isEmpty() ? null : key;
    }

    /** Whether the domain belongs to a free webmail or disposable mailbox provider (gmail.com, web.de, ...). */
    public static boolean isFreeEmail(String domain) {
        return domain != null && FREE_EMAIL.contains(domain);
    }

    /** A company domain: a domain that is not a free mailbox provider's, or null. */
    static String companyDomain(String domainOrUrl) {
        String d = domain(domainOrUrl);
        return isFreeEmail(d) ? null : d;
    }

    private static Set<String> freeEmailDomains() {
        // Kikobeats/free-email-domains (MIT, see free-email-domains-LICENSE.md): free and disposable providers together
        try (InputStream in = AccountKeys.class.getResourceAsStream("free-email-domains.json")) {
            if (in == null) {
                throw new IllegalStateException("free-email-domains.json is missing from the core jar");
            }
            Matcher m = JSON_STRING.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> domains = new HashSet<>();
            while (m.find()) {
                domains.add(m.group(1).toLowerCase(Locale.ROOT));
            }
            return Set.copyOf(domains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
