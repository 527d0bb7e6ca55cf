package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.Instants;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.scheduling.FollowUpTask;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.MeetingOutcome;
import dev.leadline.core.scheduling.ScheduleOutcome;
import dev.leadline.core.scheduling.SchedulingService;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Meetings (with .ics invites) and follow-up tasks. */
final class SchedulingController {
    private final ObjectMapper json;
    private final SchedulingService scheduling;
    private final TeamService team;
    private final LeadService leads;

    /** Body of every scheduling call. */
    record ScheduleBody(String rep, String startsAt, Integer durationMinutes, String title, List<String> attendees,
                        String outcome, String dueAt) {}

    SchedulingController(ObjectMapper json, SchedulingService scheduling, TeamService team, LeadService leads) {
        this.json = json;
        this.scheduling = scheduling;
        this.team = team;
        this.leads = leads;
    }

    void book(Context ctx) throws IOException {
        ScheduleBody body = body(ctx);
        ActingRep rep = Reps.acting(ctx, team, body.rep());
        Instant startsAt = instant("startsAt", body.startsAt(), rep.rep().timeZone());
        Duration duration = Duration.ofMinutes(body.durationMinutes() == null ? 30 : body.durationMinutes());
        answer(ctx, scheduling.book(LeadId.parse(ctx.pathParam("id")), rep, startsAt, duration, body.title(),
                body.attendees() == null ? List.of() : body.attendees()), 201, m -> meetingJson(m));
    }

    void reschedule(Context ctx) throws IOException {
        ScheduleBody body = body(ctx);
        ActingRep rep = Reps.acting(ctx, team, body.rep());
        Meeting meeting = scheduling.meeting(id(ctx));
        Duration duration = body.durationMinutes() == null ? meeting.duration() : Duration.ofMinutes(body.durationMinutes());
        answer(ctx, scheduling.reschedule(meeting.id(), rep, instant("startsAt", body.startsAt(), rep.rep().timeZone()), duration), 200,
                this::meetingJson);
    }

    void outcome(Context ctx) throws IOException {
        ScheduleBody body = body(ctx);
        answer(ctx, scheduling.recordOutcome(id(ctx), Reps.acting(ctx, team, body.rep()), MeetingOutcome.parse(body.outcome())), 200, this::meetingJson);
    }

    /** {@code GET /api/v1/meetings/{ref}}: JSON, or the invite when the ref ends in {@code .ics}. */
    void show(Context ctx) {
        String ref = ctx.pathParam("ref");
        boolean ics = ref.endsWith(".ics");
        Meeting meeting = scheduling.meeting(Ids.parse("ref", ics ? ref.substring(0, ref.length() - 4) : ref));
        if (!ics) {
            ctx.json(meetingJson(meeting));
            return;
        }
        Rep organizer = team.rep(meeting.repId()).orElseThrow(() -> new NotFoundException("rep", meeting.repId()));
        String leadEmail = leads.get(meeting.leadId()).data().getOrNull(LeadField.EMAIL);
        ctx.contentType("text/calendar; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"meeting-" + meeting.id() + ".ics\"")
                .result(MeetingIcs.render(meeting, organizer, leadEmail));
    }

    void meetingsOfLead(Context ctx) {
        ctx.json(Map.of("items", scheduling.meetings(LeadId.parse(ctx.pathParam("id"))).stream().map(this::meetingJson).toList()));
    }

    void addTask(Context ctx) throws IOException {
        ScheduleBody body = body(ctx);
        ActingRep rep = Reps.acting(ctx, team, body.rep());
        answer(ctx, scheduling.addTask(LeadId.parse(ctx.pathParam("id")), rep, body.title(), instant("dueAt", body.dueAt(), rep.rep().timeZone())),
                201, SchedulingController::taskJson);
    }

    void completeTask(Context ctx) throws IOException {
        ScheduleBody body = body(ctx);
        answer(ctx, scheduling.completeTask(id(ctx), Reps.acting(ctx, team, body.rep())), 200, SchedulingController::taskJson);
    }

    void tasksOfLead(Context ctx) {
        ctx.json(Map.of("items", scheduling.tasks(LeadId.parse(ctx.pathParam("id"))).stream().map(SchedulingController::taskJson).toList()));
    }

    private <T> void answer(Context ctx, ScheduleOutcome<T> outcome, int status, java.util.function.Function<T, Object> render) {
        if (outcome instanceof ScheduleOutcome.Done<T> done) {
            ctx.status(status).json(render.apply(done.value()));
            return;
        }
        throw HttpProblem.refused(((ScheduleOutcome.Refused<T>) outcome).reason());
    }

    private Map<String, Object> meetingJson(Meeting m) {
        ZoneId zone = team.rep(m.repId()).map(Rep::timeZone).orElse(ZoneId.of("UTC"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("lead", m.leadId().toString());
        out.put("repId", m.repId());
        out.put("title", m.title());
        out.put("startsAt", m.startsAt().toString());
        out.put("startsAtLocal", m.startsAt().atZone(zone).toLocalDateTime().toString());
        out.put("timeZone", zone.getId());
        out.put("durationMinutes", m.duration().toMinutes());
        out.put("attendees", m.attendees());
        out.put("outcome", m.outcome() == null ? null : m.outcome().name());
        out.put("sequence", m.sequence());
        out.put("ics", "/api/v1/meetings/" + m.id() + ".ics");
        return out;
    }

    private static Map<String, Object> taskJson(FollowUpTask t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("lead", t.leadId().toString());
        out.put("repId", t.repId());
        out.put("title", t.title());
        out.put("dueAt", t.dueAt().toString());
        out.put("doneAt", t.doneAt() == null ? null : t.doneAt().toString());
        return out;
    }

    /** ISO-8601 with an offset, or a local date-time read in the rep's own time zone. */
    static Instant instant(String field, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required, e.g. 2026-11-25T15:00 (your time zone) or 2026-11-25T14:00:00Z");
        }
        try {
            return Instants.checked(field, OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeException e) {
            try {
                return Instants.checked(field, LocalDateTime.parse(text.strip()).atZone(zone).toInstant());
            } catch (DateTimeException e2) {
                throw new ValidationException(field, "'" + text + "' is not a time; use e.g. 2026-11-25T15:00 (your time zone, "
                        + zone.getId() + ") or 2026-11-25T14:00:00Z");
            }
        }
    }

    private ScheduleBody body(Context ctx) throws IOException {
        return json.readValue(Reps.actingBody(ctx), ScheduleBody.class);
    }


    private static long id(Context ctx) {
        return Ids.parse("id", ctx.pathParam("id"));
    }
}
