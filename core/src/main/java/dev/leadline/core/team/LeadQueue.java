package dev.leadline.core.team;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A named pool of reps that leads can be offered to; {@code chatChannels} maps a platform to the
 * channel its offers go to, and {@code routing} says how the queue hands its leads out.
 */
public record LeadQueue(long id, String name, String description, Set<Long> memberRepIds, Map<String, String> chatChannels, int version,
                        QueueRouting routing) {
    public LeadQueue {
        memberRepIds = Set.copyOf(memberRepIds);
        chatChannels = Map.copyOf(chatChannels);
    }

    public Optional<String> channel(String platform) {
        return Optional.ofNullable(chatChannels.get(platform));
    }
}
