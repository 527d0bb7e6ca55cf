package dev.leadline.core.enrichment;

import java.time.Instant;

/**
 * Where a lead's own field got its value when a plugin wrote it there: the cleaned value, the lead's
 * value before ({@code ""} when the field was empty), the plugin, and when.
 */
public record FieldWrite(String field, String value, String from, String plugin, Instant at) {}
