package dev.leadline.plugins.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The domain lists shipped with the plugin: free webmail ({@code freemail}, ISC) and disposable
 * inboxes ({@code disposable-email-domains}, CC0). A subdomain of a listed domain counts as listed.
 */
final class DomainLists {
    private final Set<String> webmail = load("webmail.txt");
    private final Set<String> disposable = load("disposable.txt");

    boolean webmail(String domain) {
        return listed(webmail, domain);
    }

    boolean disposable(String domain) {
        return listed(disposable, domain);
    }

    private static boolean listed(Set<String> list, String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        while (true) {
            if (list.contains(d)) {
                return true;
            }
            int dot = d.indexOf('.');
            if (dot < 0 || d.indexOf('.', dot + 1) < 0) {
                return false;
            }
            d = d.substring(dot + 1);
        }
    }

    private static Set<String> load(String name) {
        try (InputStream in = DomainLists.class.getResourceAsStream("/enrich-email/" + name)) {
            if (in == null) {
                throw new IllegalStateException("enrich-email/" + name + " is missing from the plugin");
            }
            Set<String> domains = new HashSet<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String d = line.strip().toLowerCase(Locale.ROOT);
                if (!d.isEmpty() && !d.startsWith("#")) {
                    domains.add(d);
                }
            }
            return Set.copyOf(domains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
