package dev.leadline.core.intake;

import dev.leadline.core.lead.LeadId;
import java.util.Optional;

/** Remembers which request each idempotency key was first used for. */
public interface IdempotencyStore {

    /**
     * Claims the key for this request. Returns false when the key is already taken; a concurrent
     * claim of the same key waits until the first one commits or rolls back.
     */
    boolean reserve(IdempotencyKey key);

    void complete(IdempotencyKey key, LeadId leadId);

    Optional<Used> find(long tokenId, String key);

    /** A key already used: the fingerprint of its first request and the lead that request made. */
    record Used(String requestHash, LeadId leadId) {}
}
