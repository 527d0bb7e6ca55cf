package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.nurture.Nurture;
import dev.leadline.core.nurture.NurtureService;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A lead in a nurture cadence ({@code /api/v1/leads/{id}/nurture}): enrolled and stopped as a rep, as other lead actions are. */
final class NurtureController {
    private final ObjectMapper json;
    private final NurtureService nurture;
    private final TeamService team;

    record EnrolBody(String cadence, String rep) {}

    NurtureController(ObjectMapper json, NurtureService nurture, TeamService team) {
        this.json = json;
        this.nurture = nurture;
        this.team = team;
    }

    void enrol(Context ctx) throws IOException {
        EnrolBody body = json.readValue(Reps.actingBody(ctx), EnrolBody.class);
        ActingRep rep = Reps.acting(ctx, team, body.rep());
        LeadId id = LeadId.parse(ctx.pathParam("id"));
        NurtureService.Enrolment enrolment = nurture.enrol(id, body.cadence(), rep.actor());
        if (enrolment instanceof NurtureService.Enrolment.AlreadyIn in) {
            throw new HttpProblem(409, "already_nurtured",
                    id + " is in cadence " + in.nurture().cadence() + " already: stop it first (DELETE /api/v1/leads/" + id + "/nurture)");
        }
        if (enrolment instanceof NurtureService.Enrolment.Closed closed) {
            throw new HttpProblem(409, "lead_closed", id + " is " + closed.status().name().toLowerCase(java.util.Locale.ROOT) + ": it is not nurtured");
        }
        ctx.status(201).json(json(((NurtureService.Enrolment.Enrolled) enrolment).nurture()));
    }

    void stop(Context ctx) throws IOException {
        EnrolBody body = json.readValue(Reps.actingBody(ctx), EnrolBody.class);
        ActingRep rep = Reps.acting(ctx, team, body.rep());
        Nurture left = nurture.stop(LeadId.parse(ctx.pathParam("id")), rep.actor());
        ctx.json(json(left));
    }

    /** A lead's place in a cadence, as the lead's JSON shows it. */
    static Map<String, Object> json(Nurture n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cadence", n.cadence());
        out.put("version", n.version());
        out.put("step", n.step());
        out.put("nextAt", n.nextAt());
        out.put("enrolledAt", n.enrolledAt());
        out.put("enrolledBy", n.enrolledBy());
        return out;
    }
}
