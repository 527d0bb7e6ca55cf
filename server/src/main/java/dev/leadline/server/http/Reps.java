package dev.leadline.server.http;

import dev.leadline.core.common.Ids;
import dev.leadline.core.common.Text;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;

/** Finds the rep a request names by id or email, or says clearly that there is none. */
final class Reps {
    private Reps() {}

    /** The body of a request made on a rep's behalf, which must at least name the rep. */
    static byte[] actingBody(io.javalin.http.Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length == 0) {
            throw new ValidationException("rep", "send a JSON body naming the acting rep, e.g. {\"rep\":\"jane@example.com\"}");
        }
        return raw;
    }

    static Rep named(TeamService team, String idOrEmail, String field) {
        if (idOrEmail == null || idOrEmail.isBlank()) {
            throw new ValidationException(field, "name the acting rep by id or email");
        }
        String value = Text.nfc(idOrEmail.strip());
        return (Ids.looksNumeric(value) ? team.rep(Ids.parse(field, value)) : team.repByEmail(value))
                .orElseThrow(() -> new ValidationException(field, "no rep with id or email '" + value + "'"));
    }
}
