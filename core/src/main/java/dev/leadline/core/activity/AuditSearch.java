package dev.leadline.core.activity;

import java.time.Instant;
import java.util.List;

/** Finds audit entries, newest first. */
public interface AuditSearch {
    /**
     * What to look for; a null part does not narrow. {@code lead} is a lead's reference ({@code L-42}),
     * {@code rep} an email (entries the rep did, in person or through a token or session, and entries about
     * the rep), {@code token} a token's name (entries about the token and those done through it).
     */
    record Filter(String lead, String rep, String token, String action, Instant from, Instant to, int limit, int offset) {}

    /** A found entry with its place in the log. */
    record Found(long id, AuditEntry entry) {}

    List<Found> search(Filter filter);
}
