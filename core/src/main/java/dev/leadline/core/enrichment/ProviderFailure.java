package dev.leadline.core.enrichment;

import java.time.Instant;

/** A provider that failed for a lead (threw, timed out, answered garbage, or its circuit was open). */
public record ProviderFailure(String provider, String message, Instant at) {}
