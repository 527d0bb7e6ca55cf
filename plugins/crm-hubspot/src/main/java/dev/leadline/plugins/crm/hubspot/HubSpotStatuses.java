package dev.leadline.plugins.crm.hubspot;

import java.util.Map;
import java.util.Optional;

/**
 * Leadline's lead statuses and HubSpot's {@code hs_lead_status} (its default options), both ways. Every
 * value Leadline writes reads back as the status that wrote it, so a pull never undoes a push.
 *
 * <pre>
 * Leadline              HubSpot hs_lead_status      read back as
 * NEW                   NEW                         NEW            (OPEN also reads as NEW)
 * ATTEMPTED, CONTACTED  ATTEMPTED_TO_CONTACT        ATTEMPTED
 * ENGAGED               CONNECTED                   ENGAGED
 * QUALIFIED             IN_PROGRESS                 QUALIFIED
 * CONVERTED             OPEN_DEAL                   CONVERTED
 * DISQUALIFIED, MERGED  UNQUALIFIED                 DISQUALIFIED   (BAD_TIMING also reads as DISQUALIFIED)
 * </pre>
 */
final class HubSpotStatuses {
    private static final Map<String, String> TO_HUBSPOT = Map.of("NEW", "NEW", "ATTEMPTED", "ATTEMPTED_TO_CONTACT", "CONTACTED",
            "ATTEMPTED_TO_CONTACT", "ENGAGED", "CONNECTED", "QUALIFIED", "IN_PROGRESS", "CONVERTED", "OPEN_DEAL", "DISQUALIFIED",
            "UNQUALIFIED", "MERGED", "UNQUALIFIED");
    private static final Map<String, String> TO_LEADLINE = Map.of("NEW", "NEW", "OPEN", "NEW", "ATTEMPTED_TO_CONTACT", "ATTEMPTED",
            "CONNECTED", "ENGAGED", "IN_PROGRESS", "QUALIFIED", "OPEN_DEAL", "CONVERTED", "UNQUALIFIED", "DISQUALIFIED", "BAD_TIMING",
            "DISQUALIFIED");

    private HubSpotStatuses() {}

    /** HubSpot's value for a Leadline status; empty for a status it has none for (then the property is left alone). */
    static Optional<String> toHubSpot(String leadlineStatus) {
        return Optional.ofNullable(leadlineStatus).map(TO_HUBSPOT::get);
    }

    /**
     * Whether writing our value loses something HubSpot's means: not when they are equal or read as the same Leadline
     * status (HubSpot's {@code OPEN} under our {@code NEW}); always for a custom value.
     */
    static boolean differ(String ours, String hubSpots) {
        Optional<String> theirs = toLeadline(hubSpots);
        return !ours.equals(hubSpots) && (theirs.isEmpty() || !theirs.equals(toLeadline(ours)));
    }

    /** Leadline's status for a HubSpot value; empty for a blank or custom value. */
    static Optional<String> toLeadline(String hubSpotStatus) {
        return Optional.ofNullable(hubSpotStatus).map(TO_LEADLINE::get);
    }
}
