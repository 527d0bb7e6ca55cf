package dev.leadline.core.team;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reps and their chat identities. */
public interface RepRepository {
    /** Creates the rep, or updates the one with the same email; returns it as stored. */
    Rep upsert(Rep rep, Instant at);

    Optional<Rep> find(long id);

    /** Sets the rep's id on a chat platform (replacing any earlier one there), touching nothing else. */
    void linkChatIdentity(long repId, String platform, String externalId);

    /** Sets whether the rep is paused and their out-of-office period (null: none), touching nothing else. */
    void setAvailability(long repId, boolean paused, Instant outOfOfficeFrom, Instant outOfOfficeUntil);

    Optional<Rep> findByEmail(String email);

    List<Rep> list();
}
