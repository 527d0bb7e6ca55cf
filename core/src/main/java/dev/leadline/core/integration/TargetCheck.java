package dev.leadline.core.integration;

/** Decides whether a webhook may be sent to an address (scheme and network rules); the server's is DNS-aware. */
public interface TargetCheck {
    /** Throws {@link dev.leadline.core.common.ValidationException} on the field {@code url} when it may not. */
    void check(String url);
}
