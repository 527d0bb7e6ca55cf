package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.claim.ClaimService;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.qualification.ContactChannel;
import dev.leadline.core.qualification.QualificationService;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/leads/{id}/<action>}: what reps and managers do to a lead, each naming the
 * acting rep ({@code "rep": id or email}); and the lead's timeline.
 */
final class LifecycleController {
    private final ObjectMapper json;
    private final ClaimService claims;
    private final QualificationService qualification;
    private final TeamService team;
    private final LeadService leads;
    private final ActivityRepository timeline;
    private final dev.leadline.core.routing.RoutingService routing;

    /** Every action's body; each action reads the fields it needs. */
    record ActionBody(String rep, String channel, Boolean reached, String note, String reason, String text, String to,
                      String queue) {}

    LifecycleController(ObjectMapper json, ClaimService claims, QualificationService qualification, TeamService team,
                        LeadService leads, ActivityRepository timeline, dev.leadline.core.routing.RoutingService routing) {
        this.routing = routing;
        this.json = json;
        this.claims = claims;
        this.qualification = qualification;
        this.team = team;
        this.leads = leads;
        this.timeline = timeline;
    }

    void claim(Context ctx) throws IOException {
        ActionBody body = body(ctx);
        answer(ctx, claims.claim(id(ctx), Reps.acting(ctx, team, body.rep())));
    }

    void release(Context ctx) throws IOException {
        ActionBody body = body(ctx);
        answer(ctx, claims.release(id(ctx), Reps.acting(ctx, team, body.rep())));
    }

    void contactAttempt(Context ctx) throws IOException {
        ActionBody body = body(ctx);
        ContactChannel channel = body.channel() == null ? ContactChannel.CALL : ContactChannel.parse(body.channel());
        answer(ctx, qualification.logContact(id(ctx), Reps.acting(ctx, team, body.rep()), channel, Boolean.TRUE.equals(body.reached()), body.note()));
    }

    void qualify(Context ctx) throws IOException {
        ActionBody body = body(ctx);
        answer(ctx, qualification.qualify(id(ctx), Reps.acting(ctx, team, body.rep()), body.note()));
    }

    void disqualify(Context ctx) throws IOException {
        ActionBody body = body(ctx);
        answer(ctx, qualification.disqualify(id(ctx), Reps.acting(ctx, team, body.rep()), body.reason(), body.note()));
    }

    void note(Context ctx) throws IOException {
        ActionBody body = body(ctx);
        answer(ctx, qualification.addNote(id(ctx), Reps.acting(ctx, team, body.rep()), body.text()));
    }

    void assign(Context ctx) throws IOException {
        ActionBody body = body(ctx);
        ActingRep manager = Reps.acting(ctx, team, body.rep());
        if ((body.to() == null) == (body.queue() == null)) {
            throw new ValidationException("to", "name either a rep (\"to\": id or email) or a queue (\"queue\": name)");
        }
        if (body.to() != null) {
            answer(ctx, claims.assign(id(ctx), manager, Reps.named(team, body.to(), "to"), body.reason()));
        } else {
            var queue = team.queueByName(body.queue()).orElseThrow(() -> new ValidationException("queue", "no queue named '" + body.queue() + "'"));
            answer(ctx, routing.assignToQueue(id(ctx), manager, queue, body.reason()));
        }
    }

    void timeline(Context ctx) {
        LeadId id = id(ctx);
        leads.get(id);
        ctx.json(Map.of("items", timeline.forLead(id, 200).stream().map(a -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", a.type().name());
            entry.put("at", a.occurredAt().toString());
            entry.put("actor", a.actor().toString());
            entry.put("summary", a.summary());
            entry.put("details", a.details());
            return entry;
        }).toList()));
    }

    void disqualifyReasons(Context ctx) {
        ctx.json(qualification.disqualifyReasons());
    }

    private void answer(Context ctx, LeadOutcome outcome) {
        if (outcome instanceof LeadOutcome.Done done) {
            ctx.json(LeadJson.write(done.lead()));
        } else if (outcome instanceof LeadOutcome.AlreadyClaimed claimed) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "already_claimed");
            body.put("message", claimed.lead().id() + " was claimed by " + claimed.ownerName()
                    + (claimed.claimedAt() == null ? "" : " at " + claimed.claimedAt()));
            body.put("claimedBy", Map.of("id", claimed.ownerRepId(), "name", claimed.ownerName()));
            body.put("claimedAt", claimed.claimedAt() == null ? null : claimed.claimedAt().toString());
            ctx.status(409).json(body);
        } else {
            throw HttpProblem.refused(outcome);
        }
    }

    private ActionBody body(Context ctx) throws IOException {
        return json.readValue(Reps.actingBody(ctx), ActionBody.class);
    }



    private static LeadId id(Context ctx) {
        return LeadId.parse(ctx.pathParam("id"));
    }
}
