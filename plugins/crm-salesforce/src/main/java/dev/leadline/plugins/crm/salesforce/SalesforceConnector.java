package dev.leadline.plugins.crm.salesforce;

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
 * Keeps Salesforce (REST API, a session from the OAuth 2.0 JWT bearer flow, {@link JwtBearer}) in step with
 * Leadline: a lead is a Lead ({@link SalesforceLeads}), an activity a Task or an Event ({@link SalesforceActivities}), a
 * conversion an Account, Contact and Opportunity made in one composite request ({@link SalesforceConversions}); owner
 * and status changes come back by SOQL ({@link SalesforceChanges}). Salesforce's answers become results in
 * {@link SalesforceErrors}; a Salesforce that cannot be reached is FAILED.
 */
@Extension
public final class SalesforceConnector implements CrmConnector {
    @Override
    public String id() {
        return "salesforce";
    }

    @Override
    public CrmResult pushLead(CrmLead lead, ProviderContext context) throws InterruptedException {
        return run(context, api -> new SalesforceLeads(api).push(lead));
    }

    @Override
    public CrmResult pushActivity(CrmActivity activity, ProviderContext context) throws InterruptedException {
        return run(context, api -> new SalesforceActivities(api).push(activity));
    }

    @Override
    public CrmResult pushConversion(CrmConversion conversion, ProviderContext context) throws InterruptedException {
        return run(context, api -> new SalesforceConversions(api).push(conversion));
    }

    /** Pulls a page of changes; a rate limit is an empty page with Salesforce's wait, any other refusal throws (the host retries). */
    @Override
    public CrmChanges pullChanges(String cursor, int max, ProviderContext context) throws IOException, InterruptedException {
        SalesforceSettings settings = SalesforceSettings.of(context);
        if (!settings.problems().isEmpty()) {
            throw new IllegalStateException(String.join("; ", settings.problems()));
        }
        try {
            return new SalesforceChanges(new SalesforceApi(context, settings)).pull(cursor, max, context.clock().instant());
        } catch (SalesforceApi.Refused refused) {
            if (refused.result().kind() == CrmResult.Kind.RATE_LIMITED) {
                return new CrmChanges(List.of(), cursor, false, refused.result().retryAfter());
            }
            throw new IOException(refused.result().message());
        }
    }

    @Override
    public List<String> problems(ProviderContext context) {
        return SalesforceSettings.of(context).problems();
    }

    private interface Push {
        CrmResult run(SalesforceApi api) throws IOException, InterruptedException;
    }

    private static CrmResult run(ProviderContext context, Push push) throws InterruptedException {
        SalesforceSettings settings = SalesforceSettings.of(context);
        if (!settings.problems().isEmpty()) {
            return CrmResult.failed(String.join("; ", settings.problems()));
        }
        try {
            return push.run(new SalesforceApi(context, settings));
        } catch (SalesforceApi.Refused refused) {
            return refused.result();
        } catch (IOException | UncheckedIOException e) {
            return CrmResult.failed("cannot reach Salesforce (" + settings.loginUrl() + "): " + e.getMessage());
        }
    }
}
