package dev.leadline.server.http;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;

/** Finds the rep a request names by id or email, or says clearly that there is none. */
final class Reps {
    private Reps() {}

    static Rep named(TeamService team, String idOrEmail, String field) {
        if (idOrEmail == null || idOrEmail.isBlank()) {
            throw new ValidationException(field, "name the acting rep by id or email");
        }
        String value = idOrEmail.strip();
        return (value.matches("\\d+") ? team.rep(Long.parseLong(value)) : team.repByEmail(value))
                .orElseThrow(() -> new ValidationException(field, "no rep with id or email '" + value + "'"));
    }
}
