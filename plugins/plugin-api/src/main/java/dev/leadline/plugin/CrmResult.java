package dev.leadline.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a push came to.
 *
 * @param kind       the outcome
 * @param ids        the CRM's ids for what the push wrote, by role: {@code lead}, {@code owner}, {@code activity},
 *                   {@code account}, {@code contact}, {@code opportunity} (only those it knows)
 * @param retryAfter for {@link Kind#RATE_LIMITED} (and optionally {@link Kind#FAILED}): how long to wait, or {@code null}
 * @param message    for people: what went wrong, or what the CRM said; never a secret
 * @param crmValues  for {@link Kind#CONFLICT}: the CRM's current values the push would have overwritten
 *                   ({@code owner} as an email, {@code status} in Leadline's terms)
 * @param crmChangedAt for {@link Kind#CONFLICT}: when the CRM's record last changed
 */
public record CrmResult(Kind kind, Map<String, String> ids, Duration retryAfter, String message, Map<String, String> crmValues,
                        Instant crmChangedAt) {
    /** The outcomes of a push. */
    public enum Kind {
        /** Written. */
        DONE,
        /**
         * Not written: the CRM's record changed after Leadline's (its {@code crmValues}); the host settles it
         * per field, the newer change winning, and pushes again if Leadline's is newer.
         */
        CONFLICT,
        /** Not written: the CRM asked to slow down; the host waits {@code retryAfter} (or backs off) and tries again. */
        RATE_LIMITED,
        /** Not written and never will be as it is (bad data, a record the CRM refuses): recorded, not retried. */
        REJECTED,
        /** Not written for now (the CRM is down, a token expired and could not be renewed): retried with backoff. */
        FAILED
    }

    public CrmResult {
        ids = ids == null ? Map.of() : Map.copyOf(ids);
        crmValues = crmValues == null ? Map.of() : Map.copyOf(crmValues);
    }

    public static CrmResult done(Map<String, String> ids) {
        return new CrmResult(Kind.DONE, ids, null, null, null, null);
    }

    public static CrmResult conflict(Map<String, String> ids, Map<String, String> crmValues, Instant crmChangedAt) {
        return new CrmResult(Kind.CONFLICT, ids, null, "the CRM changed the record since", crmValues, crmChangedAt);
    }

    public static CrmResult rateLimited(Duration retryAfter, String message) {
        return new CrmResult(Kind.RATE_LIMITED, null, retryAfter, message, null, null);
    }

    public static CrmResult rejected(String message) {
        return new CrmResult(Kind.REJECTED, null, null, message, null, null);
    }

    public static CrmResult failed(String message) {
        return new CrmResult(Kind.FAILED, null, null, message, null, null);
    }
}
