package dev.leadline.core.team;

import java.util.List;

/** A queue as configuration describes one: its name and its members' emails. */
public record QueueSpec(String name, String description, List<String> members) {
    public QueueSpec {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
