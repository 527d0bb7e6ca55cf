package dev.leadline.core.account;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lead-to-account matching: new leads are matched as they are stored (a whole import batch with a
 * few queries), the match is kept with the lead, and open leads without one are matched again after
 * accounts are imported.
 */
public final class AccountMatching {
    /** For intake without accounts (tests of intake alone): matches nothing. */
    public static final AccountMatching NONE = new AccountMatching(null, null, null, AccountTiebreaker.DEFAULT, null);
    static final int BATCH = 500;

    private final Transactor transactor;
    private final AccountCandidates candidates;
    private final LeadAccountMatches matches;
    private final AccountMatcher matcher;
    private final Clock clock;

    public AccountMatching(Transactor transactor, AccountCandidates candidates, LeadAccountMatches matches, AccountTiebreaker tiebreaker,
                           Clock clock) {
        this.transactor = transactor;
        this.candidates = candidates;
        this.matches = matches;
        this.matcher = new AccountMatcher(tiebreaker);
        this.clock = clock;
    }

    /** Matches the leads and stores what they matched; call inside the transaction that stored them. Says how many matched. */
    public int matchAll(List<Lead> leads) {
        if (candidates == null || leads.isEmpty()) {
            return 0;
        }
        Map<LeadId, LeadEvidence> evidence = new LinkedHashMap<>();
        leads.forEach(l -> evidence.put(l.id(), LeadEvidence.of(l.data(), l.enrichment())));
        Map<LeadId, AccountMatch> found = judge(evidence);
        matches.store(found, clock.instant());
        return found.size();
    }

    /** The account this lead data matches now (nothing is stored). */
    public Optional<AccountMatch> match(LeadEvidence lead) {
        return candidates == null ? Optional.empty() : Optional.ofNullable(judge(Map.of(new LeadId(0), lead)).get(new LeadId(0)));
    }

    public Optional<AccountMatch> match(LeadData data, Map<String, String> enrichment) {
        return match(LeadEvidence.of(data, enrichment));
    }

    /** The match stored with the lead, if it has one. */
    public Optional<AccountMatch> stored(LeadId lead) {
        return Optional.ofNullable(stored(List.of(lead)).get(lead));
    }

    public Map<LeadId, AccountMatch> stored(Collection<LeadId> leads) {
        return matches == null || leads.isEmpty() ? Map.of() : matches.of(leads);
    }

    /** Matches open leads that have no account yet, a batch per transaction; says how many matched one now. */
    public long rematchOpenLeads() {
        if (candidates == null) {
            return 0;
        }
        long matched = 0;
        Batch batch = new Batch(0, 0, true);
        while (batch.more()) {
            long after = batch.lastId();
            batch = transactor.inTransaction(() -> {
                List<Lead> leads = matches.openUnmatched(after, BATCH);
                return new Batch(leads.isEmpty() ? after : leads.get(leads.size() - 1).id().value(), matchAll(leads), leads.size() == BATCH);
            });
            matched += batch.matched();
        }
        return matched;
    }

    private record Batch(long lastId, int matched, boolean more) {}

    private Map<LeadId, AccountMatch> judge(Map<LeadId, LeadEvidence> leads) {
        Set<String> roots = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> contactDomains = new LinkedHashSet<>();
        leads.values().forEach(e -> {
            roots.addAll(e.domainRoots());
            Optional.ofNullable(e.nameKey()).ifPresent(names::add);
            Optional.ofNullable(e.emailDomain()).ifPresent(contactDomains::add);
        });
        if (roots.isEmpty() && names.isEmpty()) {
            return Map.of();
        }
        Map<String, List<AccountCandidate>> byKey = new HashMap<>();
        for (AccountCandidate c : candidates.find(roots, names, contactDomains)) {
            Optional.ofNullable(AccountKeys.domainRoot(c.account().domain())).ifPresent(r -> index(byKey, "r:" + r, c));
            Optional.ofNullable(AccountKeys.nameKey(c.account().name())).ifPresent(n -> index(byKey, "n:" + n, c));
            c.contactEmailByDomain().keySet().forEach(d -> index(byKey, "c:" + d, c));
        }
        Map<LeadId, AccountMatch> matched = new HashMap<>();
        leads.forEach((id, evidence) -> {
            Set<AccountCandidate> mine = new LinkedHashSet<>();
            evidence.domainRoots().forEach(r -> mine.addAll(byKey.getOrDefault("r:" + r, List.of())));
            mine.addAll(byKey.getOrDefault("n:" + evidence.nameKey(), List.of()));
            mine.addAll(byKey.getOrDefault("c:" + evidence.emailDomain(), List.of()));
            matcher.best(evidence, mine).ifPresent(m -> matched.put(id, m));
        });
        return matched;
    }

    private static void index(Map<String, List<AccountCandidate>> byKey, String key, AccountCandidate candidate) {
        byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(candidate);
    }
}
