package dev.leadline.core.team;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;

/** Keeps the team (reps and queues) as configuration describes it. */
public final class TeamService {
    private final Transactor transactor;
    private final RepRepository reps;
    private final QueueRepository queues;
    private final AuditLog audit;
    private final Clock clock;
    private final TeamDirectory directory;

    /** How long a node trusts the team it read before reading it again (changes from other nodes show within this). */
    public static final Duration DIRECTORY_MAX_AGE = Duration.ofSeconds(5);

    public TeamService(Transactor transactor, RepRepository reps, QueueRepository queues, AuditLog audit, Clock clock) {
        this.transactor = transactor;
        this.reps = reps;
        this.queues = queues;
        this.audit = audit;
        this.clock = clock;
        this.directory = new TeamDirectory(reps, queues, clock, DIRECTORY_MAX_AGE);
    }

    /**
     * Creates or updates every rep and queue described, all or nothing.
     *
     * @throws ValidationException listing every bad entry; nothing is changed then
     */
    public void apply(List<RepSpec> repSpecs, List<QueueSpec> queueSpecs, Actor actor) {
        List<FieldError> problems = new ArrayList<>();
        List<Rep> validReps = new ArrayList<>();
        for (int i = 0; i < repSpecs.size(); i++) {
            toRep(repSpecs.get(i), "reps[" + i + "]", problems).ifPresent(validReps::add);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        try {
            store(validReps, queueSpecs, problems, actor);
        } finally {
            directory.invalidate();
        }
    }

    private void store(List<Rep> validReps, List<QueueSpec> queueSpecs, List<FieldError> problems, Actor actor) {
        transactor.inTransaction(() -> {
            for (Rep rep : validReps) {
                Optional<Rep> before = reps.findByEmail(rep.email());
                Rep after = reps.upsert(rep, clock.instant());
                record("rep", after.email(), before.map(TeamService::snapshot), snapshot(after), actor);
            }
            Map<Integer, LeadQueue> applied = new java.util.LinkedHashMap<>();
            for (int i = 0; i < queueSpecs.size(); i++) {
                int index = i;
                applyQueue(queueSpecs.get(i), "queues[" + i + "]", problems, actor).ifPresent(q -> applied.put(index, q));
            }
            // a fallback may name a queue listed after its own, so routing is read once every queue exists
            applied.forEach((index, queue) -> applyRouting(queueSpecs.get(index), "queues[" + index + "]", queue, problems, actor));
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
        });
    }

    public List<Rep> reps() {
        return reps.list();
    }

    public List<LeadQueue> queues() {
        return queues.list();
    }

    public Optional<Rep> rep(long id) {
        return directory.rep(id);
    }

    public Optional<LeadQueue> queue(long id) {
        return directory.queue(id);
    }

    public Optional<LeadQueue> queueByName(String name) {
        return directory.queueByName(name.strip());
    }

    /** The rep a chat platform knows by this user id, once linked (in leadline.yml or by {@link #linkChatIdentity}). */
    public Optional<Rep> repByChatIdentity(String platform, String externalId) {
        return directory.repByChatIdentity(platform, externalId);
    }

    /**
     * Remembers the rep's user id on a chat platform (found by their email there), audited. A rep
     * already linked to another user there is never re-bound: empty then (an admin changes the link in
     * leadline.yml).
     */
    public Optional<Rep> linkChatIdentity(Rep rep, String platform, String externalId, Actor actor) {
        String linked = rep.chatIdentities().get(platform);
        if (externalId.equals(linked)) {
            return Optional.of(rep);
        }
        if (linked != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(transactor.inTransaction(() -> {
                reps.linkChatIdentity(rep.id(), platform, externalId);
                Rep after = reps.find(rep.id()).orElseThrow();
                record("rep", after.email(), Optional.of(snapshot(rep)), snapshot(after), actor);
                return after;
            }));
        } finally {
            directory.invalidate();
        }
    }

    /**
     * The rep's own say on taking leads: paused (from chat) and an out-of-office period; routing skips
     * them meanwhile. Audited.
     *
     * @throws ValidationException when the period ends before it starts
     */
    public Rep setAvailability(Rep rep, boolean paused, Instant outOfOfficeFrom, Instant outOfOfficeUntil, Actor actor) {
        if (outOfOfficeFrom != null && outOfOfficeUntil != null && !outOfOfficeUntil.isAfter(outOfOfficeFrom)) {
            throw new ValidationException("outOfOffice.until", "must be after from");
        }
        if (outOfOfficeFrom == null && outOfOfficeUntil != null) {
            throw new ValidationException("outOfOffice.from", "is required with until");
        }
        try {
            return transactor.inTransaction(() -> {
                reps.setAvailability(rep.id(), paused, outOfOfficeFrom, outOfOfficeUntil);
                Rep after = reps.find(rep.id()).orElseThrow();
                Map<String, String> before = availability(rep);
                if (!before.equals(availability(after))) {
                    audit.record(List.of(new AuditEntry("rep", rep.email(), "availability", actor, clock.instant(), before, availability(after))));
                }
                return after;
            });
        } finally {
            directory.invalidate();
        }
    }

    private static Map<String, String> availability(Rep rep) {
        Map<String, String> values = new TreeMap<>();
        values.put("paused", Boolean.toString(rep.paused()));
        Optional.ofNullable(rep.outOfOfficeFrom()).ifPresent(v -> values.put("outOfOfficeFrom", v.toString()));
        Optional.ofNullable(rep.outOfOfficeUntil()).ifPresent(v -> values.put("outOfOfficeUntil", v.toString()));
        return values;
    }

    /** The rep as {@code leadline.yml} would describe them now; a changed copy given to {@link #apply} changes them. */
    public RepSpec describe(Rep rep) {
        return new RepSpec(rep.email(), rep.name(), rep.timeZone().getId(), rep.workingHours(), rep.capacity(), rep.active(),
                rep.role().name(), rep.chatIdentities());
    }

    /**
     * The queue as {@code leadline.yml} would describe it now (members and weights by email, caps and
     * fallback); a changed copy given to {@link #apply} changes it.
     */
    public QueueSpec describe(LeadQueue queue) {
        Map<Long, String> emails = new java.util.HashMap<>();
        reps.list().forEach(r -> emails.put(r.id(), r.email()));
        List<String> members = queue.memberRepIds().stream().map(emails::get).filter(java.util.Objects::nonNull).sorted().toList();
        QueueRouting routing = queue.routing();
        Map<String, Integer> weights = new TreeMap<>();
        routing.weights().forEach((id, weight) -> Optional.ofNullable(emails.get(id)).ifPresent(email -> weights.put(email, weight)));
        QueueRouting.Caps caps = routing.caps();
        QueueSpec.CapsSpec capsSpec = !caps.any() ? null : new QueueSpec.CapsSpec(new QueueSpec.Limits(caps.repDay(), caps.repWeek(), caps.repMonth()),
                new QueueSpec.Limits(caps.day(), caps.week(), caps.month()), caps.zone().getId());
        QueueSpec.FallbackSpec fallback;
        if (routing.fallback() instanceof QueueRouting.Fallback.ToQueue to) {
            fallback = new QueueSpec.FallbackSpec(queues.find(to.queueId()).map(LeadQueue::name).orElse(null), null, null);
        } else if (routing.fallback() instanceof QueueRouting.Fallback.ToRep to) {
            fallback = new QueueSpec.FallbackSpec(null, emails.get(to.repId()), null);
        } else {
            fallback = null;
        }
        return new QueueSpec(queue.name(), queue.description(), members, queue.chatChannels(), routing.strategy().label(), weights, capsSpec,
                fallback);
    }

    public Optional<Rep> repByEmail(String email) {
        return directory.repByEmail(email.strip().toLowerCase(Locale.ROOT));
    }

    private Optional<LeadQueue> applyQueue(QueueSpec spec, String where, List<FieldError> problems, Actor actor) {
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 100) {
            problems.add(new FieldError(where + ".name", "is required (1-100 characters)"));
            return Optional.empty();
        }
        Set<Long> members = new LinkedHashSet<>();
        for (int i = 0; i < spec.members().size(); i++) {
            String email = spec.members().get(i);
            String member = where + ".members[" + i + "]";
            reps.findByEmail(email.strip().toLowerCase(Locale.ROOT)).ifPresentOrElse(rep -> members.add(rep.id()),
                    () -> problems.add(new FieldError(member, "no rep with email " + email)));
        }
        Optional<LeadQueue> before = queues.findByName(spec.name().strip());
        LeadQueue after = queues.upsert(spec.name().strip(), spec.description(), members, spec.channels(), clock.instant());
        record("queue", after.name(), before.map(TeamService::snapshot), snapshot(after), actor);
        return Optional.of(after);
    }

