package dev.leadline.core.sla;

import java.time.Instant;
import java.util.List;

/** Reads the timing of leads created in a period. */
public interface SpeedSamples {
    List<SpeedSample> createdBetween(Instant from, Instant to);
}
