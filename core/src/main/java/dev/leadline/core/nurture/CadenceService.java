package dev.leadline.core.nurture;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Cadences as data: checked when saved (nothing is stored when anything is wrong), versioned, audited. */
public final class CadenceService {
    private final Transactor transactor;
    private final CadenceRepository cadences;
    private final CadenceParser parser;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Cadence> read = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean anyFound;
    private volatile long anyCheckedAt = System.nanoTime() - 60_000_000_000L;

    public CadenceService(Transactor transactor, CadenceRepository cadences, CadenceParser parser, AuditLog audit, Clock clock) {
        this.transactor = transactor;
        this.cadences = cadences;
        this.parser = parser;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether any cadence exists, as seen at most 30 seconds ago (cards ask this for every lead). */
    public boolean any() {
        long now = System.nanoTime();
        if (now - anyCheckedAt > 30_000_000_000L) {
            anyFound = !cadences.all().isEmpty();
            anyCheckedAt = now;
        }
        return anyFound;
    }

    public List<Cadence> all() {
        return cadences.all().stream().map(this::read).toList();
    }

    /** The cadence of a stored name (as enrolments hold them), if it still exists. */
    public java.util.Optional<Cadence> find(String name) {
        return cadences.find(name).map(this::read);
    }

    public Cadence get(String name) {
        return cadences.find(CadenceParser.name(name)).map(this::read).orElseThrow(() -> new NotFoundException("cadence", name));
    }

    /**
     * Reads a cadence as {@link #save} would, storing nothing (the console's Check).
     *
     * @throws dev.leadline.core.common.ValidationException naming every problem
     */
    public Cadence check(String name, Map<String, Object> document) {
        return parser.parse(name, document);
    }

    /**
     * Creates the cadence or replaces its steps as a new version.
     *
     * @throws dev.leadline.core.common.ValidationException naming every problem; nothing is stored then
     */
    public Cadence save(String name, Map<String, Object> document, Actor actor) {
        Cadence checked = parser.parse(name, document);
        return transactor.inTransaction(() -> {
            Instant at = clock.instant();
            int version = cadences.findForUpdate(name).map(CadenceRepository.Stored::version).orElse(0) + 1;
            CadenceRepository.Stored stored = new CadenceRepository.Stored(name, checked.written(), version, at, actor.toString());
            cadences.save(stored);
            anyFound = true;
            audit.record(List.of(new AuditEntry("cadence", name, version == 1 ? "created" : "changed", actor, at, null,
                    Map.of("version", Integer.toString(version)))));
            return read(stored);
        });
    }

    /** A stored cadence read once per version: its templates were checked when it was saved. */
    private Cadence read(CadenceRepository.Stored stored) {
        Cadence known = read.get(stored.name());
        if (known != null && known.version() == stored.version()) {
            return known;
        }
        Cadence cadence = parser.parse(stored.name(), stored.definition()).withVersion(stored.version(), stored.updatedAt(), stored.updatedBy());
        read.put(stored.name(), cadence);
        return cadence;
    }
}
