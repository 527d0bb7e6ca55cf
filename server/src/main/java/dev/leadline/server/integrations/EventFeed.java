package dev.leadline.server.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadFacts;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.dedupe.DuplicateFlags;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.integration.EventTypes;
import dev.leadline.core.integration.IntegrationEvent;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.server.http.LeadJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns journaled lead changes into integration events, in their transaction: the journal tells it every
 * change (as it tells the report facts), and duplicate flags pass through it. Each event's body is the
 * Standard Webhooks payload {@code {type, timestamp, data: {lead, actor, summary, previous}}}, the lead as
 * the REST API shows it at that moment.
 */
public final class EventFeed implements LeadFacts {
    private final IntegrationStore store;
    private final LeadRepository leads;
    private final Supplier<List<IntegrationStore.Listener>> connectors;
    private final ObjectMapper json;

    /** @param connectors the CRM connectors listening now (none until plugins are loaded) */
    public EventFeed(IntegrationStore store, LeadRepository leads, Supplier<List<IntegrationStore.Listener>> connectors, ObjectMapper json) {
        this.store = store;
        this.leads = leads;
        this.connectors = connectors;
        this.json = json;
    }

    @Override
    public void created(List<Lead> created, Actor actor) {
        Listening listening = listening();
        if (!listening.takes(EventTypes.LEAD_CREATED)) {
            return;
        }
        List<IntegrationEvent> events = new ArrayList<>(created.size());
        for (Lead lead : created) {
            events.add(event(EventTypes.LEAD_CREATED, null, lead, actor, "Created by " + actor, lead.createdAt(), Map.of()));
        }
        listening.append(events);
    }

    @Override
    public void changed(List<LeadJournal.Change> changes, Actor actor) {
        Listening listening = listening();
        if (listening.none()) {
            return;
        }
        List<IntegrationEvent> events = new ArrayList<>();
        for (LeadJournal.Change c : changes) {
            String type = typeOf(c.type());
            if (type != null && listening.takes(type)) {
                events.add(event(type, c.before(), c.after(), actor, c.summary(), c.at(), Map.of()));
            }
            if (c.before().status() != c.after().status() && listening.takes(EventTypes.LEAD_STATUS_CHANGED)) {
                events.add(event(EventTypes.LEAD_STATUS_CHANGED, c.before(), c.after(), actor, c.summary(), c.at(), Map.of()));
            }
        }
        listening.append(events);
    }

    @Override
    public void slaStep(Lead lead, String step, Instant at) {
        Listening listening = listening();
        if (listening.takes(EventTypes.SLA_BREACHED)) {
            listening.append(List.of(event(EventTypes.SLA_BREACHED, lead, lead, Actor.SYSTEM, "SLA step: " + step, at, Map.of("step", step))));
        }
    }

    /** The flags of leads just stored pass to {@code flags}, and each is told as {@code duplicate.flagged}. */
    public DuplicateFlags telling(DuplicateFlags flags) {
        return new DuplicateFlags() {
            @Override
            public void flag(List<Flag> flagged) {
                flags.flag(flagged);
                Listening listening = listening();
                if (flagged.isEmpty() || !listening.takes(EventTypes.DUPLICATE_FLAGGED)) {
                    return;
                }
                Map<LeadId, Lead> stored = new LinkedHashMap<>();
                leads.findAll(flagged.stream().map(Flag::lead).distinct().toList()).forEach(l -> stored.put(l.id(), l));
                List<IntegrationEvent> events = new ArrayList<>();
                for (Flag f : flagged) {
                    Lead lead = stored.get(f.lead());
                    if (lead != null) {
                        Map<String, Object> duplicate = new LinkedHashMap<>();
                        duplicate.put("of", f.lookalike() instanceof DuplicateService.Duplicate d ? d.lead().id().toString() : f.lookalike().reference());
                        duplicate.put("kind", f.lookalike() instanceof DuplicateService.Duplicate ? "lead" : "contact");
                        duplicate.put("score", f.lookalike().score());
                        duplicate.put("matched", f.lookalike().matched());
                        events.add(event(EventTypes.DUPLICATE_FLAGGED, lead, lead, Actor.SYSTEM, "Looks like " + f.lookalike().reference(), f.at(),
                                Map.of("duplicate", duplicate)));
                    }
                }
                listening.append(events);
            }

            @Override
            public java.util.Set<dev.leadline.core.dedupe.LeadPair> dismissedAmong(java.util.Collection<LeadId> ids) {
                return flags.dismissedAmong(ids);
            }
        };
    }

    /** Tells one listener only (a CRM backfill) of these leads as they are now, as events of {@code type}; how many. */
    public int tell(String type, List<Lead> told, Actor actor, IntegrationStore.Listener only, Instant at) {
        List<IntegrationEvent> events = told.stream().map(lead -> event(type, null, lead, actor, "Backfilled by " + actor, at, Map.of())).toList();
        if (!events.isEmpty()) {
            store.append(events, List.of(only), at);
        }
        return events.size();
    }

    /** Who listens now (read once per change): the event types they take, and where their events go. */
    private Listening listening() {
        List<IntegrationStore.Listener> all = new ArrayList<>(connectors.get());
        all.addAll(store.webhookListeners());
        return new Listening(all);
    }

    private final class Listening {
        private final List<IntegrationStore.Listener> listeners;
        private final java.util.Set<String> types = new java.util.HashSet<>();

        Listening(List<IntegrationStore.Listener> listeners) {
            this.listeners = listeners;
            listeners.forEach(l -> types.addAll(l.types()));
        }

        boolean none() {
            return types.isEmpty();
        }

        boolean takes(String type) {
            return types.contains(type);
        }

        void append(List<IntegrationEvent> events) {
            if (!events.isEmpty()) {
                store.append(events, listeners, events.get(0).at());
            }
        }
    }

    /** The event a timeline entry of this kind is, or null when listeners are not told of it. */
    static String typeOf(ActivityType type) {
        return switch (type) {
            case ASSIGNED, OFFERED, ROUTED -> EventTypes.LEAD_ROUTED;
            case CLAIMED -> EventTypes.LEAD_CLAIMED;
            case CONVERTED -> EventTypes.LEAD_CONVERTED;
            case UNCONVERTED -> EventTypes.LEAD_UNCONVERTED;
            case MERGED -> EventTypes.LEAD_MERGED;
            case UNMERGED -> EventTypes.LEAD_UNMERGED;
            case MEETING_SCHEDULED -> EventTypes.MEETING_SCHEDULED;
            case CONTACT_ATTEMPT -> EventTypes.LEAD_CONTACTED;
            case NOTE -> EventTypes.LEAD_NOTED;
            default -> null;
        };
    }

    private IntegrationEvent event(String type, Lead before, Lead after, Actor actor, String summary, Instant at, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lead", LeadJson.write(after));
        data.put("actor", actor.toString());
        data.put("summary", summary);
        if (before == null) {
            data.put("previous", null);
        } else {
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("status", before.status().name());
            previous.put("ownerRepId", before.ownerRepId());
            previous.put("queueId", before.queueId());
            data.put("previous", previous);
        }
        data.putAll(extra);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", at.toString());
        body.put("data", data);
        try {
            return new IntegrationEvent("msg_" + UUID.randomUUID().toString().replace("-", ""), type, after.id().value(), at,
                    json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + type + " event of " + after.id(), e);
        }
    }
}
