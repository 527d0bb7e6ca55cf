package dev.leadline.core.sla;

import java.time.Duration;

/**
 * How long a lead has gone untouched, in the time its SLA counts: since it first reached a queue or a
 * rep, and since it came to where it is now (they differ once it has been reassigned).
 */
public record Untouched(Duration sinceArrival, Duration withCurrent) {
    /** "untouched 3 m 53 s since it arrived", and "; 1 m with Bob" when it moved since. */
    public String words(String current) {
        String since = "untouched " + span(sinceArrival) + " since it arrived";
        return withCurrent.compareTo(sinceArrival) < 0 && current != null ? since + "; " + span(withCurrent) + " " + current : since;
    }

    static String span(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " m";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
    }
}
