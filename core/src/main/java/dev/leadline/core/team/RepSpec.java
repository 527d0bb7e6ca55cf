package dev.leadline.core.team;

import java.util.Map;

/** A rep as configuration describes one (leadline.yml, demo data); unset values are null. */
public record RepSpec(String email, String name, String timeZone, String workingHours, Integer capacity,
                      Boolean active, String role, Map<String, String> chatIdentities) {
    public RepSpec {
        chatIdentities = chatIdentities == null ? Map.of() : Map.copyOf(chatIdentities);
    }
}
