package dev.leadline.core.integration;

import java.time.Instant;
import java.util.Optional;

/** What Leadline keeps about each CRM connector: its ids for Leadline's records, and where its feed stands. */
public interface CrmStore {
    /** The CRM's id for a record of Leadline's ({@code kind}: lead, owner, account, contact, opportunity, activity). */
    Optional<String> crmId(String connector, String kind, String localId);

    /** Leadline's id for a CRM record. */
    Optional<String> localId(String connector, String kind, String crmId);

    void link(String connector, String kind, String localId, String crmId, Instant at);

    State state(String connector);

    void pulled(String connector, String cursor, Instant at, Instant pullAfter);

    /** The last error (null clears it). */
    void failed(String connector, String error, Instant at);

    /**
     * A connector's feed and health.
     *
     * @param cursor    where the next pull starts, or null before the first
     * @param pulledAt  when changes were last pulled
     * @param pullAfter not before this (the CRM asked to wait), or null
     */
    record State(String cursor, Instant pulledAt, Instant pullAfter, String lastError, Instant lastErrorAt) {
        public static final State NONE = new State(null, null, null, null, null);
    }
}
