package dev.leadline.server.config;

import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRepository;
import dev.leadline.core.team.QueueRouting;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The team a leadline.yml describes, held in memory while the file is checked, so the team's own rules
 * (members, weights, fallbacks, routing targets) judge it without a database.
 */
final class FileTeam {
    final Reps reps = new Reps();
    final Queues queues = new Queues();
    private long nextId = 1;

    final class Reps implements RepRepository {
        private final Map<Long, Rep> byId = new LinkedHashMap<>();

        @Override
        public Rep upsert(Rep rep, Instant at) {
            long id = findByEmail(rep.email()).map(Rep::id).orElseGet(() -> nextId++);
            Rep stored = new Rep(id, rep.email(), rep.name(), rep.timeZone(), rep.workingHours(), rep.capacity(), rep.active(), null, null,
                    rep.role(), rep.chatIdentities(), 0, false);
            byId.put(id, stored);
            return stored;
        }

        @Override
        public Optional<Rep> find(long id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public void linkChatIdentity(long repId, String platform, String externalId) {
            throw new UnsupportedOperationException("a checked file links no chat identities");
        }

        @Override
        public void setAvailability(long repId, boolean paused, Instant outOfOfficeFrom, Instant outOfOfficeUntil) {
            throw new UnsupportedOperationException("a checked file sets no availability");
        }

        @Override
        public Optional<Rep> findByEmail(String email) {
            return byId.values().stream().filter(r -> r.email().equals(email)).findFirst();
        }

        @Override
        public List<Rep> list() {
            return new ArrayList<>(byId.values());
        }
    }

    final class Queues implements QueueRepository {
        private final Map<Long, LeadQueue> byId = new LinkedHashMap<>();

        @Override
        public LeadQueue upsert(String name, String description, Set<Long> memberRepIds, Map<String, String> chatChannels, Instant at) {
            long id = findByName(name).map(LeadQueue::id).orElseGet(() -> nextId++);
            LeadQueue stored = new LeadQueue(id, name, description, memberRepIds, chatChannels, 0, QueueRouting.CLAIM_FIRST);
            byId.put(id, stored);
            return stored;
        }

        @Override
        public void setRouting(long queueId, QueueRouting routing) {
            LeadQueue q = byId.get(queueId);
            byId.put(queueId, new LeadQueue(q.id(), q.name(), q.description(), q.memberRepIds(), q.chatChannels(), 0, routing));
        }

        @Override
        public Optional<LeadQueue> findByName(String name) {
            return byId.values().stream().filter(q -> q.name().equals(name)).findFirst();
        }

        @Override
        public Optional<LeadQueue> find(long id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<LeadQueue> list() {
            return new ArrayList<>(byId.values());
        }
    }
}
