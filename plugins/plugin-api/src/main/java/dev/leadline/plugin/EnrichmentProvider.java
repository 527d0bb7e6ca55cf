package dev.leadline.plugin;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Fills lead fields from what is known (an email, a domain, a company name...). Called once for
 * every new lead that has at least one of the fields it {@link #needs()}, with a time limit (2 s by
 * default); a provider that throws, hangs or returns garbage is isolated and the lead goes on
 * without it. Values never overwrite what a person typed; only a value marked as the cleaned form of
 * the lead's own one ({@link FieldValue#cleaned}) may take its place, where the plugin's
 * {@code writeFields} setting allows and while the lead still holds what was cleaned.
 */
public interface EnrichmentProvider extends ExtensionPoint {
    /** A stable id, unique among providers, e.g. {@code email} or {@code clearbit}. */
    String id();

    /** The fields this provider can fill (for documentation and precedence settings). */
    Set<String> fills();

    /** The fields it needs: it is called only when the lead has at least one of them. */
    Set<String> needs();

    /**
     * Finds values for the lead. Runs on a host thread with the plugin's class loader as the context
     * class loader; must honour interruption.
     *
     * @throws Exception any failure; it is recorded on the lead and in the plugin's metrics
     */
    Enrichment enrich(LeadSnapshot lead, ProviderContext context) throws Exception;
}
