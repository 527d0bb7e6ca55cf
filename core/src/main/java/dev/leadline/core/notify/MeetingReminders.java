package dev.leadline.core.notify;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.ScheduleRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tells the rep 15 minutes before each meeting, once (the reminder and its mark commit together). */
public final class MeetingReminders {
    public static final Duration LEAD_TIME = Duration.ofMinutes(15);
    private final Transactor transactor;
    private final ScheduleRepository schedule;
    private final LeadRepository leads;
    private final CardAnnouncer cards;
    private final Outbox outbox;
    private final Clock clock;

    public MeetingReminders(Transactor transactor, ScheduleRepository schedule, LeadRepository leads, CardAnnouncer cards,
                            Outbox outbox, Clock clock) {
        this.transactor = transactor;
        this.schedule = schedule;
        this.leads = leads;
        this.cards = cards;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Sends the reminders that are due; returns how many. */
    public int run() {
        Instant now = clock.instant();
        return transactor.inTransaction(() -> {
            List<Meeting> due = schedule.unremindedStartingBetween(now, now.plus(LEAD_TIME));
            for (Meeting meeting : due) {
                leads.find(meeting.leadId()).ifPresent(lead -> {
                    long minutes = Math.max(1, (Duration.between(now, meeting.startsAt()).toSeconds() + 59) / 60);
                    Card card = cards.card(lead, "Meeting in " + minutes + " min: " + meeting.title());
                    outbox.enqueue(List.of(new Notification(0, Notification.Kind.POST, lead.id().value(),
                            CardAnnouncer.cardKey(lead) + ":meeting-" + meeting.id() + "-reminder", Destination.rep(meeting.repId()),
                            card, 0, now)), now);
                });
                schedule.markReminded(meeting.id(), now);
            }
            return due.size();
        });
    }
}
