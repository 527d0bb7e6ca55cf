package dev.leadline.core.dedupe;

import dev.leadline.core.account.Contact;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a lead's likely duplicates among stored leads (candidates sharing a blocking key, read from
 * the index, then judged by {@link LeadMatcher}, best first) and contacts, and applies the
 * installation's {@link DuplicatePolicy} to them.
 */
public final class DuplicateService {
    static final int PER_KEY = 50;
    private final LeadRepository leads;
    private final MatchKeyIndex index;
    private final ContactIndex contacts;
    private final DuplicatePolicy policy;
    private final DuplicateVerdicts verdicts;
    private final LeadMatcher matcher = new LeadMatcher();

    public DuplicateService(LeadRepository leads, MatchKeyIndex index) {
        this(leads, index, ContactIndex.NONE, DuplicatePolicy.DEFAULT);
    }

    public DuplicateService(LeadRepository leads, MatchKeyIndex index, ContactIndex contacts, DuplicatePolicy policy) {
        this(leads, index, contacts, policy, DuplicateVerdicts.NONE);
    }

    public DuplicateService(LeadRepository leads, MatchKeyIndex index, ContactIndex contacts, DuplicatePolicy policy, DuplicateVerdicts verdicts) {
        this.leads = leads;
        this.index = index;
        this.contacts = contacts;
        this.policy = policy;
        this.verdicts = verdicts;
    }

