package dev.leadline.core.rooms;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import java.time.Instant;
import java.util.List;

/**
 * Archives a lead's room when the lead closes (converted, disqualified, merged into another), saying
 * why first, and brings it back when that is undone: in the change's transaction, through the outbox.
 */
public final class RoomAnnouncer implements LeadAnnouncer {
    private final RoomRepository rooms;
    private final Outbox outbox;

    public RoomAnnouncer(RoomRepository rooms, Outbox outbox) {
        this.rooms = rooms;
        this.outbox = outbox;
    }

    @Override
    public void announce(Lead before, Lead after, ActivityType type, String summary, Instant at) {
        boolean closes = type == ActivityType.CONVERTED || type == ActivityType.DISQUALIFIED
                || type == ActivityType.MERGED && after.status() == LeadStatus.MERGED;
        boolean reopens = type == ActivityType.UNCONVERTED || type == ActivityType.UNMERGED && before.status() == LeadStatus.MERGED;
        if (!closes && !reopens) {
            return;
        }
        rooms.forLead(after.id()).filter(room -> room.archived() != closes).ifPresent(room -> {
            rooms.archived(room.id(), closes);
            String words = after.id() + ": " + summary + (closes ? ". This room is archived." : ". This room is back.");
            Card card = new Card(after.id().toString(), after.id().toString(), null, words, List.of(), List.of());
            outbox.enqueue(List.of(new Notification(0, closes ? Notification.Kind.ARCHIVE : Notification.Kind.UNARCHIVE, after.id().value(),
                    "room:" + room.id(), room.destination(), card, 0, at)), at);
        });
    }
}
