package dev.leadline.plugins.crm.salesforce;

import dev.leadline.plugin.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The plugin's settings ({@code plugins.crm-salesforce.<key>}): {@code loginUrl} ({@code https://login.salesforce.com};
 * {@code https://test.salesforce.com} for a sandbox), {@code audience} (the JWT's {@code aud}: the login URL unless set,
 * e.g. {@code https://login.salesforce.com} when {@code loginUrl} is a My Domain URL), {@code clientId} (the connected app's consumer key), {@code username},
 * {@code privateKey} (PEM, PKCS#8) or {@code privateKeyFile}, {@code apiVersion} ({@code v60.0}), {@code statusMap},
 * {@code company} (a new Lead's Company when the lead has none: {@code [not provided]}), {@code opportunityStage}
 * ({@code Prospecting}) and {@code closeDays} (an opportunity's CloseDate after the conversion: 30).
 * Read once per call; {@link #problems()} says what is missing or unreadable.
 */
record SalesforceSettings(String loginUrl, String audience, String clientId, String username, PrivateKey privateKey, String apiVersion,
                          SalesforceStatuses statuses, String company, String opportunityStage, int closeDays, List<String> problems) {
    static final String PREFIX = "plugins.crm-salesforce.";

    static SalesforceSettings of(ProviderContext context) {
        List<String> problems = new ArrayList<>();
        String loginUrl = context.config("loginUrl").map(String::strip).orElse("https://login.salesforce.com").replaceAll("/+$", "");
        if (!loginUrl.startsWith("https://") && !loginUrl.startsWith("http://")) {
            problems.add(PREFIX + "loginUrl must be an http:// or https:// URL, not '" + loginUrl + "'");
        }
        String clientId = required(context, "clientId", "the connected app's consumer key", problems);
        String username = required(context, "username", "the Salesforce user the connector acts as", problems);
        PrivateKey key = key(context, problems);
        String version = context.config("apiVersion").map(String::strip).orElse("v60.0");
        SalesforceStatuses statuses = new SalesforceStatuses(java.util.Map.of());
        try {
            statuses = SalesforceStatuses.parse(context.config("statusMap").orElse(null));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        int closeDays = 30;
        try {
            closeDays = Integer.parseInt(context.config("closeDays").orElse("30").strip());
        } catch (NumberFormatException e) {
            problems.add(PREFIX + "closeDays must be a whole number of days");
        }
        String audience = context.config("audience").map(String::strip).orElse(loginUrl);
        return new SalesforceSettings(loginUrl, audience, clientId, username, key, version.startsWith("v") ? version : "v" + version, statuses,
                context.config("company").orElse("[not provided]"), context.config("opportunityStage").orElse("Prospecting"), closeDays,
                List.copyOf(problems));
    }

    /** The REST API's path prefix, e.g. {@code /services/data/v60.0}. */
    String data() {
        return "/services/data/" + apiVersion;
    }

    private static String required(ProviderContext context, String key, String what, List<String> problems) {
        String value = context.config(key).map(String::strip).orElse(null);
        if (value == null) {
            problems.add("set " + PREFIX + key + " (" + what + ")");
        }
        return value;
    }

    private static PrivateKey key(ProviderContext context, List<String> problems) {
        String pem = context.config("privateKey").orElse(null);
        if (pem == null && context.config("privateKeyFile").isPresent()) {
            try {
                pem = Files.readString(Path.of(context.config("privateKeyFile").get().strip()));
            } catch (IOException e) {
                problems.add("cannot read " + PREFIX + "privateKeyFile: " + e.getMessage());
                return null;
            }
        }
        if (pem == null) {
            problems.add("set " + PREFIX + "privateKey (PEM, PKCS#8) or " + PREFIX + "privateKeyFile: the key whose certificate the connected app has");
            return null;
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("ENCRYPTED")) {
            problems.add(PREFIX + "privateKey must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY): convert it with "
                    + "openssl pkcs8 -topk8 -nocrypt -in key.pem");
            return null;
        }
        try {
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replace("\\n", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add(PREFIX + "privateKey is not a PKCS#8 RSA key in PEM (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    @Override
    public String toString() {
        return "SalesforceSettings[loginUrl=" + loginUrl + ", clientId=" + clientId + ", username=" + username + ", privateKey="
                + (privateKey == null ? "none" : "***") + ", apiVersion=" + apiVersion + "]";
    }
}
