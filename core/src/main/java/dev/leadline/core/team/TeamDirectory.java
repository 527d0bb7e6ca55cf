package dev.leadline.core.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The team as last read, for the look-ups every lead action makes (who is this rep, which queue,
 * who is in it). Read whole, kept for a few seconds so that changes made on another server node
 * show within that time, and dropped at once when this node changes the team. A rep or queue it does
 * not know yet is looked up in the database (one added by another node), without keeping the answer.
 */
final class TeamDirectory {
    private final RepRepository reps;
    private final QueueRepository queues;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Snapshot snapshot;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private record Snapshot(Instant readAt, Map<Long, Rep> repsById, Map<String, Rep> repsByEmail, Map<String, Rep> repsByChatId,
                            Map<Long, LeadQueue> queuesById, Map<String, LeadQueue> queuesByName) {
        static Snapshot of(Instant at, List<Rep> reps, List<LeadQueue> queues) {
            Map<String, Rep> byChatId = new java.util.HashMap<>();
            reps.forEach(rep -> rep.chatIdentities().forEach((platform, id) -> byChatId.put(platform + ":" + id, rep)));
            return new Snapshot(at, index(reps, Rep::id), index(reps, Rep::email), Map.copyOf(byChatId), index(queues, LeadQueue::id),
                    index(queues, LeadQueue::name));
        }

        private static <K, V> Map<K, V> index(List<V> values, Function<V, K> key) {
            return values.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity(), (a, b) -> a));
        }
    }

    TeamDirectory(RepRepository reps, QueueRepository queues, Clock clock, Duration maxAge) {
        this.reps = reps;
        this.queues = queues;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    Optional<Rep> rep(long id) {
        return Optional.ofNullable(current().repsById().get(id)).or(() -> reps.find(id));
    }

    Optional<Rep> repByEmail(String email) {
        return Optional.ofNullable(current().repsByEmail().get(email)).or(() -> reps.findByEmail(email));
    }

    /** The rep known on a chat platform by this id; only reps linked to it (no database fallback). */
    Optional<Rep> repByChatIdentity(String platform, String externalId) {
        return Optional.ofNullable(current().repsByChatId().get(platform + ":" + externalId));
    }

    Optional<LeadQueue> queue(long id) {
        return Optional.ofNullable(current().queuesById().get(id)).or(() -> queues.find(id));
    }

    Optional<LeadQueue> queueByName(String name) {
        return Optional.ofNullable(current().queuesByName().get(name)).or(() -> queues.findByName(name));
    }

    /** Forgets what was read; the next look-up reads the team again. */
    void invalidate() {
        generation.incrementAndGet();
        snapshot = null;
    }

    /**
     * The team as read; a read that raced with {@link #invalidate} is used for this look-up but not
     * kept, so a change made here is never hidden behind an older snapshot.
     */
    private Snapshot current() {
        Snapshot known = snapshot;
        Instant now = clock.instant();
        if (known == null || known.readAt().plus(maxAge).isBefore(now)) {
            long before = generation.get();
            known = Snapshot.of(now, reps.list(), queues.list());
            if (generation.get() == before) {
                snapshot = known;
            }
        }
        return known;
    }
}
