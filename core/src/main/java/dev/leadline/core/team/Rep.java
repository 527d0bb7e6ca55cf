package dev.leadline.core.team;

import dev.leadline.core.common.Actor;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A person who works leads. {@code chatIdentities} maps a platform ({@code slack}, {@code teams})
 * to the person's id there. {@code paused} and the out-of-office period are the rep's own say on
 * whether routing may give them leads now; configuration never changes them.
 */
public record Rep(
        long id,
        String email,
        String name,
        ZoneId timeZone,
        String workingHours,
        Integer capacity,
        boolean active,
        Instant outOfOfficeFrom,
        Instant outOfOfficeUntil,
        Role role,
        Map<String, String> chatIdentities,
        int version,
        boolean paused) implements ActingRep {

    public Rep {
        chatIdentities = Map.copyOf(chatIdentities);
    }

    /** A rep acts as itself. */
    @Override
    public Rep rep() {
        return this;
    }

    /** Recorded as the rep in person. */
    @Override
    public Actor actor() {
        return Actor.rep(email);
    }

    /** Whether the rep said they are out of office at {@code at}. */
    public boolean outOfOfficeAt(Instant at) {
        return outOfOfficeFrom != null && !at.isBefore(outOfOfficeFrom) && (outOfOfficeUntil == null || at.isBefore(outOfOfficeUntil));
    }
}
