package dev.leadline.plugins.email;

import com.google.common.net.InternetDomainName;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.EnrichmentProvider;
import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.ProviderContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Offline enrichment from what a lead gave: whether the email is webmail, disposable or corporate
 * ({@code emailType}); the company's domain from a corporate email or the website ({@code domain});
 * names and company in their usual case and without stray spaces; the phone number in E.164 with its
 * country ({@code phone}, {@code phoneCountry}), read in the lead's country (or {@code defaultRegion},
 * default US) when it has no international prefix. Names, company and phone cleaned from the lead's
 * own values, and a domain for a lead without one, are marked as cleaned forms of its fields
 * ({@link FieldValue#cleaned}), which the host writes onto the lead when {@code writeFields} is on.
 */
@Extension
public final class EmailEnrichment implements EnrichmentProvider {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+)");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static volatile DomainLists lists;

    @Override
    public String id() {
        return "email";
    }

    @Override
    public Set<String> fills() {
        return Set.of("emailType", "domain", "firstName", "lastName", "company", "phone", "phoneCountry");
    }

    @Override
    public Set<String> needs() {
        return Set.of("email", "website", "phone", "firstName", "lastName", "company");
    }

    @Override
    public Enrichment enrich(LeadSnapshot lead, ProviderContext context) {
        List<FieldValue> found = new ArrayList<>();
        Optional<String> emailDomain = lead.get("email").map(String::strip).filter(e -> EMAIL.matcher(e).matches())
                .map(e -> e.substring(e.indexOf('@') + 1).toLowerCase(Locale.ROOT));
        emailDomain.ifPresent(domain -> {
            String type = lists().disposable(domain) ? "disposable" : lists().webmail(domain) ? "webmail" : "corporate";
            found.add(new FieldValue("emailType", type, 1.0));
            if (type.equals("corporate")) {
                found.add(domain(lead, registrable(domain.replaceFirst("^www\\.", "")), 0.9));
            }
        });
        if (emailDomain.isEmpty() || found.stream().noneMatch(v -> v.field().equals("domain"))) {
            lead.get("website").flatMap(EmailEnrichment::host).filter(h -> !lists().webmail(h))
                    .ifPresent(h -> found.add(domain(lead, registrable(h), 0.8)));
        }
        for (String field : List.of("firstName", "lastName")) {
            lead.get(field).map(EmailEnrichment::personName).filter(n -> !n.equals(lead.get(field).orElse(null)))
                    .ifPresent(n -> found.add(ownOrEnriched(lead, field, n, 0.9)));
        }
        lead.get("company").map(c -> c.strip().replaceAll("\\s+", " ")).filter(c -> !c.equals(lead.get("company").orElse(null)))
                .ifPresent(c -> found.add(ownOrEnriched(lead, "company", c, 0.9)));
        lead.get("phone").ifPresent(raw -> phone(lead, raw, region(lead, context)).ifPresent(found::addAll));
        return Enrichment.of(found);
    }

    /**
     * A value that means the same as the lead's own one in its usual form is marked as the cleaned form of
     * that field (the host may write it there when this plugin's {@code writeFields} is on); a value
     * cleaned from another provider's enrichment stays an enrichment value.
     */
    private static FieldValue ownOrEnriched(LeadSnapshot lead, String field, String value, double confidence) {
        return lead.fields().containsKey(field) ? FieldValue.cleaned(lead, field, value, confidence) : new FieldValue(field, value, confidence);
    }

    /** The company's domain may fill the lead's own when it has none; a domain it has is never replaced by another. */
    private static FieldValue domain(LeadSnapshot lead, String domain, double confidence) {
        return lead.fields().containsKey("domain") ? new FieldValue("domain", domain, confidence) : FieldValue.cleaned(lead, "domain", domain, confidence);
    }

    private static Optional<List<FieldValue>> phone(LeadSnapshot lead, String raw, String region) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw, region);
            if (!PHONES.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(List.of(ownOrEnriched(lead, "phone", PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), 0.95),
                    new FieldValue("phoneCountry", PHONES.getRegionCodeForNumber(number), 0.95)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The lead's country as an ISO region when it is one (or a country name Java knows), else the configured default. */
    private static String region(LeadSnapshot lead, ProviderContext context) {
        String fallback = context.config("defaultRegion").orElse("US").toUpperCase(Locale.ROOT);
        return lead.get("country").map(String::strip).flatMap(c -> {
            if (c.length() == 2) {
                return Optional.of(c.toUpperCase(Locale.ROOT));
            }
            for (String iso : Locale.getISOCountries()) {
                if (new Locale("", iso).getDisplayCountry(Locale.ENGLISH).equalsIgnoreCase(c)) {
                    return Optional.of(iso);
                }
            }
            return Optional.empty();
        }).orElse(fallback);
    }

    /**
     * The domain a company registered ({@code mail.tcs.com} → {@code tcs.com}, {@code www.cam.ac.uk} →
     * {@code cam.ac.uk}), by the Public Suffix List; a host under no public suffix is kept as it is.
     */
    static String registrable(String host) {
        try {
            InternetDomainName name = InternetDomainName.from(host);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : host;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return host;
        }
    }

    private static Optional<String> host(String website) {
        try {
            String url = website.strip().matches("(?i)https?://.*") ? website.strip() : "http://" + website.strip();
            return Optional.ofNullable(URI.create(url).getHost()).map(h -> h.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", ""))
                    .filter(h -> h.contains("."));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** "JANE" → "Jane", "o'neil" → "O'Neil", "anne-marie" → "Anne-Marie"; a name typed in mixed case is kept as typed. */
    static String personName(String name) {
        String trimmed = name.strip().replaceAll("\\s+", " ");
        boolean oneCase = trimmed.equals(trimmed.toLowerCase(Locale.ROOT)) || trimmed.equals(trimmed.toUpperCase(Locale.ROOT));
        if (!oneCase) {
            return trimmed;
        }
        StringBuilder out = new StringBuilder();
        boolean start = true;
        for (char c : trimmed.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-' || c == '\'';
        }
        return out.toString();
    }

    private static DomainLists lists() {
        DomainLists loaded = lists;
        if (loaded == null) {
            synchronized (EmailEnrichment.class) {
                if (lists == null) {
                    lists = new DomainLists();
                }
                loaded = lists;
            }
        }
        return loaded;
    }
}
