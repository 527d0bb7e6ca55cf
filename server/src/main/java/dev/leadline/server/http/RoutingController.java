package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.routing.DraftTrial;
import dev.leadline.core.routing.RoutingDecision;
import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.routing.RoutingStore;
import dev.leadline.core.routing.RuleSet;
import dev.leadline.core.routing.RulesService;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.routing.RulesDraft;
import dev.leadline.server.routing.RulesYaml;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routing over HTTP: rule sets as data ({@code /api/v1/rules}), a lead's routing decision and
 * explanation, the dry run, and a rep's availability (paused, out of office).
 */
final class RoutingController {
    private final ObjectMapper json;
    private final RulesService rules;
    private final RoutingService routing;
    private final LeadService leads;
    private final TeamService team;

    RoutingController(ObjectMapper json, RulesService rules, RoutingService routing, LeadService leads, TeamService team) {
        this.json = json;
        this.rules = rules;
        this.routing = routing;
        this.leads = leads;
        this.team = team;
    }

    void list(Context ctx) {
        if ("yaml".equals(ctx.queryParam("format"))) {
            ctx.contentType("application/yaml").result(RulesYaml.write(rules.all()));
            return;
        }
        ctx.json(Map.of("items", rules.all().stream().map(RoutingController::ruleSet).toList()));
    }

    void get(Context ctx) {
        String purpose = ctx.pathParam("purpose");
        String version = ctx.queryParam("version");
        RuleSet ruleSet = version == null ? rules.current(purpose).orElseThrow(() -> new NotFoundException("rule set", purpose))
                : rules.version(purpose, parseVersion(version));
        ctx.json(ruleSet(ruleSet));
    }

    void save(Context ctx) {
        Authenticator.requireAdmin(ctx);
        Map<String, Object> document = RulesYaml.tree(StrictUtf8.decode("body", ctx.bodyAsBytes()), "body");
        document.remove("purpose");
        RuleSet saved = rules.save(ctx.pathParam("purpose"), document, Authenticator.caller(ctx).actor());
        ctx.json(ruleSet(saved));
    }

    void importAll(Context ctx) {
        Authenticator.requireAdmin(ctx);
        var saved = rules.saveAll(RulesYaml.read(StrictUtf8.decode("body", ctx.bodyAsBytes())),
                Authenticator.caller(ctx).actor());
        ctx.json(Map.of("items", saved.stream().map(RoutingController::ruleSet).toList()));
    }

    void delete(Context ctx) {
        Authenticator.requireAdmin(ctx);
        rules.delete(ctx.pathParam("purpose"), Authenticator.caller(ctx).actor());
        ctx.status(204);
    }

