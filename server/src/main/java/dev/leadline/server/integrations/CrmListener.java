package dev.leadline.server.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.account.Account;
import dev.leadline.core.account.AccountRepository;
import dev.leadline.core.account.Opportunity;
import dev.leadline.core.conversion.Conversion;
import dev.leadline.core.conversion.ConversionRepository;
import dev.leadline.core.enrichment.ProviderCalls.Called;
import dev.leadline.core.integration.Attempt;
import dev.leadline.core.integration.CrmStore;
import dev.leadline.core.integration.CrmUpdates;
import dev.leadline.core.integration.Delivery;
import dev.leadline.core.integration.EventTypes;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.ScheduleRepository;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.plugin.CrmActivity;
import dev.leadline.plugin.CrmConversion;
import dev.leadline.plugin.CrmLead;
import dev.leadline.plugin.CrmResult;
import dev.leadline.server.plugins.PluginHost;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers lead events to CRM connectors ({@code crm:<plugin id>}): a change to where a lead stands pushes
 * the lead as it is now; a contact attempt, a note or a meeting pushes an activity (the lead first, when
 * the CRM does not know it yet); a conversion pushes the account, contact and opportunity. The CRM's ids
 * are kept ({@link CrmStore}); a conflict is settled field by field, the newer change winning
 * ({@link CrmUpdates}); a refused record is given up, everything else retried with backoff.
 */
