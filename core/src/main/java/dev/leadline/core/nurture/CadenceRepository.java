package dev.leadline.core.nurture;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where cadences are kept, as written; calls join the caller's transaction. */
public interface CadenceRepository {
    /** A cadence as stored: its definition as written, its version, when and by whom it was saved. */
    record Stored(String name, Map<String, Object> definition, int version, Instant updatedAt, String updatedBy) {}

    List<Stored> all();

    /** The cadence, its row locked until the transaction ends (saves of one name take turns). */
    Optional<Stored> findForUpdate(String name);

    Optional<Stored> find(String name);

    void save(Stored cadence);
}
