package dev.leadline.core.dedupe;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a lead's likely duplicates: candidates sharing a blocking key, read from the index, then
 * judged by {@link LeadMatcher}, best first.
 */
public final class DuplicateService {
    static final int PER_KEY = 50;
    private final LeadRepository leads;
    private final MatchKeyIndex index;
    private final LeadMatcher matcher = new LeadMatcher();

    public DuplicateService(LeadRepository leads, MatchKeyIndex index) {
        this.leads = leads;
        this.index = index;
    }

    /** A candidate duplicate: the other lead, how sure, and what matched. */
    public record Duplicate(Lead lead, double score, List<String> matched) {}

    /** Duplicates of a stored lead. */
    public List<Duplicate> duplicatesOf(LeadId id) {
        Lead lead = leads.find(id).orElseThrow(() -> new dev.leadline.core.common.NotFoundException("lead", id.toString()));
        return duplicatesOf(lead.data(), Optional.of(id));
    }

    /** Duplicates of lead data (stored or about to be), leaving out {@code self}. */
    public List<Duplicate> duplicatesOf(LeadData data, Optional<LeadId> self) {
        MatchProfile profile = MatchProfile.of(data);
        List<Duplicate> found = new ArrayList<>();
        Set<LeadId> candidates = new LinkedHashSet<>(index.candidates(profile.blockingKeys(), PER_KEY));
        self.ifPresent(candidates::remove);
        for (Lead other : leads.findAll(candidates)) {
            matcher.compare(profile, MatchProfile.of(other.data())).ifPresent(m -> found.add(new Duplicate(other, m.score(), m.matched())));
        }
        found.sort(Comparator.comparingDouble(Duplicate::score).reversed());
        return found;
    }
}
