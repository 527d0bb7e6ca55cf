package dev.leadline.plugins.crm.hubspot;

import dev.leadline.plugin.ProviderContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin's settings ({@code plugins.crm-hubspot.<key>}): {@code token} (a private app's access token, required),
 * {@code baseUrl} ({@code https://api.hubapi.com}), {@code scoreProperty} (a contact property for Leadline's score, none
 * by default), {@code dealStage} (a new deal's stage when the conversion names none, {@code appointmentscheduled}) and
 * {@code pipeline} ({@code default}).
 */
record HubSpotSettings(String baseUrl, String token, String scoreProperty, String dealStage, String pipeline) {
    static final String PREFIX = "plugins.crm-hubspot.";

    static HubSpotSettings of(ProviderContext context) {
        return new HubSpotSettings(context.config("baseUrl").map(String::strip).orElse("https://api.hubapi.com").replaceAll("/+$", ""),
                context.config("token").map(String::strip).orElse(null), context.config("scoreProperty").map(String::strip).orElse(null),
                context.config("dealStage").map(String::strip).orElse("appointmentscheduled"),
                context.config("pipeline").map(String::strip).orElse("default"));
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (token == null) {
            problems.add("set " + PREFIX + "token (or LEADLINE_PLUGIN_CRM_HUBSPOT_TOKEN) to a HubSpot private app's access token");
        }
        if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://")) {
            problems.add(PREFIX + "baseUrl must be an http:// or https:// URL, not '" + baseUrl + "'");
        }
        return problems;
    }

    @Override
    public String toString() {
        return "HubSpotSettings[baseUrl=" + baseUrl + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
