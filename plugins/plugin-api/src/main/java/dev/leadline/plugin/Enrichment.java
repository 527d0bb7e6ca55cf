package dev.leadline.plugin;

import java.util.List;

/**
 * What an enrichment provider answers for one lead: the values it found now, and whether more will
 * come later through {@link ProviderContext#deliverLater} (providers that answer by webhook).
 *
 * @param values  the values found now (possibly none)
 * @param pending true when the provider will deliver more later
 */
public record Enrichment(List<FieldValue> values, boolean pending) {
    public Enrichment {
        values = List.copyOf(values);
    }

    /** Values found now, nothing more to come. */
    public static Enrichment of(List<FieldValue> values) {
        return new Enrichment(values, false);
    }

    /** Nothing now; the provider will deliver later. */
    public static Enrichment later() {
        return new Enrichment(List.of(), true);
    }

    /** Nothing found. */
    public static Enrichment none() {
        return new Enrichment(List.of(), false);
    }
}
