package dev.leadline.core.sla;

import dev.leadline.core.common.Durations;
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
        return Durations.words(d);
    }
}
