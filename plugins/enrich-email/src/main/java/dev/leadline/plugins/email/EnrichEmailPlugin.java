package dev.leadline.plugins.email;

import org.pf4j.Plugin;

/** The {@code enrich-email} plugin: one extension, {@link EmailEnrichment}. */
public final class EnrichEmailPlugin extends Plugin {
}
