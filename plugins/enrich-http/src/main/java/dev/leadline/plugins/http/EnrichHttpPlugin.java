package dev.leadline.plugins.http;

import org.pf4j.Plugin;

/** The {@code enrich-http} plugin: one extension, {@link HttpEnrichment}. */
public final class EnrichHttpPlugin extends Plugin {
}
