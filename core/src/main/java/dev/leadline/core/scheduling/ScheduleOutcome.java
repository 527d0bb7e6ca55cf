package dev.leadline.core.scheduling;

import dev.leadline.core.lead.LeadOutcome;

/** What became of a request to book a meeting or set a task. */
public sealed interface ScheduleOutcome<T> {
    record Done<T>(T value) implements ScheduleOutcome<T> {}

    /** Refused: a {@link LeadOutcome.NotAllowed} or {@link LeadOutcome.WrongState} says why. */
    record Refused<T>(LeadOutcome reason) implements ScheduleOutcome<T> {}
}
