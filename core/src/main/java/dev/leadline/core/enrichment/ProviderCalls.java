package dev.leadline.core.enrichment;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.Score;
import java.util.List;

/**
 * Calls every enabled provider for a lead, each isolated (time limit, bulkhead, circuit breaker): a
 * provider's failure is an answer, never an exception.
 */
public interface ProviderCalls {
    List<Called<Enrichment>> enrich(LeadSnapshot lead);

    List<Called<Score>> score(LeadSnapshot lead, ActivitySummary activity);

    /**
     * Whether this provider's plugin may write cleaned values ({@link dev.leadline.plugin.FieldValue#cleaned})
     * onto leads' own fields (its {@code writeFields} setting); none may unless configured.
     *
     * @param provider {@code <plugin id>/<provider id>}, or a plugin id for values delivered later
     */
    default boolean writesFields(String provider) {
        return false;
    }

    /**
     * One provider's answer: its value, or why there is none.
     *
     * @param provider {@code <plugin id>/<provider id>}
     */
    record Called<T>(String provider, T value, String failure) {
        public static <T> Called<T> ok(String provider, T value) {
            return new Called<>(provider, value, null);
        }

        public static <T> Called<T> failed(String provider, String failure) {
            return new Called<>(provider, null, failure);
        }
    }
}
