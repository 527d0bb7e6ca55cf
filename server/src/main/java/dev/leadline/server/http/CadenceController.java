package dev.leadline.server.http;

import dev.leadline.core.nurture.Cadence;
import dev.leadline.core.nurture.CadenceService;
import dev.leadline.server.routing.RulesYaml;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nurture cadences as data ({@code /api/v1/cadences}): any token reads them, an ADMIN token saves them, in YAML or JSON. */
final class CadenceController {
    private final CadenceService cadences;

    CadenceController(CadenceService cadences) {
        this.cadences = cadences;
    }

    void list(Context ctx) {
        ctx.json(Map.of("items", cadences.all().stream().map(CadenceController::json).toList()));
    }

    void get(Context ctx) {
        ctx.json(json(cadences.get(ctx.pathParam("name"))));
    }

    void save(Context ctx) {
        Authenticator.requireAdmin(ctx);
        Map<String, Object> document = RulesYaml.tree(StrictUtf8.decode("body", ctx.bodyAsBytes()), "body");
        ctx.json(json(cadences.save(ctx.pathParam("name"), document, Authenticator.caller(ctx).actor())));
    }

    /** The cadence as written, with its version and who saved it when. */
    static Map<String, Object> json(Cadence cadence) {
        Map<String, Object> out = new LinkedHashMap<>(cadence.written());
        out.put("version", cadence.version());
        out.put("updatedAt", cadence.updatedAt());
        out.put("updatedBy", cadence.updatedBy());
        return out;
    }
}
