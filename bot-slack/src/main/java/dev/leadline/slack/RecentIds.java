package dev.leadline.slack;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last few thousand event ids seen, so that Slack's retries of an event are handled once. */
final class RecentIds {
    private final Map<String, Boolean> seen;

    RecentIds(int capacity) {
        this.seen = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is seen (and for a missing id, which cannot be deduplicated). */
    synchronized boolean firstTime(String id) {
        return id == null || seen.put(id, Boolean.TRUE) == null;
    }
}