    void decision(Context ctx) {
        LeadId id = LeadId.parse(ctx.pathParam("id"));
        leads.get(id);
        RoutingStore.Decision decision = routing.latest(id)
                .orElseThrow(() -> new HttpProblem(404, "not_routed", id + " has not been routed: no routing rules applied when it arrived, or it is still waiting"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lead", id.toString());
        body.put("outcome", decision.outcome());
        body.put("queue", decision.queueId() == null ? null : queue(decision.queueId()));
        body.put("rep", decision.repId() == null ? null : rep(decision.repId()));
        body.put("doNotReassign", decision.doNotReassign());
        body.put("explanation", decision.explanation());
        ctx.json(body);
    }

    void dryRun(Context ctx) throws Exception {
        LeadDraft.Validated validated = LeadJson.read(json, ctx.bodyAsBytes()).build();
        if (validated instanceof LeadDraft.Validated.Invalid invalid) {
            throw new ValidationException(invalid.errors());
        }
        String purpose = ctx.queryParam("purpose") == null ? "api" : ctx.queryParam("purpose");
        if (!RuleSet.PURPOSES.contains(purpose)) {
            throw new ValidationException("purpose", "'" + purpose + "' is not a purpose; use one of " + new java.util.TreeSet<>(RuleSet.PURPOSES));
        }
        Long score = ctx.queryParam("score") == null ? null : dev.leadline.core.lead.LeadFilter.number(ctx.queryParam("score"), "score");
        if (score != null && (score < 0 || score > 100)) {
            throw new ValidationException("score", "must be from 0 to 100");
        }
        RoutingDecision decision = routing.dryRun(((LeadDraft.Validated.Valid) validated).data(), Map.of(),
                score == null ? null : score.intValue(), purpose);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", decision.outcome().getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT));
        body.put("explanation", decision.explanation());
        body.put("stored", false);
        ctx.json(body);
    }

    /**
     * {@code POST /rules/{purpose}/dry-run?last=200}: the draft in the body (YAML or JSON) tried on the
     * last leads the purpose's rules routed; a draft with problems is a 422 naming each with its line.
     */
    void tryDraft(Context ctx) {
        Authenticator.requireAdmin(ctx);
        int last = DraftTrials.last(ctx.queryParam("last"));
        byte[] body = ctx.bodyAsBytes();
        if (body.length > RulesDraft.MAX_CHARS * 4L) {
            throw new dev.leadline.core.common.TooLargeException("a rule set may have at most " + RulesDraft.MAX_CHARS + " characters");
        }
        RulesDraft draft = RulesDraft.read(StrictUtf8.decode("body", body));
        if (!draft.readable()) {
            throw DraftTrials.invalid(draft.problems());
        }
        DraftTrial trial;
        try {
            trial = routing.tryDraft(ctx.pathParam("purpose"), draft.document(), last);
        } catch (ValidationException e) {
            if (DraftTrials.aboutLast(e)) {
                throw e;
            }
            throw DraftTrials.invalid(draft.locate(e.errors()));
        }
        ctx.json(DraftTrials.json(trial, team));
    }

    /** Body for {@code PUT /reps/{rep}/availability}. */
    record AvailabilityBody(Boolean paused, OutOfOffice outOfOffice) {}

    /** An out-of-office period; {@code until} may be left open. */
    record OutOfOffice(Instant from, Instant until) {}

    void availability(Context ctx) throws Exception {
        ActingRep acting = Reps.acting(ctx, team, ctx.pathParam("rep"));
        Rep rep = acting.rep();
        AvailabilityBody body = json.readValue(ctx.bodyAsBytes(), AvailabilityBody.class);
        boolean paused = body.paused() == null ? rep.paused() : body.paused();
        Instant from = body.outOfOffice() == null ? null : body.outOfOffice().from();
        Instant until = body.outOfOffice() == null ? null : body.outOfOffice().until();
        Rep after = team.setAvailability(rep, paused, from, until, acting.actor());
        Map<String, Object> answer = new LinkedHashMap<>(rep(after.id()));
        answer.put("paused", after.paused());
        Map<String, Object> away = null;
        if (after.outOfOfficeFrom() != null) {
            // an open-ended absence has "until": null, as GET /reps shows it (it was the string "null")
            away = new LinkedHashMap<>();
            away.put("from", after.outOfOfficeFrom().toString());
            away.put("until", after.outOfOfficeUntil() == null ? null : after.outOfOfficeUntil().toString());
        }
        answer.put("outOfOffice", away);
        ctx.json(answer);
    }

    private Map<String, Object> queue(long id) {
        return Map.of("id", id, "name", team.queue(id).map(LeadQueue::name).orElse("?"));
    }

    private Map<String, Object> rep(long id) {
        Rep rep = team.rep(id).orElseThrow(() -> new NotFoundException("rep", id));
        return Map.of("id", id, "name", rep.name(), "email", rep.email());
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException("version", "'" + text + "' is not a version number");
        }
    }

    private static Map<String, Object> ruleSet(RuleSet r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", r.purpose());
        body.put("version", r.version());
        body.put("createdAt", r.createdAt() == null ? null : r.createdAt().toString());
        body.put("createdBy", r.createdBy());
        body.putAll(r.document());
        return body;
    }
}
