package dev.leadline.core.nurture;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.routing.LeadArrivals;
import java.time.Instant;
import java.util.List;

/**
 * Sends a nurtured lead back to sales: out of its cadence, new again with no owner and on no queue,
 * on routing's waiting list (purpose {@code recycled}, which the default rules route unless it has its
 * own), and its owner told in chat why it came back. Routing then places it as a new lead, SLA and all.
 */
public final class Recycler {
    /** The routing purpose of leads back from nurture. */
    public static final String PURPOSE = "recycled";
    static final Actor ACTOR = new Actor("system", "nurture");
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final NurtureService nurture;
    private final LeadArrivals arrivals;
    private final CardAnnouncer cards;
    private final Outbox outbox;

    public Recycler(LeadRepository leads, LeadJournal journal, NurtureService nurture, LeadArrivals arrivals, CardAnnouncer cards, Outbox outbox) {
        this.leads = leads;
        this.journal = journal;
        this.nurture = nurture;
        this.arrivals = arrivals;
        this.cards = cards;
        this.outbox = outbox;
    }

    /** In the caller's transaction; wake the router after it commits ({@link #committed}). */
    void recycle(Lead lead, String why, Instant at) {
        nurture.exit(lead.id(), ACTOR, "back to sales: " + why, at);
        Lead after = leads.updateStage(lead, lead.stage().recycled(), at);
        journal.changed(lead, after, ActivityType.RECYCLED, ACTOR, "Back to routing from nurture: " + why, null, at);
        arrivals.arrived(List.of(lead.id()), PURPOSE, at);
        if (lead.ownerRepId() != null) {
            outbox.enqueue(List.of(new Notification(0, Notification.Kind.POST, lead.id().value(),
                    CardAnnouncer.cardKey(lead) + ":recycled-" + at.toEpochMilli(), Destination.rep(lead.ownerRepId()),
                    cards.card(after, "Back from nurture: " + why), 0, at)), at);
        }
    }

    /** Wakes the router for the leads recycled in a committed transaction. */
    void committed() {
        arrivals.committed();
    }
}
