package dev.leadline.core.routing;

import dev.leadline.core.lead.Lead;
import java.util.List;
import java.util.Objects;

/**
 * A draft rule set tried on the leads the purpose's rules routed last: for each lead, where it went
 * ({@code got}, its newest decision by those rules) and where the draft would send it now
 * ({@code would}); nothing is stored. {@code decidedBy} is the purpose whose decisions were read (the
 * purpose's own, or {@code default} while the default rules route its leads).
 */
public record DraftTrial(RuleSet draft, String decidedBy, int asked, List<Row> rows) {
    public DraftTrial {
        rows = List.copyOf(rows);
    }

    public long changed() {
        return rows.stream().filter(Row::changed).count();
    }

    /**
     * Where a lead goes: the outcome ({@code ASSIGN}, {@code OFFER}, {@code HOLD}, {@code KEEP},
     * {@code UNROUTED}), its queue and rep (either may be null) and the entry that decided.
     */
    public record Place(String outcome, Long queueId, Long repId, String entry) {}

    /**
     * One lead. It counts as {@code changed} when the draft sends it to another queue, or, where no
     * queue is involved, to another rep; another member of the same queue is the queue's turn, not a change.
     */
    public record Row(Lead lead, Place got, Place would) {
        public boolean changed() {
            return !Objects.equals(got.queueId(), would.queueId())
                    || got.queueId() == null && !Objects.equals(got.repId(), would.repId())
                    || got.outcome().equals("UNROUTED") != would.outcome().equals("UNROUTED");
        }
    }
}