    private void applyRouting(QueueSpec spec, String where, LeadQueue queue, List<FieldError> problems, Actor actor) {
        QueueRouting routing = QueueRoutingSpecs.read(spec, where, queue, reps, queues, problems);
        if (problems.isEmpty() && !routing.equals(queue.routing())) {
            queues.setRouting(queue.id(), routing);
            audit.record(List.of(new AuditEntry("queue", queue.name(), "routing", actor, clock.instant(),
                    QueueRoutingSpecs.describe(queue.routing()), QueueRoutingSpecs.describe(routing))));
        }
    }

    private void record(String entity, String id, Optional<Map<String, String>> before, Map<String, String> after, Actor actor) {
        if (before.isEmpty() || !before.get().equals(after)) {
            audit.record(List.of(new AuditEntry(entity, id, before.isEmpty() ? "created" : "updated", actor, clock.instant(),
                    before.orElse(null), after)));
        }
    }

    private static Map<String, String> snapshot(Rep rep) {
        Map<String, String> values = new TreeMap<>();
        values.put("email", rep.email());
        values.put("name", rep.name());
        values.put("timeZone", rep.timeZone().getId());
        values.put("role", rep.role().name());
        values.put("active", Boolean.toString(rep.active()));
        Optional.ofNullable(rep.workingHours()).ifPresent(v -> values.put("workingHours", v));
        Optional.ofNullable(rep.capacity()).ifPresent(v -> values.put("capacity", v.toString()));
        rep.chatIdentities().forEach((platform, id) -> values.put("chat." + platform, id));
        return values;
    }

