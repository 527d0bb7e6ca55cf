package dev.leadline.server.http;

import dev.leadline.core.access.Caller;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.Text;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;

/** Finds the rep a request names by id or email, or says clearly that there is none. */
final class Reps {
    private Reps() {}

    /** The body of a request made on a rep's behalf (a REP token's body may be empty: it acts as its rep). */
    static byte[] actingBody(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length == 0) {
            if (Authenticator.caller(ctx).rep() != null) {
                return "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            throw new ValidationException("rep", "send a JSON body naming the acting rep, e.g. {\"rep\":\"jane@example.com\"}");
        }
        return raw;
    }

    /**
     * The rep a lead action is done as, recorded with the caller's token: a REP token acts as its own
     * rep (naming another is forbidden); an ADMIN token, or an INTEGRATION token with the act-as
     * scope, acts as the rep the request names; any other INTEGRATION token may not act as a rep.
     */
    static ActingRep acting(Context ctx, TeamService team, String named) {
        Caller caller = Authenticator.caller(ctx);
        Rep rep = switch (caller.role()) {
            case REP -> own(caller, named);
            case ADMIN -> named(team, named, "rep");
            case INTEGRATION -> {
                if (!caller.token().actAs()) {
                    throw new HttpProblem(403, "forbidden", "this INTEGRATION token may not act as a rep: create one with the act-as scope"
                            + " (token create --act-as), or use the rep's own REP token");
                }
                yield named(team, named, "rep");
            }
        };
        return ActingRep.onBehalf(rep, caller.token().actor());
    }

    private static Rep own(Caller caller, String named) {
        Rep rep = caller.rep();
        if (named != null && !named.isBlank() && !names(rep, named.strip())) {
            throw new HttpProblem(403, "forbidden", "this REP token acts only as " + rep.email());
        }
        return rep;
    }

    private static boolean names(Rep rep, String value) {
        return value.equalsIgnoreCase(rep.email()) || value.equals(Long.toString(rep.id()));
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
