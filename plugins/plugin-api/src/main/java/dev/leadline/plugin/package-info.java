/**
 * The Leadline plugin SPI, version {@value dev.leadline.plugin.PluginApi#VERSION}: enrichment and
 * scoring providers as pf4j extension points.
 *
 * <p>A plugin is a pf4j plugin archive (zip or jar) in {@code LEADLINE_PLUGINS_DIR}; its classes
 * annotated {@code @org.pf4j.Extension} that implement {@link dev.leadline.plugin.EnrichmentProvider}
 * or {@link dev.leadline.plugin.ScoringProvider} are called for every new lead; those that implement
 * {@link dev.leadline.plugin.MessageDrafter} draft nurture emails for their owner to approve. Everything a
 * provider needs from the host comes through {@link dev.leadline.plugin.ProviderContext}; only JDK
 * types and the records of this package cross the SPI.
 *
 * <p>Versioning: this package follows semantic versioning. A minor version adds types or default
 * methods; a major version may remove or change them. Declare the range you were built for as
 * {@code Plugin-Requires} (e.g. {@code >=1.0.0 & <2.0.0}).
 */
package dev.leadline.plugin;
