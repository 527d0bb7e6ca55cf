package dev.leadline.core.scheduling;

import dev.leadline.core.lead.LeadId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Meetings and tasks. */
public interface ScheduleRepository {
    Meeting insertMeeting(LeadId leadId, long repId, Instant startsAt, Duration duration, String title, List<String> attendees,
                          Instant at);

    /**
     * Stores the meeting's new time, outcome and sequence if it is still at {@code meeting.version()}.
     *
     * @throws dev.leadline.core.common.ConcurrentUpdateException if someone changed it meanwhile
     */
    Meeting updateMeeting(Meeting meeting, Instant at);

    Optional<Meeting> meeting(long id);

    List<Meeting> meetingsFor(LeadId leadId);

    /** Meetings with no outcome yet, starting in (from, to], that have not been reminded of. */
    List<Meeting> unremindedStartingBetween(Instant from, Instant to);

    void markReminded(long meetingId, Instant at);

    FollowUpTask insertTask(LeadId leadId, long repId, String title, Instant dueAt, Instant at);

    /** Marks the task done if it is still at {@code task.version()}. */
    FollowUpTask completeTask(FollowUpTask task, Instant at);

    Optional<FollowUpTask> task(long id);

    List<FollowUpTask> tasksFor(LeadId leadId);
}
