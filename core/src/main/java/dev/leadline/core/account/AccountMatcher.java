package dev.leadline.core.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges which account a lead belongs to. Each rule weighs one kind of evidence; an account's
 * confidence combines the evidence it has ({@code 1 - Π(1 - c)}: a domain root and the company name
 * together are surer than either). The most confident account wins; several equally confident ones
 * go to the tiebreaker.
 */
public final class AccountMatcher {
    static final double SAME_DOMAIN = 0.95;
    static final double CONTACT_AT_DOMAIN = 0.85;
    static final double SAME_DOMAIN_ROOT = 0.8;
    static final double SAME_COMPANY_NAME = 0.6;

    /** One piece of evidence that the lead belongs to the account. */
    record Evidence(double confidence, String description) {}

    /** One kind of evidence, looked for between a lead and an account. */
    @FunctionalInterface
    interface Rule {
        Optional<Evidence> judge(LeadEvidence lead, AccountCandidate candidate);
    }

    static List<Rule> allRules() {
        return List.of(AccountMatcher::sameDomain, AccountMatcher::contactAtDomain, AccountMatcher::sameDomainRoot,
                AccountMatcher::sameCompanyName);
    }

    private final List<Rule> rules = allRules();
    private final AccountTiebreaker tiebreaker;

    public AccountMatcher(AccountTiebreaker tiebreaker) {
        this.tiebreaker = tiebreaker;
    }

    static Optional<Evidence> sameDomain(LeadEvidence lead, AccountCandidate candidate) {
        String domain = candidate.account().domain();
        return domain != null && lead.domains().contains(domain) ? Optional.of(new Evidence(SAME_DOMAIN, "domain " + domain)) : Optional.empty();
    }

    static Optional<Evidence> contactAtDomain(LeadEvidence lead, AccountCandidate candidate) {
        return Optional.ofNullable(lead.emailDomain()).filter(d -> !d.equals(candidate.account().domain()))
                .map(d -> candidate.contactEmailByDomain().get(d))
                .map(email -> new Evidence(CONTACT_AT_DOMAIN, "contact " + email + " at the domain " + lead.emailDomain()));
    }

    static Optional<Evidence> sameDomainRoot(LeadEvidence lead, AccountCandidate candidate) {
        String domain = candidate.account().domain();
        String root = AccountKeys.domainRoot(domain);
        if (root == null || lead.domains().contains(domain) || !lead.domainRoots().contains(root)) { // root != null: domain too
            return Optional.empty();
        }
        String leadDomain = lead.domains().stream().filter(d -> root.equals(AccountKeys.domainRoot(d))).findFirst().orElse(root);
        return Optional.of(new Evidence(SAME_DOMAIN_ROOT, "domain root " + root + " (" + leadDomain + " ~ " + domain + ")"));
    }

    static Optional<Evidence> sameCompanyName(LeadEvidence lead, AccountCandidate candidate) {
        return lead.nameKey() != null && lead.nameKey().equals(AccountKeys.nameKey(candidate.account().name()))
                ? Optional.of(new Evidence(SAME_COMPANY_NAME, "company name '" + candidate.account().name() + "'")) : Optional.empty();
    }

    /** The lead's account among the candidates, if any has evidence for it. */
    public Optional<AccountMatch> best(LeadEvidence lead, Collection<AccountCandidate> candidates) {
        List<Judged> judged = candidates.stream().map(c -> judge(lead, c)).filter(j -> !j.evidence().isEmpty()).toList();
        long top = judged.stream().mapToLong(Judged::rank).max().orElse(-1);
        List<Judged> best = judged.stream().filter(j -> j.rank() == top)
                .sorted(Comparator.comparing(Judged::candidate, tiebreaker.order())).toList();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        Judged winner = best.get(0);
        String by = String.join(" and ", winner.evidence().stream().map(Evidence::description).toList())
                + (best.size() > 1 ? "; chosen over " + (best.size() - 1) + " other" + (best.size() > 2 ? "s" : "") + " by "
                + tiebreaker.description() : "");
        Account a = winner.candidate().account();
        return Optional.of(new AccountMatch(a.id(), a.name(), a.ownerRepId(), winner.confidence(), by));
    }

    private Judged judge(LeadEvidence lead, AccountCandidate candidate) {
        List<Evidence> found = new ArrayList<>();
        rules.forEach(rule -> rule.judge(lead, candidate).ifPresent(found::add));
        double doubt = found.stream().mapToDouble(e -> 1 - e.confidence()).reduce(1, (a, b) -> a * b);
        return new Judged(candidate, found, Math.round((1 - doubt) * 1000) / 1000.0);
    }

    private record Judged(AccountCandidate candidate, List<Evidence> evidence, double confidence) {
        long rank() {
            return Math.round(confidence * 1000);
        }
    }
}
