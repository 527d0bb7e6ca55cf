package dev.leadline.plugins.crm.hubspot;

import org.pf4j.Plugin;

/** The {@code crm-hubspot} plugin: one extension, {@link HubSpotConnector}. */
public final class CrmHubSpotPlugin extends Plugin {
}
