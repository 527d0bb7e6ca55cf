package dev.leadline.plugins.crm.salesforce;

import org.pf4j.Plugin;

/** The {@code crm-salesforce} plugin: one extension, {@link SalesforceConnector}. */
public final class CrmSalesforcePlugin extends Plugin {
}
