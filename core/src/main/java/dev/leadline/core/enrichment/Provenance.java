package dev.leadline.core.enrichment;

import java.time.Instant;

/** Where an enriched value came from: the provider, when, and how sure it was. */
public record Provenance(String field, String value, String provider, double confidence, Instant at) {}
