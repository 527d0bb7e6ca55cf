package dev.leadline.plugin;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Keeps a CRM in step with Leadline (since SPI 1.4.0). The host calls a connector from its integration
 * outbox: once a lead is created or changes where it stands it pushes the lead, a contact attempt, a
 * meeting or a note is pushed as an activity, a conversion as the account, contact and opportunity it
 * made; and every minute the host pulls what changed in the CRM (owner and status) through a cursor.
 *
 * <p>Leadline keeps the mapping of its ids to the CRM's: a push carries the CRM id the host knows
 * ({@code null} the first time), and the result names the ids the CRM gave. Calls for one lead come in
 * order, one at a time; a call that fails is retried with backoff, so a push must be idempotent (an
 * update by the known id, or a create the CRM deduplicates). Connectors never write to Leadline
 * themselves; they answer with a {@link CrmResult} and the host records it.
 *
 * <p>Runs on a host thread with the plugin's class loader; must honour interruption. Settings come from
 * {@link ProviderContext#config()}; HTTP through {@link ProviderContext#http()}, whose per-plugin rate
 * limit the host applies ({@code rateLimitPerSecond} setting).
 */
public interface CrmConnector extends ExtensionPoint {
    /** A stable id, unique among connectors, e.g. {@code hubspot}. */
    String id();

    /** Creates the lead in the CRM (when {@link CrmLead#crmId()} is null) or updates it. */
    CrmResult pushLead(CrmLead lead, ProviderContext context) throws Exception;

    /** Records a contact attempt, a meeting or a note against the lead's CRM record. */
    CrmResult pushActivity(CrmActivity activity, ProviderContext context) throws Exception;

    /** Records a conversion: the account, contact and opportunity (the CRM's own convert where it has one). */
    CrmResult pushConversion(CrmConversion conversion, ProviderContext context) throws Exception;

    /**
     * What changed in the CRM after {@code cursor} ({@code null}: start from now, returning no changes and
     * a cursor), at most {@code max} changes, oldest first.
     */
    CrmChanges pullChanges(String cursor, int max, ProviderContext context) throws Exception;

    /**
     * The connector's own checks of its settings, e.g. a missing token; empty when it can run. The host
     * shows them with the plugin and does not call a connector that has problems.
     */
    default List<String> problems(ProviderContext context) {
        return List.of();
    }
}
