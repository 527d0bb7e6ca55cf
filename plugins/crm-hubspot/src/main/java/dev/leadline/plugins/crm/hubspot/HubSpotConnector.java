package dev.leadline.plugins.crm.hubspot;

import dev.leadline.plugin.CrmActivity;
import dev.leadline.plugin.CrmChanges;
import dev.leadline.plugin.CrmConnector;
import dev.leadline.plugin.CrmConversion;
import dev.leadline.plugin.CrmLead;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.ProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.pf4j.Extension;

/**
 * Keeps HubSpot CRM (API v3, a private app's token) in step with Leadline: a lead is a contact
 * ({@link HubSpotContacts}), an activity a call, meeting or note ({@link HubSpotEngagements}), a conversion a company
 * and a deal ({@link HubSpotConversions}); owner and status changes come back through the contact search
 * ({@link HubSpotChanges}). HubSpot's answers become results here: 429 is RATE_LIMITED, 401 and 403 and 5xx FAILED,
 * other 4xx REJECTED ({@link HubSpotErrors}); a HubSpot that cannot be reached is FAILED.
 */
@Extension
public final class HubSpotConnector implements CrmConnector {
    @Override
    public String id() {
        return "hubspot";
    }

    @Override
    public CrmResult pushLead(CrmLead lead, ProviderContext context) throws InterruptedException {
        return run(context, (api, settings) -> new HubSpotContacts(api, settings).push(lead));
    }

    @Override
    public CrmResult pushActivity(CrmActivity activity, ProviderContext context) throws InterruptedException {
        return run(context, (api, settings) -> new HubSpotEngagements(api).push(activity));
    }

    @Override
    public CrmResult pushConversion(CrmConversion conversion, ProviderContext context) throws InterruptedException {
        return run(context, (api, settings) -> new HubSpotConversions(api, settings).push(conversion));
    }

    /** Pulls a page of changes; a 429 is an empty page with HubSpot's wait, any other refusal throws (the host retries). */
    @Override
    public CrmChanges pullChanges(String cursor, int max, ProviderContext context) throws IOException, InterruptedException {
        HubSpotSettings settings = HubSpotSettings.of(context);
        if (!settings.problems().isEmpty()) {
            throw new IllegalStateException(String.join("; ", settings.problems()));
        }
        try {
            return new HubSpotChanges(new HubSpotApi(context, settings)).pull(cursor, max, context.clock().instant());
        } catch (HubSpotApi.Refused refused) {
            if (refused.result().kind() == CrmResult.Kind.RATE_LIMITED) {
                return new CrmChanges(List.of(), cursor, false, refused.result().retryAfter());
            }
            throw new IOException(refused.result().message());
        }
    }

    @Override
    public List<String> problems(ProviderContext context) {
        return HubSpotSettings.of(context).problems();
    }

    private interface Push {
        CrmResult run(HubSpotApi api, HubSpotSettings settings) throws IOException, InterruptedException;
    }

    private static CrmResult run(ProviderContext context, Push push) throws InterruptedException {
        HubSpotSettings settings = HubSpotSettings.of(context);
        if (!settings.problems().isEmpty()) {
            return CrmResult.failed(String.join("; ", settings.problems()));
        }
        try {
            return push.run(new HubSpotApi(context, settings), settings);
        } catch (HubSpotApi.Refused refused) {
            return refused.result();
        } catch (IOException | UncheckedIOException e) {
            return CrmResult.failed("cannot reach HubSpot at " + settings.baseUrl() + ": " + e.getMessage());
        }
    }
}
