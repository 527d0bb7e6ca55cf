package dev.leadline.core.account;

import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a lead tells about its company: its company domains (the domain field, the website's host,
 * the email's domain, an enriched domain; free mailbox providers never count), their roots, the
 * email domain its colleagues' addresses would have, and its company name without legal form.
 */
public record LeadEvidence(Set<String> domains, Set<String> domainRoots, String emailDomain, String company, String nameKey) {
    public LeadEvidence {
        domains = Set.copyOf(domains);
        domainRoots = Set.copyOf(domainRoots);
    }

    /** From a lead's fields and its enriched values. */
    public static LeadEvidence of(LeadData data, Map<String, String> enrichment) {
        return of(name -> LeadField.byName(name).flatMap(data::get).or(() -> Optional.ofNullable(enrichment.get(name))));
    }

    /**
     * From fields by JSON name ({@code email}, {@code domain}, {@code website}, {@code company});
     * {@code enrichment.domain} and {@code enrichment.company} stand in for missing ones.
     */
    public static LeadEvidence of(Function<String, Optional<String>> field) {
        Function<String, Optional<String>> value = name -> field.apply(name).or(() -> field.apply("enrichment." + name))
                .filter(v -> !v.isBlank());
        String emailDomain = value.apply("email").map(AccountKeys::emailDomain).filter(d -> !AccountKeys.isFreeEmail(d)).orElse(null);
        Set<String> domains = new LinkedHashSet<>();
        Stream.of(value.apply("domain"), value.apply("website")).flatMap(Optional::stream).map(AccountKeys::companyDomain)
                .filter(d -> d != null).forEach(domains::add);
        if (emailDomain != null) {
            domains.add(emailDomain);
        }
        Set<String> roots = new LinkedHashSet<>();
        domains.stream().map(AccountKeys::domainRoot).filter(r -> r != null).forEach(roots::add);
        String company = value.apply("company").map(String::strip).orElse(null);
        return new LeadEvidence(domains, roots, emailDomain, company, AccountKeys.nameKey(company));
    }

    public boolean isEmpty() {
        return domains.isEmpty() && nameKey == null;
    }
}
