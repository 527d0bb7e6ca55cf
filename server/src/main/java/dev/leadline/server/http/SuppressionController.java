package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.nurture.SuppressionList;
import dev.leadline.core.nurture.Suppressions;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The suppression list of nurture email, for admins: read a page, add an address with a reason, remove one. */
final class SuppressionController {
    private final ObjectMapper json;
    private final SuppressionList list;

    SuppressionController(ObjectMapper json, SuppressionList list) {
        this.json = json;
        this.list = list;
    }

    record AddBody(String reason) {}

    void page(Context ctx) {
        Authenticator.requireAdmin(ctx);
        String limitText = ctx.queryParam("limit");
        int limit;
        try {
            limit = limitText == null || limitText.isBlank() ? 100 : Integer.parseInt(limitText.strip());
        } catch (NumberFormatException e) {
            // Javalin's own conversion error has another shape than every other 400
            throw new dev.leadline.core.common.ValidationException("limit", "1 to 500");
        }
        List<Suppressions.Entry> entries = list.page(ctx.queryParam("after"), limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", entries.stream().map(SuppressionController::json).toList());
        out.put("nextCursor", entries.size() == limit ? entries.get(entries.size() - 1).address() : "");
        ctx.json(out);
    }

    void add(Context ctx) throws IOException {
        Authenticator.requireAdmin(ctx);
        byte[] body = ctx.bodyAsBytes();
        AddBody add = body.length == 0 ? new AddBody(null) : json.readValue(body, AddBody.class);
        boolean added = list.add(ctx.pathParam("address"), add.reason(), Authenticator.caller(ctx).actor());
        ctx.status(added ? 201 : 200).json(Map.of("address", ctx.pathParam("address").strip().toLowerCase(java.util.Locale.ROOT), "added", added));
    }

    void remove(Context ctx) {
        Authenticator.requireAdmin(ctx);
        if (!list.remove(ctx.pathParam("address"), Authenticator.caller(ctx).actor())) {
            throw new NotFoundException("suppressed address", ctx.pathParam("address"));
        }
        ctx.json(Map.of("address", ctx.pathParam("address").strip().toLowerCase(java.util.Locale.ROOT), "removed", true));
    }

    private static Map<String, Object> json(Suppressions.Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address", e.address());
        out.put("reason", e.reason());
        out.put("createdAt", e.createdAt().toString());
        out.put("createdBy", e.createdBy());
        return out;
    }
}
