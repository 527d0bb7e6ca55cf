package dev.leadline.core.intake;

import dev.leadline.core.common.ValidationException;

/**
 * A client's promise that two requests with the same key are the same request. Keys are scoped to
 * the API token that sent them; {@code requestHash} fingerprints the body.
 */
public record IdempotencyKey(long tokenId, String key, String requestHash) {
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (key.isBlank() || key.length() > MAX_LENGTH) {
            throw new ValidationException("Idempotency-Key", "must be 1-" + MAX_LENGTH + " characters");
        }
    }
}
