package dev.leadline.core.team;

import java.util.List;
import java.util.Map;

/**
 * A queue as configuration describes one: its name, its members' emails, and the chat channel each
 * platform announces its offers in ({@code channels: {slack: C0123ABC}}).
 */
public record QueueSpec(String name, String description, List<String> members, Map<String, String> channels) {
    public QueueSpec {
        members = members == null ? List.of() : List.copyOf(members);
        channels = channels == null ? Map.of() : Map.copyOf(channels);
    }

    public QueueSpec(String name, String description, List<String> members) {
        this(name, description, members, Map.of());
    }
}
