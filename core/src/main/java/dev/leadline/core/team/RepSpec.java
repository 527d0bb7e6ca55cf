package dev.leadline.core.team;

import java.util.Map;

/**
 * A rep as configuration describes one (leadline.yml, demo data); unset values are null. {@code calendar}
 * is where the rep's busy times are read, if anywhere.
 */
public record RepSpec(String email, String name, String timeZone, String workingHours, Integer capacity,
                      Boolean active, String role, Map<String, String> chatIdentities, Calendar calendar) {
    public RepSpec {
        chatIdentities = chatIdentities == null ? Map.of() : Map.copyOf(chatIdentities);
    }

    /** A rep without a calendar. */
    public RepSpec(String email, String name, String timeZone, String workingHours, Integer capacity, Boolean active, String role,
                   Map<String, String> chatIdentities) {
        this(email, name, timeZone, workingHours, capacity, active, role, chatIdentities, null);
    }

    /**
     * A rep's calendar as written: {@code caldav} with {@code user} and {@code password}, or {@code ics}
     * (checked by the booking feature, which reads it).
     */
    public record Calendar(String caldav, String user, String password, String ics) {
        @Override
        public String toString() {
            return "Calendar[caldav=" + caldav + ", user=" + user + ", ics=" + (ics == null ? null : "(secret)") + "]";
        }
    }
}