    private static Map<String, String> snapshot(LeadQueue queue) {
        Map<String, String> values = new TreeMap<>();
        values.put("name", queue.name());
        Optional.ofNullable(queue.description()).ifPresent(v -> values.put("description", v));
        values.put("members", new java.util.TreeSet<>(queue.memberRepIds()).toString());
        queue.chatChannels().forEach((platform, channel) -> values.put("channel." + platform, channel));
        return values;
    }

    private static Optional<Rep> toRep(RepSpec spec, String where, List<FieldError> problems) {
        int before = problems.size();
        if (spec.email() == null || !spec.email().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            problems.add(new FieldError(where + ".email", "is required and must be an email address"));
        }
        if (spec.name() == null || spec.name().isBlank()) {
            problems.add(new FieldError(where + ".name", "is required"));
        }
        ZoneId zone = ZoneId.of("UTC");
        if (spec.timeZone() != null) {
            try {
                zone = ZoneId.of(spec.timeZone());
            } catch (DateTimeException e) {
                problems.add(new FieldError(where + ".timeZone", "'" + spec.timeZone() + "' is not a time zone (e.g. Europe/Berlin)"));
            }
        }
        Role role = Role.REP;
        if (spec.role() != null) {
            try {
                role = Role.valueOf(spec.role().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError(where + ".role", "must be REP, MANAGER or ADMIN"));
            }
        }
        if (spec.workingHours() != null) {
            try {
                WorkingHours.parse(spec.workingHours(), where + ".workingHours");
            } catch (ValidationException e) {
                problems.addAll(e.errors());
            }
        }
        if (spec.capacity() != null && spec.capacity() < 0) {
            problems.add(new FieldError(where + ".capacity", "must not be negative"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Rep(0, spec.email().strip().toLowerCase(Locale.ROOT), spec.name().strip(), zone,
                spec.workingHours(), spec.capacity(), spec.active() == null || spec.active(), null, null, role,
                spec.chatIdentities(), 0, false));
    }
}
