package dev.leadline.core.scheduling;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Meetings (book, reschedule, record how they went) and follow-up tasks for leads. Times are
 * instants (stored in UTC); summaries show them in the acting rep's time zone.
 */
public final class SchedulingService {
    static final Duration MIN_MEETING = Duration.ofMinutes(5);
    static final Duration MAX_MEETING = Duration.ofHours(8);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm");

    private final Transactor transactor;
    private final LeadRepository leads;
    private final ScheduleRepository schedule;
    private final LeadJournal journal;
    private final Clock clock;

    public SchedulingService(Transactor transactor, LeadRepository leads, ScheduleRepository schedule, LeadJournal journal,
                             Clock clock) {
        this.transactor = transactor;
        this.leads = leads;
        this.schedule = schedule;
        this.journal = journal;
        this.clock = clock;
    }

    public ScheduleOutcome<Meeting> book(LeadId id, ActingRep by, Instant startsAt, Duration duration, String title,
                                         List<String> attendees) {
        Rep rep = by.rep();
        checkMeeting(startsAt, duration);
        attendees.stream().filter(a -> !a.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")).findFirst().ifPresent(a -> {
            throw new ValidationException("attendees", "'" + a + "' is not an email address");
        });
        return onLead(id, by, (lead, now) -> {
            String name = Optional.ofNullable(title).filter(t -> !t.isBlank()).map(String::strip)
                    .orElse("Meeting with " + Optional.ofNullable(lead.data().displayName()).orElse(lead.id().toString()));
            Meeting meeting = schedule.insertMeeting(lead.id(), rep.id(), startsAt, duration, name, attendees, now);
            touch(lead, null, by, ActivityType.MEETING_SCHEDULED,
                    "Meeting booked by " + rep.name() + " for " + local(startsAt, rep) + " (" + duration.toMinutes() + " min): " + name, now);
            return meeting;
        });
    }

    public ScheduleOutcome<Meeting> reschedule(long meetingId, ActingRep by, Instant startsAt, Duration duration) {
        Rep rep = by.rep();
        checkMeeting(startsAt, duration);
        Meeting meeting = meeting(meetingId);
        if (meeting.outcome() != null) {
            return new ScheduleOutcome.Refused<>(new LeadOutcome.WrongState("the meeting is already " + meeting.outcome()));
        }
        return onLead(meeting.leadId(), by, (lead, now) -> {
            Meeting moved = schedule.updateMeeting(new Meeting(meeting.id(), meeting.leadId(), meeting.repId(), startsAt, duration,
                    meeting.title(), meeting.attendees(), null, meeting.sequence() + 1, meeting.createdAt(), now, meeting.version()), now);
            touch(lead, null, by, ActivityType.MEETING_RESCHEDULED,
                    "Meeting moved by " + rep.name() + " to " + local(startsAt, rep) + ": " + meeting.title(), now);
            return moved;
        });
    }

    /** Records how the meeting went; a held meeting means the lead engaged. */
    public ScheduleOutcome<Meeting> recordOutcome(long meetingId, ActingRep by, MeetingOutcome outcome) {
        Meeting meeting = meeting(meetingId);
        Instant now = clock.instant();
        if ((outcome == MeetingOutcome.HELD || outcome == MeetingOutcome.NO_SHOW) && meeting.startsAt().isAfter(now)) {
            return new ScheduleOutcome.Refused<>(new LeadOutcome.WrongState("the meeting has not started yet"));
        }
        return onLead(meeting.leadId(), by, (lead, at) -> {
            Meeting updated = schedule.updateMeeting(new Meeting(meeting.id(), meeting.leadId(), meeting.repId(), meeting.startsAt(),
                    meeting.duration(), meeting.title(), meeting.attendees(), outcome,
                    outcome == MeetingOutcome.CANCELLED ? meeting.sequence() + 1 : meeting.sequence(), meeting.createdAt(), at,
                    meeting.version()), at);
            LeadStatus engaged = outcome == MeetingOutcome.HELD
                    && (lead.status() == LeadStatus.NEW || lead.status() == LeadStatus.ATTEMPTED) ? LeadStatus.ENGAGED : null;
            touch(lead, engaged, by, ActivityType.MEETING_OUTCOME,
                    "Meeting " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ": " + meeting.title(), at);
            return updated;
        });
    }

    public ScheduleOutcome<FollowUpTask> addTask(LeadId id, ActingRep by, String title, Instant dueAt) {
        Rep rep = by.rep();
        if (title == null || title.isBlank() || title.length() > 255) {
            throw new ValidationException("title", "is required (1-255 characters)");
        }
        if (!dueAt.isAfter(clock.instant())) {
            throw new ValidationException("dueAt", "must be in the future");
        }
        return onLead(id, by, (lead, now) -> {
            FollowUpTask task = schedule.insertTask(lead.id(), rep.id(), title.strip(), dueAt, now);
            touch(lead, null, by, ActivityType.TASK_CREATED, "Task for " + rep.name() + ", due " + local(dueAt, rep) + ": " + task.title(),
                    now);
            return task;
        });
    }

    public ScheduleOutcome<FollowUpTask> completeTask(long taskId, ActingRep by) {
        Rep rep = by.rep();
        FollowUpTask task = schedule.task(taskId).orElseThrow(() -> new NotFoundException("task", taskId));
        if (task.doneAt() != null) {
            return new ScheduleOutcome.Done<>(task);
        }
        return onLead(task.leadId(), by, (lead, now) -> {
            FollowUpTask done = schedule.completeTask(task, now);
            touch(lead, null, by, ActivityType.TASK_DONE, "Task done by " + rep.name() + ": " + task.title(), now);
            return done;
        });
    }

    public Meeting meeting(long id) {
        return schedule.meeting(id).orElseThrow(() -> new NotFoundException("meeting", id));
    }

    public List<Meeting> meetings(LeadId id) {
        return schedule.meetingsFor(id);
    }

    public List<FollowUpTask> tasks(LeadId id) {
        return schedule.tasksFor(id);
    }

    private interface Step<T> {
        T apply(Lead lead, Instant now);
    }

    private <T> ScheduleOutcome<T> onLead(LeadId id, ActingRep by, Step<T> step) {
        return transactor.inTransaction(() -> {
            Lead lead = leads.findForUpdate(id).orElseThrow(() -> new NotFoundException("lead", id));
            Optional<String> refusal = Permissions.mayWork(by.rep(), lead);
            if (refusal.isPresent()) {
                return new ScheduleOutcome.Refused<>(new LeadOutcome.NotAllowed(refusal.get()));
            }
            if (!lead.stage().isOpen()) {
                return new ScheduleOutcome.Refused<>(new LeadOutcome.WrongState(lead.id() + " is " + lead.status()));
            }
            return new ScheduleOutcome.Done<>(step.apply(lead, clock.instant()));
        });
    }

    private void touch(Lead lead, LeadStatus newStatus, ActingRep by, ActivityType type, String summary, Instant now) {
        LeadStage stage = lead.stage().touched(now);
        if (newStatus != null) {
            stage = stage.withStatus(newStatus, null);
        }
        Lead after = stage.equals(lead.stage()) ? lead : leads.updateStage(lead, stage, now);
        journal.changed(lead, after, type, by.actor(), summary, null, now);
    }

    private void checkMeeting(Instant startsAt, Duration duration) {
        if (!startsAt.isAfter(clock.instant())) {
            throw new ValidationException("startsAt", "must be in the future");
        }
        if (duration.compareTo(MIN_MEETING) < 0 || duration.compareTo(MAX_MEETING) > 0) {
            throw new ValidationException("durationMinutes", "must be from 5 to 480 minutes");
        }
    }

    private static String local(Instant at, Rep rep) {
        return WHEN.format(at.atZone(rep.timeZone())) + " " + rep.timeZone().getId();
    }

}
