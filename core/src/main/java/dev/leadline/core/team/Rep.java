package dev.leadline.core.team;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A person who works leads. {@code chatIdentities} maps a platform ({@code slack}, {@code teams})
 * to the person's id there.
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
        int version) {

    public Rep {
        chatIdentities = Map.copyOf(chatIdentities);
    }
}