    /**
     * Keeps, in the caller's transaction, what the rules decided for records judged at the checkpoint and
     * acted on ({@code judged.get(i)} for {@code data.get(i)}); allowing is not kept.
     */
    public void note(Checkpoint checkpoint, List<LeadData> data, List<Optional<DuplicatePolicy.Verdict>> judged, java.time.Instant at) {
        List<DuplicateVerdicts.Noted> noted = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            LeadData record = data.get(i);
            judged.get(i).filter(v -> v.action() != DuplicateAction.ALLOW).ifPresent(v -> noted.add(new DuplicateVerdicts.Noted(checkpoint,
                    v.action(), v.lookalike().reference(), record.getOrNull(LeadField.SOURCE), at)));
        }
        if (!noted.isEmpty()) {
            verdicts.record(noted);
        }
    }

    /** A stored lead that a lead looks like. */
    public record Duplicate(Lead lead, double score, List<String> matched) implements Lookalike {
        @Override
        public String reference() {
            return lead.id().toString();
        }

        @Override
        public Long ownerRepId() {
            return lead.ownerRepId();
        }
    }

    public DuplicatePolicy policy() {
        return policy;
    }

    /**
     * Duplicates of a stored lead. The answer is symmetric: a lead lists another exactly when that one
     * lists it (see {@link #duplicatesOfAll}).
     */
    public List<Duplicate> duplicatesOf(LeadId id) {
        Lead lead = leads.find(id).orElseThrow(() -> new NotFoundException("lead", id.toString()));
        return duplicatesOf(lead.data(), Optional.of(id));
    }

    /** Duplicates of lead data (stored as {@code self}, or about to be stored), leaving out {@code self}. */
    public List<Duplicate> duplicatesOf(LeadData data, Optional<LeadId> self) {
        List<Duplicate> found = candidates(List.of(data), List.of(self)).get(0);
        return self.map(id -> found.stream().filter(d -> !d.lead().id().equals(id)).toList()).orElse(found);
    }

    /**
     * Duplicates of each of many new leads' data, in order: one index lookup and one read for all of
     * them. A blocking key counts only while at most {@value #PER_KEY} leads carry it, the new one
     * included (a very common key says little), and each pair is judged older lead first: so a pair
     * is found from either side or from neither, whichever of the two asks.
     */
    public List<List<Duplicate>> duplicatesOfAll(List<LeadData> data) {
        return candidates(data, data.stream().map(d -> Optional.<LeadId>empty()).toList());
    }

    private List<List<Duplicate>> candidates(List<LeadData> data, List<Optional<LeadId>> selves) {
        List<MatchProfile> profiles = data.stream().map(this::profile).toList();
        Set<String> keys = new LinkedHashSet<>();
        profiles.forEach(p -> keys.addAll(p.blockingKeys()));
        Map<String, List<LeadId>> byKey = index.candidatesByKey(keys, PER_KEY + 1);
        List<Set<LeadId>> mine = new ArrayList<>(profiles.size());
        Set<LeadId> wanted = new LinkedHashSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            int newcomer = selves.get(i).isPresent() ? 0 : 1;
            Set<LeadId> carried = new LinkedHashSet<>();
            for (String key : profiles.get(i).blockingKeys()) {
                List<LeadId> carriers = byKey.getOrDefault(key, List.of());
                if (carriers.size() + newcomer <= PER_KEY) {
                    carried.addAll(carriers);
                }
            }
            mine.add(carried);
            wanted.addAll(carried); // the carriers of a key too common to count are not read at all
        }
        Map<LeadId, Candidate> stored = new HashMap<>();
        for (Lead lead : leads.findAll(wanted)) {
            stored.put(lead.id(), new Candidate(lead, profile(lead.data())));
        }
        List<List<Duplicate>> result = new ArrayList<>(profiles.size());
        for (int i = 0; i < profiles.size(); i++) {
            result.add(judged(profiles.get(i), selves.get(i), mine.get(i).stream().map(stored::get).filter(java.util.Objects::nonNull).toList()));
        }
        return result;
    }

    private record Candidate(Lead lead, MatchProfile profile) {}

    /** The candidates that match, best first; each pair compared older lead first (a new lead is the newest). */
    private List<Duplicate> judged(MatchProfile profile, Optional<LeadId> self, Collection<Candidate> candidates) {
        List<Duplicate> found = new ArrayList<>();
        for (Candidate other : candidates) {
            boolean selfIsOlder = self.isPresent() && self.get().value() < other.lead().id().value();
            Optional<LeadMatcher.Match> match = selfIsOlder ? matcher.compare(profile, other.profile()) : matcher.compare(other.profile(), profile);
            match.ifPresent(m -> found.add(new Duplicate(other.lead(), m.score(), m.matched())));
        }
        found.sort(Comparator.comparingDouble(Duplicate::score).reversed());
        return found;
    }

    /** Contacts the lead data looks like, best first. */
    public List<ContactMatch> contactsLike(LeadData data) {
        MatchProfile profile = profile(data);
        List<ContactMatch> found = new ArrayList<>();
        for (ContactIndex.Candidate c : contacts.candidates(data.emailKey(), data.getOrNull(LeadField.LAST_NAME),
                data.get(LeadField.DOMAIN).orElse(null), data.getOrNull(LeadField.COMPANY))) {
            matcher.compare(profile, profile(asLead(c))).ifPresent(m ->
                    found.add(new ContactMatch(c.contact(), c.accountName(), c.ownerRepId(), m.score(), m.matched())));
        }
        found.sort(Comparator.comparingDouble(ContactMatch::score).reversed());
        return found;
    }

    /**
     * Serialises checks of leads that share a mailbox, phone or identifier, for the rest of the caller's
     * transaction (see {@link MatchKeyIndex#lock}).
     */
    public void serialise(LeadData data) {
        index.lock(profile(data).identityKeys());
    }

    /** The keys under which the lead's look-alikes are found (see {@link MatchProfile#blockingKeys}). */
    public Set<String> blockingKeys(LeadData data) {
        return profile(data).blockingKeys();
    }

    private MatchProfile profile(LeadData data) {
        return MatchProfile.of(data, policy.identifiers());
    }

    /** What the rules say about one lead at a checkpoint, looking only where a rule there looks. */
    public Optional<DuplicatePolicy.Verdict> check(LeadData data, Checkpoint checkpoint) {
        return checkAll(List.of(data), checkpoint).get(0);
    }

    /** What the rules say about each of many leads at a checkpoint (an import batch), in order. */
    public List<Optional<DuplicatePolicy.Verdict>> checkAll(List<LeadData> data, Checkpoint checkpoint) {
        return checkAll(data, checkpoint, leads -> Set.of());
    }

    /**
     * As {@link #checkAll(List, Checkpoint)}, where a lead that looks like both leads of a pair someone
     * dismissed ({@code dismissed}: the dismissed pairs among some leads) is judged only against the
     * better match of the two.
     */
    public List<Optional<DuplicatePolicy.Verdict>> checkAll(List<LeadData> data, Checkpoint checkpoint,
                                                            java.util.function.Function<Collection<LeadId>, Set<LeadPair>> dismissed) {
        boolean againstLeads = policy.looksAt(checkpoint, DuplicateRule.Against.LEADS);
        boolean againstContacts = policy.looksAt(checkpoint, DuplicateRule.Against.CONTACTS);
        List<List<Duplicate>> alike = againstLeads ? Dismissals.withoutDismissed(duplicatesOfAll(data), dismissed) : null;
        List<Optional<DuplicatePolicy.Verdict>> verdicts = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            List<ContactMatch> people = againstContacts ? contactsLike(data.get(i)) : List.of();
            verdicts.add(policy.judge(checkpoint, againstLeads ? alike.get(i) : List.of(), people));
        }
        return verdicts;
    }

    private static LeadData asLead(ContactIndex.Candidate c) {
        Contact p = c.contact();
        Map<LeadField, String> fields = new java.util.EnumMap<>(LeadField.class);
        put(fields, LeadField.FIRST_NAME, p.firstName());
        put(fields, LeadField.LAST_NAME, p.lastName());
        put(fields, LeadField.EMAIL, p.email());
        put(fields, LeadField.PHONE, p.phone());
        put(fields, LeadField.COMPANY, c.accountName());
        put(fields, LeadField.DOMAIN, c.accountDomain());
        return new LeadData(fields, Map.of());
    }

    private static void put(Map<LeadField, String> fields, LeadField field, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(field, value);
        }
    }
}
