package dev.leadline.server.http;

import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.lead.LeadId;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/leads/{id}/duplicates}: the likely duplicates, best first, with scores and the fields that matched. */
final class DuplicateController {
    private final DuplicateService duplicates;

    DuplicateController(DuplicateService duplicates) {
        this.duplicates = duplicates;
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
}
