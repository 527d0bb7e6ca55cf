package dev.leadline.core.testing;

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

/** Reps and queues kept in maps, for core tests: {@link #reps} and {@link #queues}. */
public final class InMemoryTeam {
    public final Reps reps = new Reps();
    public final Queues queues = new Queues();
    private long nextId = 1;

    private synchronized long nextId() {
        return nextId++;
    }

    /** The reps. */
    public final class Reps implements RepRepository {
    private final Map<Long, Rep> reps = new LinkedHashMap<>();

    @Override
    public synchronized Rep upsert(Rep rep, Instant at) {
        Optional<Rep> existing = findByEmail(rep.email());
        long id = existing.map(Rep::id).orElseGet(InMemoryTeam.this::nextId);
        Rep stored = new Rep(id, rep.email(), rep.name(), rep.timeZone(), rep.workingHours(), rep.capacity(), rep.active(),
                existing.map(Rep::outOfOfficeFrom).orElse(null), existing.map(Rep::outOfOfficeUntil).orElse(null), rep.role(),
                rep.chatIdentities(), existing.map(r -> r.version() + 1).orElse(0), existing.map(Rep::paused).orElse(false));
        reps.put(id, stored);
        return stored;
    }

    @Override
    public synchronized Optional<Rep> find(long id) {
        return Optional.ofNullable(reps.get(id));
    }

    @Override
    public synchronized void linkChatIdentity(long repId, String platform, String externalId) {
        Rep r = reps.get(repId);
        Map<String, String> ids = new LinkedHashMap<>(r.chatIdentities());
        ids.put(platform, externalId);
        reps.put(repId, new Rep(r.id(), r.email(), r.name(), r.timeZone(), r.workingHours(), r.capacity(), r.active(), r.outOfOfficeFrom(),
                r.outOfOfficeUntil(), r.role(), ids, r.version() + 1, r.paused()));
    }

    @Override
    public synchronized void setAvailability(long repId, boolean paused, Instant from, Instant until) {
        Rep r = reps.get(repId);
        reps.put(repId, new Rep(r.id(), r.email(), r.name(), r.timeZone(), r.workingHours(), r.capacity(), r.active(), from, until, r.role(),
                r.chatIdentities(), r.version() + 1, paused));
    }

    @Override
    public synchronized Optional<Rep> findByEmail(String email) {
        return reps.values().stream().filter(r -> r.email().equals(email)).findFirst();
    }

    @Override
    public synchronized List<Rep> list() {
        return new ArrayList<>(reps.values());
    }

    }

    /** The queues. */
    public final class Queues implements QueueRepository {
    private final Map<Long, LeadQueue> queues = new LinkedHashMap<>();

    @Override
    public synchronized LeadQueue upsert(String name, String description, Set<Long> memberRepIds, Map<String, String> chatChannels,
                                         Instant at) {
        Optional<LeadQueue> existing = findByName(name);
        long id = existing.map(LeadQueue::id).orElseGet(InMemoryTeam.this::nextId);
        LeadQueue stored = new LeadQueue(id, name, description, memberRepIds, chatChannels, existing.map(q -> q.version() + 1).orElse(0),
                existing.map(LeadQueue::routing).orElse(QueueRouting.CLAIM_FIRST));
        queues.put(id, stored);
        return stored;
    }

    @Override
    public synchronized void setRouting(long queueId, QueueRouting routing) {
        LeadQueue q = queues.get(queueId);
        queues.put(queueId, new LeadQueue(q.id(), q.name(), q.description(), q.memberRepIds(), q.chatChannels(), q.version() + 1, routing));
    }

    @Override
    public synchronized Optional<LeadQueue> findByName(String name) {
        return queues.values().stream().filter(q -> q.name().equals(name)).findFirst();
    }

    @Override
    public synchronized Optional<LeadQueue> find(long id) {
        return Optional.ofNullable(queues.get(id));
    }

    @Override
    public synchronized List<LeadQueue> list() {
        return new ArrayList<>(queues.values());
    }
    }
}
