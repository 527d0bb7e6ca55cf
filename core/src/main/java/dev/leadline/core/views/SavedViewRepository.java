package dev.leadline.core.views;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Custom list views by their unique name. */
public interface SavedViewRepository {
    /** Stores a new view or replaces the one with the same name, keeping its id and creation time. */
    SavedView upsert(SavedView view, Instant at);

    Optional<SavedView> findByName(String name);

    List<SavedView> list();

    boolean delete(String name);
}
