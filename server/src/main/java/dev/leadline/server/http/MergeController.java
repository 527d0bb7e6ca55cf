package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.dedupe.MergeOutcome;
import dev.leadline.core.dedupe.MergeService;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /api/v1/leads/{id}/merge} and {@code /unmerge}. */
final class MergeController {
    private final ObjectMapper json;
    private final MergeService merges;
    private final TeamService team;

    /** Who merges, the leads to merge into the path's lead, and per field the lead whose value to keep. */
    record MergeBody(String rep, List<String> leads, Map<String, String> fields) {}

    record RepBody(String rep) {}

    MergeController(ObjectMapper json, MergeService merges, TeamService team) {
        this.json = json;
        this.merges = merges;
        this.team = team;
    }

    void merge(Context ctx) throws IOException {
        MergeBody body = json.readValue(Reps.actingBody(ctx), MergeBody.class);
        if (body.leads() == null || body.leads().isEmpty()) {
            throw new ValidationException("leads", "name the leads to merge into " + ctx.pathParam("id") + ", e.g. [\"L-1002\"]");
        }
        Map<String, LeadId> choices = new LinkedHashMap<>();
        Optional.ofNullable(body.fields()).orElse(Map.of()).forEach((field, lead) -> choices.put(field, LeadId.parse(lead, "fields." + field)));
        List<LeadId> others = java.util.stream.IntStream.range(0, body.leads().size())
                .mapToObj(i -> LeadId.parse(body.leads().get(i), "leads[" + i + "]")).toList();
        MergeOutcome outcome = merges.merge(LeadId.parse(ctx.pathParam("id")), others, choices,
                Reps.acting(ctx, team, body.rep()));
        answer(ctx, outcome);
    }

    void unmerge(Context ctx) throws IOException {
        RepBody body = json.readValue(Reps.actingBody(ctx), RepBody.class);
        answer(ctx, merges.unmerge(LeadId.parse(ctx.pathParam("id")), Reps.acting(ctx, team, body.rep())));
    }

    private static void answer(Context ctx, MergeOutcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (outcome instanceof MergeOutcome.Merged m) {
            out.put("lead", LeadJson.write(m.survivor()));
            out.put("merged", m.merged().stream().map(LeadId::toString).toList());
            Map<String, String> sources = new LinkedHashMap<>();
            m.sources().forEach((field, lead) -> sources.put(field, lead.toString()));
            out.put("fieldsFrom", sources);
            out.put("moved", m.moved());
            ctx.json(out);
        } else if (outcome instanceof MergeOutcome.Unmerged u) {
            out.put("lead", LeadJson.write(u.survivor()));
            out.put("restored", u.restored().stream().map(LeadJson::write).toList());
            out.put("kept", u.kept());
            ctx.json(out);
        } else {
            throw HttpProblem.refused(((MergeOutcome.Refused) outcome).reason());
        }
    }
}
