package dev.leadline.core.integration;

import java.time.Instant;

/**
 * What one attempt at a delivery came to.
 *
 * @param outcome      delivered, to be retried, or given up
 * @param at           when it was made
 * @param responseCode the HTTP status, or null
 * @param latencyMs    how long it took
 * @param response     the first 1 KB of the answer, or null
 * @param error        why it failed, or null
 * @param retryAfter   for a retry: how long the listener asked to wait, or null for the backoff's own time
 */
public record Attempt(Outcome outcome, Instant at, Integer responseCode, int latencyMs, String response, String error,
                      java.time.Duration retryAfter) {
    /** Where a delivery goes after an attempt. */
    public enum Outcome { DELIVERED, RETRY, GIVE_UP }

    /** The longest answer kept. */
    public static final int RESPONSE_BYTES = 1024;

    public Attempt {
        response = clip(response, RESPONSE_BYTES);
        error = clip(error, 1000);
    }

    private static String clip(String text, int max) {
        if (text == null || text.length() <= max / 4) {
            return text;
        }
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length <= max) {
            return text;
        }
        // cut at a character boundary within the first max bytes
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.IGNORE);
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(utf8, 0, max)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return text.substring(0, max / 4);
        }
    }
}
