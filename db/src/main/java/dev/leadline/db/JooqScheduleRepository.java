package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.MEETING;
import static dev.leadline.db.jooq.Tables.TASK;

import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.scheduling.FollowUpTask;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.MeetingOutcome;
import dev.leadline.core.scheduling.ScheduleRepository;
import dev.leadline.db.jooq.tables.records.MeetingRecord;
import dev.leadline.db.jooq.tables.records.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Meetings and tasks in MariaDB. */
public final class JooqScheduleRepository implements ScheduleRepository {
    private final DSLContext dsl;

    public JooqScheduleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Meeting insertMeeting(LeadId leadId, long repId, Instant startsAt, Duration duration, String title, List<String> attendees,
                                 Instant at) {
        MeetingRecord r = dsl.newRecord(MEETING);
        r.setLeadId(leadId.value());
        r.setRepId(repId);
        r.setStartsAt(Times.toDb(startsAt));
        r.setDurationMinutes((int) duration.toMinutes());
        r.setTitle(title);
        r.setAttendees(attendees.isEmpty() ? null : String.join(",", attendees));
        r.setSequence(0);
        r.setCreatedAt(Times.toDb(at));
        r.setUpdatedAt(Times.toDb(at));
        r.setVersion(0);
        r.store();
        return toMeeting(r);
    }

    @Override
    public Meeting updateMeeting(Meeting meeting, Instant at) {
        var newStart = Times.toDb(meeting.startsAt());
        int updated = dsl.update(MEETING)
                // before starts_at changes: a moved meeting gets a new reminder
                .set(MEETING.REMINDED_AT, DSL.when(MEETING.STARTS_AT.ne(newStart), DSL.inline((java.time.LocalDateTime) null))
                        .otherwise(MEETING.REMINDED_AT))
                .set(MEETING.STARTS_AT, newStart)
                .set(MEETING.DURATION_MINUTES, (int) meeting.duration().toMinutes())
                .set(MEETING.OUTCOME, meeting.outcome() == null ? null : meeting.outcome().name())
                .set(MEETING.SEQUENCE, meeting.sequence())
                .set(MEETING.UPDATED_AT, Times.toDb(at))
                .set(MEETING.VERSION, meeting.version() + 1)
                .where(MEETING.ID.eq(meeting.id()).and(MEETING.VERSION.eq(meeting.version())))
                .execute();
        if (updated == 0) {
            throw new ConcurrentUpdateException("meeting", meeting.id(), meeting.version());
        }
        return meeting(meeting.id()).orElseThrow();
    }

    @Override
    public Optional<Meeting> meeting(long id) {
        return dsl.selectFrom(MEETING).where(MEETING.ID.eq(id)).fetchOptional().map(JooqScheduleRepository::toMeeting);
    }

    @Override
    public List<Meeting> meetingsFor(LeadId leadId) {
        return dsl.selectFrom(MEETING).where(MEETING.LEAD_ID.eq(leadId.value())).orderBy(MEETING.STARTS_AT)
                .fetch(JooqScheduleRepository::toMeeting);
    }

    @Override
    public List<Meeting> unremindedStartingBetween(Instant from, Instant to) {
        return dsl.selectFrom(MEETING).where(MEETING.REMINDED_AT.isNull().and(MEETING.OUTCOME.isNull())
                        .and(MEETING.STARTS_AT.gt(Times.toDb(from))).and(MEETING.STARTS_AT.le(Times.toDb(to))))
                .orderBy(MEETING.STARTS_AT).fetch(JooqScheduleRepository::toMeeting);
    }

    @Override
    public void markReminded(long meetingId, Instant at) {
        dsl.update(MEETING).set(MEETING.REMINDED_AT, Times.toDb(at)).where(MEETING.ID.eq(meetingId)).execute();
    }

    @Override
    public FollowUpTask insertTask(LeadId leadId, long repId, String title, Instant dueAt, Instant at) {
        TaskRecord r = dsl.newRecord(TASK);
        r.setLeadId(leadId.value());
        r.setRepId(repId);
        r.setTitle(title);
        r.setDueAt(Times.toDb(dueAt));
        r.setCreatedAt(Times.toDb(at));
        r.setVersion(0);
        r.store();
        return toTask(r);
    }

    @Override
    public FollowUpTask completeTask(FollowUpTask task, Instant at) {
        int updated = dsl.update(TASK).set(TASK.DONE_AT, Times.toDb(at)).set(TASK.VERSION, task.version() + 1)
                .where(TASK.ID.eq(task.id()).and(TASK.VERSION.eq(task.version()))).execute();
        if (updated == 0) {
            throw new ConcurrentUpdateException("task", task.id(), task.version());
        }
        return task(task.id()).orElseThrow();
    }

    @Override
    public Optional<FollowUpTask> task(long id) {
        return dsl.selectFrom(TASK).where(TASK.ID.eq(id)).fetchOptional().map(JooqScheduleRepository::toTask);
    }

    @Override
    public List<FollowUpTask> tasksFor(LeadId leadId) {
        return dsl.selectFrom(TASK).where(TASK.LEAD_ID.eq(leadId.value())).orderBy(TASK.DUE_AT).fetch(JooqScheduleRepository::toTask);
    }

    private static Meeting toMeeting(MeetingRecord r) {
        List<String> attendees = r.getAttendees() == null ? List.of() : Arrays.asList(r.getAttendees().split(","));
        return new Meeting(r.getId(), new LeadId(r.getLeadId()), r.getRepId(), Times.fromDb(r.getStartsAt()),
                Duration.ofMinutes(r.getDurationMinutes()), r.getTitle(), attendees,
                r.getOutcome() == null ? null : MeetingOutcome.valueOf(r.getOutcome()), r.getSequence(), Times.fromDb(r.getCreatedAt()),
                Times.fromDb(r.getUpdatedAt()), r.getVersion());
    }

    private static FollowUpTask toTask(TaskRecord r) {
        return new FollowUpTask(r.getId(), new LeadId(r.getLeadId()), r.getRepId(), r.getTitle(), Times.fromDb(r.getDueAt()),
                Times.fromDb(r.getDoneAt()), Times.fromDb(r.getCreatedAt()), r.getVersion());
    }
}