public final class CrmListener implements DeliveryLoop.Listener {
    /** The events a CRM connector takes. */
    public static final Set<String> TYPES = Set.of(EventTypes.LEAD_CREATED, EventTypes.LEAD_ROUTED, EventTypes.LEAD_CLAIMED,
            EventTypes.LEAD_STATUS_CHANGED, EventTypes.LEAD_CONTACTED, EventTypes.LEAD_NOTED, EventTypes.MEETING_SCHEDULED,
            EventTypes.LEAD_CONVERTED, EventTypes.LEAD_MERGED, CrmBackfill.TYPE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PluginHost plugins;
    private final CrmStore crm;
    private final CrmUpdates updates;
    private final LeadRepository leads;
    private final TeamService team;
    private final ScheduleRepository schedule;
    private final ConversionRepository conversions;
    private final AccountRepository accounts;
    private final Clock clock;

    public CrmListener(PluginHost plugins, CrmStore crm, CrmUpdates updates, LeadRepository leads, TeamService team, ScheduleRepository schedule,
                       ConversionRepository conversions, AccountRepository accounts, Clock clock) {
        this.plugins = plugins;
        this.crm = crm;
        this.updates = updates;
        this.leads = leads;
        this.team = team;
        this.schedule = schedule;
        this.conversions = conversions;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The connectors listening now: every started plugin with one. */
    public static List<IntegrationStore.Listener> listeners(PluginHost plugins) {
        return plugins.crmConnectors().stream().map(id -> new IntegrationStore.Listener(target(id), TYPES)).toList();
    }

    public static String target(String pluginId) {
        return "crm:" + pluginId;
    }

    @Override
    public Optional<Attempt> deliver(Delivery delivery) {
        String plugin = delivery.target().substring("crm:".length());
        Instant now = clock.instant();
        if (plugin.isEmpty() || !plugins.crmConnectors().contains(plugin)) {
            return Optional.empty(); // disabled or not installed: its events wait for it
        }
        Optional<Lead> found = leads.find(new LeadId(delivery.event().leadId()));
        if (found.isEmpty()) {
            return Optional.of(attempt(Attempt.Outcome.GIVE_UP, now, "lead " + delivery.event().leadId() + " is gone", null));
        }
        Lead lead = found.get();
        long started = System.nanoTime();
        String type = delivery.event().type();
        Attempt made;
        if (EventTypes.LEAD_CONTACTED.equals(type) || EventTypes.LEAD_NOTED.equals(type) || EventTypes.MEETING_SCHEDULED.equals(type)) {
            made = withLead(plugin, lead, now, leadCrmId -> activity(plugin, lead, leadCrmId, delivery, now));
        } else if (EventTypes.LEAD_CONVERTED.equals(type)) {
            made = withLead(plugin, lead, now, leadCrmId -> conversion(plugin, lead, leadCrmId, now));
        } else {
            made = pushLead(plugin, lead, now);
        }
        int latency = (int) ((System.nanoTime() - started) / 1_000_000);
        made = new Attempt(made.outcome(), made.at(), made.responseCode(), latency, made.response(), made.error(), made.retryAfter());
        if (made.outcome() != Attempt.Outcome.DELIVERED) {
            crm.failed(plugin, type + " of " + lead.id() + ": " + made.error(), now);
        }
        return Optional.of(made);
    }

    private interface Then {
        Attempt push(String leadCrmId);
    }

    /** Pushes the lead first when the CRM does not know it yet, then the rest. */
    private Attempt withLead(String plugin, Lead lead, Instant now, Then then) {
        Optional<String> known = crm.crmId(plugin, "lead", lead.id().toString());
        if (known.isPresent()) {
            return then.push(known.get());
        }
        Attempt pushed = pushLead(plugin, lead, now);
        if (pushed.outcome() != Attempt.Outcome.DELIVERED) {
            return pushed;
        }
        return crm.crmId(plugin, "lead", lead.id().toString()).map(then::push)
                .orElseGet(() -> attempt(Attempt.Outcome.GIVE_UP, now, "the connector pushed the lead but named no id for it", null));
    }

    private Attempt pushLead(String plugin, Lead lead, Instant now) {
        CrmLead pushed = crmLead(plugin, lead);
        Called<CrmResult> called = plugins.crm(plugin, (connector, context) -> connector.pushLead(pushed, context));
        return settle(plugin, lead, called, now, "lead");
    }

    private Attempt activity(String plugin, Lead lead, String leadCrmId, Delivery delivery, Instant now) {
        String type = delivery.event().type();
        JsonNode data = data(delivery);
        String summary = data.path("summary").asText("");
        CrmActivity.Kind kind = EventTypes.MEETING_SCHEDULED.equals(type) ? CrmActivity.Kind.MEETING
                : EventTypes.LEAD_NOTED.equals(type) ? CrmActivity.Kind.NOTE : CrmActivity.Kind.CONTACT_ATTEMPT;
        Optional<Rep> owner = Optional.ofNullable(lead.ownerRepId()).flatMap(team::rep);
        Instant at = delivery.event().at();
        Instant ends = null;
        String subject = kind == CrmActivity.Kind.NOTE ? "Note" : kind == CrmActivity.Kind.MEETING ? "Meeting" : "Contact attempt";
        String channel = null;
        if (kind == CrmActivity.Kind.MEETING) {
            Instant told = delivery.event().at();
            Optional<Meeting> meeting = schedule.meetingsFor(lead.id()).stream().filter(m -> !m.createdAt().isAfter(told.plusSeconds(1)))
                    .max(Comparator.comparing(Meeting::createdAt));
            if (meeting.isPresent()) {
                at = meeting.get().startsAt();
                ends = meeting.get().startsAt().plus(meeting.get().duration());
                subject = meeting.get().title();
            }
        } else if (kind == CrmActivity.Kind.CONTACT_ATTEMPT) {
            String lower = summary.toLowerCase(java.util.Locale.ROOT);
            channel = lower.contains("email") ? "email" : lower.contains("linkedin") ? "linkedin" : "call";
        }
        CrmActivity activity = new CrmActivity("event:" + delivery.event().msgId(), kind, leadCrmId, subject, summary, channel, at, ends,
                owner.map(Rep::email).orElse(null), owner.flatMap(r -> crm.crmId(plugin, "owner", r.email())).orElse(null));
        Called<CrmResult> called = plugins.crm(plugin, (connector, context) -> connector.pushActivity(activity, context));
        return settle(plugin, lead, called, now, "activity:" + delivery.event().msgId());
    }

    private Attempt conversion(String plugin, Lead lead, String leadCrmId, Instant now) {
        Optional<Conversion> conversion = conversions.current(lead.id());
        if (conversion.isEmpty()) {
            return attempt(Attempt.Outcome.DELIVERED, now, null, null); // undone since: nothing to push
        }
        Optional<Account> account = accounts.account(conversion.get().accountId());
        Optional<Opportunity> opportunity = Optional.ofNullable(conversion.get().opportunityId()).flatMap(accounts::opportunity);
        Optional<Rep> owner = Optional.ofNullable(lead.ownerRepId()).flatMap(team::rep);
        CrmConversion pushed = new CrmConversion(crmLead(plugin, lead), leadCrmId, account.map(Account::name).orElse(lead.data().displayName()),
                account.flatMap(a -> crm.crmId(plugin, "account", String.valueOf(a.id()))).orElse(null), account.map(Account::domain).orElse(null),
                opportunity.map(Opportunity::name).orElse(null), opportunity.map(Opportunity::amount).map(java.math.BigDecimal::toPlainString).orElse(null),
                opportunity.map(Opportunity::stage).orElse(null), owner.map(Rep::email).orElse(null),
                owner.flatMap(r -> crm.crmId(plugin, "owner", r.email())).orElse(null), conversion.get().createdAt());
        Called<CrmResult> called = plugins.crm(plugin, (connector, context) -> connector.pushConversion(pushed, context));
        Attempt made = settle(plugin, lead, called, now, "lead");
        if (made.outcome() == Attempt.Outcome.DELIVERED && called.value() != null) {
            Map<String, String> ids = called.value().ids();
            account.ifPresent(a -> link(plugin, "account", String.valueOf(a.id()), ids.get("account"), now));
            link(plugin, "contact", String.valueOf(conversion.get().contactId()), ids.get("contact"), now);
            opportunity.ifPresent(o -> link(plugin, "opportunity", String.valueOf(o.id()), ids.get("opportunity"), now));
        }
        return made;
    }

    /** What a connector's answer comes to, its ids kept and a conflict settled. */
    private Attempt settle(String plugin, Lead lead, Called<CrmResult> called, Instant now, String kind) {
        if (called.value() == null) {
            return attempt(Attempt.Outcome.RETRY, now, called.failure() == null ? "no answer" : called.failure(), null);
        }
        CrmResult result = called.value();
        switch (result.kind()) {
            case DONE -> {
                if (kind.equals("lead")) {
                    link(plugin, "lead", lead.id().toString(), result.ids().get("lead"), now);
                } else {
                    link(plugin, "activity", kind.substring("activity:".length()), result.ids().get("activity"), now);
                }
                Optional.ofNullable(lead.ownerRepId()).flatMap(team::rep)
                        .ifPresent(owner -> link(plugin, "owner", owner.email(), result.ids().get("owner"), now));
                return attempt(Attempt.Outcome.DELIVERED, now, result.message(), null);
            }
            case CONFLICT -> {
                link(plugin, "lead", lead.id().toString(), result.ids().get("lead"), now);
                Instant crmAt = result.crmChangedAt() == null ? now : result.crmChangedAt();
                List<String> said = updates.apply(lead.id(), plugin, plugins.crmName(plugin).orElse(plugin), result.crmValues(), crmAt);
                return attempt(Attempt.Outcome.DELIVERED, now, "conflict settled: " + String.join("; ", said), null);
            }
            case RATE_LIMITED -> {
                return attempt(Attempt.Outcome.RETRY, now, "rate limited" + (result.message() == null ? "" : ": " + result.message()),
                        result.retryAfter());
            }
            case REJECTED -> {
                return attempt(Attempt.Outcome.GIVE_UP, now, "refused by the CRM: " + result.message(), null);
            }
            default -> {
                return attempt(Attempt.Outcome.RETRY, now, result.message() == null ? "failed" : result.message(), result.retryAfter());
            }
        }
    }

    private void link(String plugin, String kind, String localId, String crmId, Instant now) {
        if (crmId != null && !crmId.isBlank() && localId != null) {
            crm.link(plugin, kind, localId, crmId, now);
        }
    }

    private CrmLead crmLead(String plugin, Lead lead) {
        Optional<Rep> owner = Optional.ofNullable(lead.ownerRepId()).flatMap(team::rep);
        return new CrmLead(dev.leadline.core.enrichment.EnrichmentService.snapshot(lead, lead.enrichment()), crm.crmId(plugin, "lead", lead.id().toString()).orElse(null),
                lead.status().name(), salesforceStatus(lead.status()), owner.map(Rep::email).orElse(null),
                owner.flatMap(r -> crm.crmId(plugin, "owner", r.email())).orElse(null), lead.score(), lead.updatedAt());
    }

    /** Salesforce's standard lead statuses. */
    static String salesforceStatus(LeadStatus status) {
        return switch (status) {
            case NEW -> "Open - Not Contacted";
            case ATTEMPTED, ENGAGED, QUALIFIED -> "Working - Contacted";
            case CONVERTED -> "Closed - Converted";
            case DISQUALIFIED, MERGED -> "Closed - Not Converted";
        };
    }

    private static JsonNode data(Delivery delivery) {
        try {
            return JSON.readTree(delivery.event().payload()).path("data");
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Attempt attempt(Attempt.Outcome outcome, Instant at, String error, java.time.Duration retryAfter) {
        return new Attempt(outcome, at, null, 0, outcome == Attempt.Outcome.DELIVERED ? error : null,
                outcome == Attempt.Outcome.DELIVERED ? null : error, retryAfter);
    }
}
