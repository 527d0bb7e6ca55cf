package dev.leadline.core.nurture;

import dev.leadline.core.team.WorkingHours;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named cadence: its steps in order, the score at which a lead goes back to sales whatever step it is at
 * ({@code recycleScore}, none when null), the window it sends in (working hours in the lead's time zone:
 * {@code MON-FRI 09:00-17:00}, several spans, or {@code 24/7}), and who saved which version when.
 */
public record Cadence(String name, WorkingHours sendWindow, List<Step> steps, List<Trigger> enrol, Integer recycleScore, int version,
                      Instant updatedAt, String updatedBy) {
    public Cadence {
        steps = List.copyOf(steps);
        enrol = List.copyOf(enrol);
    }

    /**
     * When a lead is enrolled by itself: {@code disqualified} (with {@code reason}, any reason when null),
     * or {@code unreached} after {@code attempts} contact attempts that reached no one.
     */
    public record Trigger(String on, String reason, Integer attempts) {
        Map<String, Object> written() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("on", on);
            if (reason != null) {
                out.put("reason", reason);
            }
            if (attempts != null) {
                out.put("attempts", attempts);
            }
            return out;
        }
    }

    public Cadence withVersion(int version, Instant updatedAt, String updatedBy) {
        return new Cadence(name, sendWindow, steps, enrol, recycleScore, version, updatedAt, updatedBy);
    }

    /** The cadence as it is written, the same in YAML or JSON: what {@link CadenceParser} reads back. */
    public Map<String, Object> written() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("sendWindow", sendWindow.toString());
        out.put("steps", steps.stream().map(Step::written).toList());
        if (!enrol.isEmpty()) {
            out.put("enrol", enrol.stream().map(Trigger::written).toList());
        }
        if (recycleScore != null) {
            out.put("recycleScore", recycleScore);
        }
        return out;
    }
}
