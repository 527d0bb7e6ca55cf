package dev.leadline.core.notify;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.scheduling.FollowUpTask;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.ScheduleRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;

/** What is next for a lead, as fields at the end of its card: its next meeting and its next open task. */
public final class Agenda {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private final ScheduleRepository schedule;
    private final Clock clock;

    public Agenda(ScheduleRepository schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    /** The card with "Next meeting" and "Next task" when the lead has them. */
    public Card on(Card card, LeadId lead) {
        Instant now = clock.instant();
        Card withMeeting = schedule.meetingsFor(lead).stream().filter(m -> m.outcome() == null && m.startsAt().isAfter(now))
                .min(Comparator.comparing(Meeting::startsAt))
                .map(m -> card.with(new Card.Field("Next meeting", WHEN.format(m.startsAt()) + (m.title() == null ? "" : " · " + m.title()))))
                .orElse(card);
        return schedule.tasksFor(lead).stream().filter(t -> t.doneAt() == null).min(Comparator.comparing(FollowUpTask::dueAt))
                .map(t -> withMeeting.with(new Card.Field("Next task", t.title() + " · " + (t.dueAt().isBefore(now) ? "overdue since " : "due ")
                        + WHEN.format(t.dueAt()))))
                .orElse(withMeeting);
    }
}
