/**
 * Enrichment and scoring of new leads through providers (plugins, behind the {@link
 * dev.leadline.core.enrichment.ProviderCalls} port): results merged by field with provenance, never
 * over what the lead was given except a cleaned form of it from a plugin allowed to write fields
 * ({@link dev.leadline.core.enrichment.FieldWriteback}), and scores combined by weights with every reason kept.
 */
package dev.leadline.core.enrichment;
