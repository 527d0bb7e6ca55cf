package dev.leadline.core.dedupe;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Page;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reviewing look-alikes flagged at intake or import: the open pairs a rep may work, best match first,
 * and dismissing a pair as not the same person (it is then never flagged again). Merging a pair is
 * {@link MergeService}'s.
 */
public final class DuplicateReviewService {
    /** Pairs on one page of the review. */
    public static final int PAGE = 25;
    private final Transactor transactor;
    private final LeadRepository leads;
    private final DuplicateReviews reviews;
    private final LeadJournal journal;
    private final Clock clock;

    public DuplicateReviewService(Transactor transactor, LeadRepository leads, DuplicateReviews reviews, LeadJournal journal, Clock clock) {
        this.transactor = transactor;
        this.leads = leads;
        this.reviews = reviews;
        this.journal = journal;
        this.clock = clock;
    }

    /** An open flag with both its leads: the one stored later ({@code lead}) and the one it looks like. */
    public record Pair(Lead lead, Lead like, double score, List<String> matched, Instant flaggedAt) {}

    /** The open pairs whose two leads {@code rep} may work (a manager: all), best match first, a page after the cursor. */
    public Page<Pair> review(Rep rep, Optional<String> after) {
        Page<DuplicateReviews.Flagged> page = reviews.open(Permissions.isManager(rep) ? Optional.empty() : Optional.of(rep.id()), PAGE, after);
        Set<LeadId> ids = new LinkedHashSet<>();
        page.items().forEach(f -> {
            ids.add(f.lead());
            ids.add(f.like());
        });
        Map<LeadId, Lead> found = leads.findAll(ids).stream().collect(Collectors.toMap(Lead::id, Function.identity()));
        List<Pair> pairs = page.items().stream().filter(f -> found.containsKey(f.lead()) && found.containsKey(f.like()))
                .map(f -> new Pair(found.get(f.lead()), found.get(f.like()), f.score(), f.matched(), f.flaggedAt())).toList();
        return new Page<>(pairs, page.nextCursor());
    }

    /**
     * Dismisses {@code lead} and {@code other} as not the same person, as {@code by} (who must be allowed
     * to work both): their open flags are settled, both timelines and the audit log say so, and no
     * checkpoint flags the pair again.
     */
    public LeadOutcome dismiss(LeadId lead, LeadId other, ActingRep by) {
        LeadPair pair = LeadPair.of(lead, other);
        return transactor.inTransaction(() -> {
            Lead first = load(lead);
            Lead second = load(other);
            for (Lead l : List.of(first, second)) {
                if (l.status() == LeadStatus.MERGED) {
                    return new LeadOutcome.WrongState(l.id() + " was merged into " + l.stage().statusReason() + " already");
                }
                Optional<String> notAllowed = Permissions.mayWork(by.rep(), l);
                if (notAllowed.isPresent()) {
                    return new LeadOutcome.NotAllowed(notAllowed.get());
                }
            }
            if (reviews.isDismissed(pair)) {
                return new LeadOutcome.WrongState(pair + " were dismissed as look-alikes already");
            }
            Instant at = clock.instant();
            reviews.dismiss(pair, by.actor(), at);
            remark(first, second, by, at);
            remark(second, first, by, at);
            return new LeadOutcome.Done(first);
        });
    }

    private void remark(Lead lead, Lead other, ActingRep by, Instant at) {
        journal.remarked(lead, ActivityType.DUPLICATE_DISMISSED, by.actor(), "Not a duplicate of " + other.id() + " (dismissed; not flagged again)",
                Map.of("notDuplicateOf", other.id().toString()), at);
    }

    private Lead load(LeadId id) {
        return leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
    }
}
