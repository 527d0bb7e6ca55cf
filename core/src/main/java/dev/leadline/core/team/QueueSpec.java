package dev.leadline.core.team;

import java.util.List;
import java.util.Map;

/**
 * A queue as configuration describes one: its name, its members' emails, the chat channel each
 * platform announces its offers in ({@code channels: {slack: C0123ABC}}), and how it hands leads
 * out: {@code strategy} ({@code claim-first}, the default, {@code round-robin}, {@code weighted},
 * {@code least-loaded}), {@code weights} by member email, {@code caps} and {@code fallback}.
 */
public record QueueSpec(String name, String description, List<String> members, Map<String, String> channels,
                        String strategy, Map<String, Integer> weights, CapsSpec caps, FallbackSpec fallback) {
    public QueueSpec {
        members = members == null ? List.of() : List.copyOf(members);
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        weights = weights == null ? Map.of() : Map.copyOf(weights);
    }

    public QueueSpec(String name, String description, List<String> members, Map<String, String> channels) {
        this(name, description, members, channels, null, null, null, null);
    }

    public QueueSpec(String name, String description, List<String> members) {
        this(name, description, members, Map.of());
    }

    /** Caps as written: {@code perRep: {day: 20}, total: {week: 500}, timeZone: Europe/Berlin}. */
    public record CapsSpec(Limits perRep, Limits total, String timeZone) {}

    /** Most leads in a day, a week and a month; null is no limit. */
    public record Limits(Integer day, Integer week, Integer month) {}

    /** Where leads go when nobody can take them: another {@code queue}, a {@code rep}, or {@code hold} (the default). */
    public record FallbackSpec(String queue, String rep, Boolean hold) {}
}
