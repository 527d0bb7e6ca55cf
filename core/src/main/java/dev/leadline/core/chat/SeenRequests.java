package dev.leadline.core.chat;

import java.time.Duration;
import java.time.Instant;

/** Signed chat requests already taken, shared by every node, so that a replayed one is not acted on twice. */
public interface SeenRequests {
    /** True the first time {@code key} is seen within {@code window} of {@code now}; remembers it. */
    boolean firstTime(String key, Instant now, Duration window);
}
