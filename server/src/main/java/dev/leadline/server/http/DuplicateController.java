package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.dedupe.DuplicateReviewService;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/leads/{id}/duplicates}: the likely duplicates, best first, with scores and the fields that matched;
 * {@code POST /api/v1/leads/{id}/duplicates/{other}/dismiss}: the two are not the same, never flag them again.
 */
final class DuplicateController {
    private final ObjectMapper json;
    private final DuplicateService duplicates;
    private final DuplicateReviewService reviews;
    private final TeamService team;

    record RepBody(String rep) {}

    DuplicateController(ObjectMapper json, DuplicateService duplicates, DuplicateReviewService reviews, TeamService team) {
        this.json = json;
        this.duplicates = duplicates;
        this.reviews = reviews;
        this.team = team;
    }

    void list(Context ctx) {
        var found = duplicates.duplicatesOf(LeadId.parse(ctx.pathParam("id")));
        ctx.json(Map.of("items", found.stream().map(d -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("score", Math.round(d.score() * 1000) / 1000.0);
            item.put("matched", d.matched());
            item.put("lead", LeadJson.write(d.lead()));
            return item;
        }).toList()));
    }

    void dismiss(Context ctx) throws IOException {
        RepBody body = json.readValue(Reps.actingBody(ctx), RepBody.class);
        LeadId other = LeadId.parse(ctx.pathParam("other"), "other");
        LeadOutcome outcome = reviews.dismiss(LeadId.parse(ctx.pathParam("id")), other, Reps.acting(ctx, team, body.rep()));
        if (!(outcome instanceof LeadOutcome.Done done)) {
            throw HttpProblem.refused(outcome);
        }
        ctx.json(Map.of("lead", done.lead().id().toString(), "other", other.toString(), "dismissed", true));
    }
}
