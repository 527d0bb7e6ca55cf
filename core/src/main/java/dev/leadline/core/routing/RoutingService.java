package dev.leadline.core.routing;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.routing.RoutingDecision.Outcome;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes leads: those waiting since intake (each in its own transaction, once, on any number of
 * servers), reassignments by the SLA, and a manager's hand-off to a queue; answers "why did this
 * lead go there" and what the rules would do with a lead that is not stored.
 *
 * <p>A new lead waits for its enrichment and scores, while enrichment providers are on: it is routed
 * as soon as every provider has answered for it, or once {@code enrichmentWait} has passed, whichever
 * comes first; in the second case it is routed as it is and re-scored later.
 */
public final class RoutingService {
    public static final Duration DEFAULT_ENRICHMENT_WAIT = Duration.ofSeconds(2);
    public static final String REASSIGNMENT = "reassignment";
    /** How long a node may take to route a lead it leased before another may try. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How long a batch whose decisions could not be stored waits before it is routed again. */
    static final Duration RETRY_FAILED_BATCH = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(RoutingService.class);

    private final Transactor transactor;
    private final LeadRepository leads;
    private final RoutingStore store;
    private final RulesService rules;
    private final RoutingEngine engine;
    private final RoutedLeads routed;
    private final DraftDryRun drafts;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration enrichmentWait;
    private volatile BooleanSupplier enrichmentOn = () -> false;

    public RoutingService(Transactor transactor, LeadRepository leads, LeadJournal journal, RoutingStore store, RulesService rules,
                          RoutingEngine engine, Alerts alerts, AuditLog audit, Clock clock, Duration enrichmentWait) {
        this(transactor, leads, journal, store, rules, engine, alerts, RoomOpener.NONE, audit, clock, enrichmentWait);
    }

    /** {@code rooms} opens the rooms that rule entries ask for ({@code room: true}). */
    public RoutingService(Transactor transactor, LeadRepository leads, LeadJournal journal, RoutingStore store, RulesService rules,
                          RoutingEngine engine, Alerts alerts, RoomOpener rooms, AuditLog audit, Clock clock, Duration enrichmentWait) {
        this.transactor = transactor;
        this.leads = leads;
        this.store = store;
        this.rules = rules;
        this.engine = engine;
        this.routed = new RoutedLeads(leads, journal, store, alerts, rooms);
        this.drafts = new DraftDryRun(leads, store, rules, engine, clock);
        this.audit = audit;
        this.clock = clock;
        this.enrichmentWait = enrichmentWait;
    }

    /** Tells routing whether enrichment providers are on, so that new leads wait for their results. */
    public void enrichmentOn(BooleanSupplier on) {
        this.enrichmentOn = on;
    }

    /** Routes up to {@code limit} waiting leads that are due, one after another; returns how many were routed. */
    public int routePending(int limit) {
        int routedCount = 0;
        for (RoutingStore.Pending pending : due(limit)) {
            if (route(pending)) {
                routedCount++;
            }
        }
        return routedCount;
    }

    /** Up to {@code limit} waiting leads that are due now (not leased, and enriched or done waiting for it), oldest first. */
    public List<RoutingStore.Pending> due(int limit) {
        Instant now = clock.instant();
        return store.due(limit, now, enrichmentOn.getAsBoolean() ? now.minus(enrichmentWait) : null);
    }

    /** Routes one waiting lead, unless another thread or node holds it; a failure is logged and the lead tried again later. */
    public boolean route(RoutingStore.Pending pending) {
        try (org.slf4j.MDC.MDCCloseable named = org.slf4j.MDC.putCloseable("leadId", pending.lead().toString())) {
            try {
                return routeWaiting(pending);
            } catch (RuntimeException e) {
                log.warn("routing {} failed; it is tried again shortly: {}", pending.lead(), e.toString());
                return false;
            }
        }
    }

    /**
     * Routes waiting leads together in two transactions, as {@link #route} does one: the leases and
     * every decision (each queue's state read once, then kept in memory), then the leads' new places,
     * timelines, cards and decisions. Leads another worker holds are left to it. Should the first
     * transaction fail, the leads are routed one by one instead; should the second, they are routed
     * again about two seconds later (their leases given back early).
     *
     * @return how many leads were routed
     */
    public int routeBatch(List<RoutingStore.Pending> batch) {
        if (batch.size() <= 1) {
            return batch.isEmpty() || !route(batch.get(0)) ? 0 : 1;
        }
        Instant now = clock.instant();
        Map<LeadId, String> purposes = new java.util.LinkedHashMap<>();
        batch.forEach(p -> purposes.put(p.lead(), p.purpose()));
        Map<LeadId, RoutingDecision> decided;
        try {
            decided = transactor.inTransaction(() -> decideAll(purposes, now));
        } catch (RuntimeException e) {
            log.warn("routing a batch of {} failed ({}); routing them one by one", batch.size(), e.toString());
            int routedCount = 0;
            for (RoutingStore.Pending pending : batch) {
                routedCount += route(pending) ? 1 : 0;
            }
            return routedCount;
        }
        try {
            return transactor.inTransaction(() -> {
                List<LeadId> taken = store.takeAll(List.copyOf(decided.keySet()));
                List<Lead> placed = leads.findAll(taken).stream().filter(RoutingService::unplaced).toList();
                return routed.applyAll(placed, decided, RoutedLeads.ROUTING, now);
            });
        } catch (RuntimeException e) {
            // given back after a pause (with a random part, so that two nodes that kept colliding part), not after the lease
            Instant again = clock.instant().plus(RETRY_FAILED_BATCH).plusMillis(java.util.concurrent.ThreadLocalRandom.current().nextLong(1000));
            log.warn("storing a batch of {} routing decisions failed; they are routed again from {}: {}", decided.size(), again, e.toString(), e);
            try {
                transactor.inTransaction(() -> store.release(List.copyOf(decided.keySet()), again));
            } catch (RuntimeException notReleased) {
                log.warn("the batch's leases could not be given back; they end as they would: {}", notReleased.toString());
            }
            return 0;
        }
    }

    private Map<LeadId, RoutingDecision> decideAll(Map<LeadId, String> purposes, Instant now) {
        List<LeadId> leased = store.leaseAll(List.copyOf(purposes.keySet()), now, now.plus(LEASE));
        Map<LeadId, Lead> found = new java.util.HashMap<>();
        leads.findAll(leased).forEach(l -> found.put(l.id(), l));
        BatchState state = engine.newBatch();
        RoutingEngine batchEngine = engine.forBatch(state);
        Map<LeadId, RoutingDecision> decided = new java.util.LinkedHashMap<>();
        for (LeadId id : leased) {
            String purpose = purposes.get(id);
            Lead lead = found.get(id);
            if (lead == null || !unplaced(lead)) {
                decided.put(id, unrouted(purpose, now));
                continue;
            }
            RoutingRequest request = new RoutingRequest(purpose, RoutingFacts.of(lead, now), null, null, Set.of());
            RoutingDecision decision = rules.forPurpose(purpose).map(r -> batchEngine.decide(r, request, true))
                    .orElseGet(() -> unrouted(purpose, now));
            state.count(decision.taken());
            decided.put(id, decision);
        }
        store.count(state.taken());
        return decided;
    }

    /**
     * Routes a lead that just arrived, on the caller's thread; false when it is left to the router
     * (it waits for enrichment, or routing failed and is retried there).
     */
    public boolean routeNow(LeadId lead, String purpose) {
        return !waitsForEnrichment() && route(new RoutingStore.Pending(lead, purpose, clock.instant()));
    }

    /** Whether a new lead waits for its enrichment and scores before it is routed (providers are on, and the wait is not zero). */
    public boolean waitsForEnrichment() {
        return enrichmentOn.getAsBoolean() && !enrichmentWait.isZero();
    }

    /**
     * Routes one waiting lead in two short transactions. The first leases the lead and takes the
     * queue's turn (its fair-share state and cap tallies, locked only that long, so decisions for one
     * busy queue do not wait on each other's writes); the second stores the decision, the lead's new
     * place, its timeline and its cards, and takes the lead off the waiting list. Should the second
     * fail, the lead is routed again when its lease ends, and the turn taken stays counted: caps then
     * err on the safe side.
     */
    private boolean routeWaiting(RoutingStore.Pending pending) {
        Instant now = clock.instant();
        Optional<RoutingDecision> decided = transactor.inTransaction(() -> {
            if (!store.lease(pending.lead(), now, now.plus(LEASE))) {
                return Optional.empty();
            }
            Optional<Lead> lead = leads.find(pending.lead()).filter(RoutingService::unplaced);
            if (lead.isEmpty()) {
                return Optional.of(unrouted(pending.purpose(), now));
            }
            // a lead nobody has placed yet has had no owners: no need to read its history
            RoutingRequest request = new RoutingRequest(pending.purpose(),
                    RoutingFacts.of(lead.get(), now), null, null, Set.of());
            RoutingDecision decision = rules.forPurpose(pending.purpose()).map(r -> engine.decide(r, request, true))
                    .orElseGet(() -> unrouted(pending.purpose(), now));
            store.count(decision.taken());
            return Optional.of(decision);
        });
        if (decided.isEmpty()) {
            return false;
        }
        return transactor.inTransaction(() -> {
            if (!store.take(pending.lead())) {
                return false;
            }
            Optional<Lead> lead = leads.find(pending.lead()).filter(RoutingService::unplaced);
            if (lead.isEmpty()) {
                return true; // closed, or placed by hand meanwhile: nothing left to route
            }
            routed.apply(lead.get(), decided.get(), RoutedLeads.ROUTING, null, now, false);
            log.debug("routed {} ({}): {}", pending.lead(), pending.purpose(), decided.get().explanation().outcome());
            return true;
        });
    }

    private static boolean unplaced(Lead lead) {
        return lead.stage().isOpen() && lead.ownerRepId() == null && lead.queueId() == null;
    }

    /** Whether leads of this purpose have rules to be routed by (their own or the default ones). */
    public boolean hasRules(String purpose) {
        return rules.forPurpose(purpose).isPresent();
    }

    /** What the rules would do with this lead now, storing nothing (for trying rule changes). */
    public RoutingDecision dryRun(LeadData data, Map<String, String> enrichment, Integer score, String purpose) {
        Instant now = clock.instant();
        RoutingRequest request = new RoutingRequest(purpose, RoutingFacts.of(data, enrichment, score, now), null, null, Set.of());
        return rules.forPurpose(purpose).map(r -> engine.decide(r, request, false)).orElseGet(() -> unrouted(purpose, now));
    }

    /**
     * What a draft of the purpose's rules would do now with each of the last {@code last} leads (1 to
     * 1,000) its rules routed, against where each went; storing nothing.
     *
     * @throws dev.leadline.core.common.ValidationException naming every problem of the draft, or {@code last} out of range
     */
    public DraftTrial tryDraft(String purpose, Map<String, Object> document, int last) {
        return drafts.tryDraft(purpose, document, last);
    }

    /** Who could take a lead now and, for everyone else, why routing would skip them (paused, out of office, capped...). */
    public AvailableNow availableNow() {
        return engine.availableNow(clock.instant());
    }

    /** The lead's latest routing decision and its explanation. */
    public Optional<RoutingStore.Decision> latest(LeadId id) {
        return store.latest(id);
    }

    /**
     * Gives the lead to someone who has not had it (SLA reassignment): by the reassignment rules when
     * there are some, else by its queue's strategy (a claim-first queue takes turns). False when the
     * lead's rule forbids it or nobody else can take it.
     */
    public boolean reassign(LeadId id, Actor actor, String reason) {
        return transactor.inTransaction(() -> {
            Lead lead = leads.findForUpdate(id).orElseThrow(() -> new NotFoundException("lead", id));
            if (store.latest(id).map(RoutingStore.Decision::doNotReassign).orElse(false)) {
                return false;
            }
            Instant now = clock.instant();
            RoutingRequest request = request(lead, REASSIGNMENT, now).forNewOwnerOnly();
            Optional<RuleSet> own = rules.current(REASSIGNMENT);
            RoutingDecision decision;
            if (own.isPresent()) {
                decision = engine.decide(own.get(), request, true);
            } else if (lead.queueId() != null) {
                decision = engine.distribute(lead.queueId(), request, "reassigned within its queue", true, true);
            } else {
                return false;
            }
            if (!(decision.outcome() instanceof Outcome.Assign a) || lead.ownerRepId() != null && a.repId() == lead.ownerRepId()) {
                return false;
            }
            routed.apply(lead, decision, actor, reason, now, true);
            return true;
        });
    }

    /** A manager hands the lead to a queue, which gives it out by its strategy (never to someone who had it, while others can take it). */
    public LeadOutcome assignToQueue(LeadId id, ActingRep by, LeadQueue queue, String reason) {
        Rep manager = by.rep();
        return transactor.inTransaction(() -> {
            Lead lead = leads.findForUpdate(id).orElseThrow(() -> new NotFoundException("lead", id));
            if (!Permissions.isManager(manager)) {
                return new LeadOutcome.NotAllowed("only managers assign leads");
            }
            if (!lead.stage().isOpen()) {
                return new LeadOutcome.WrongState(lead.id() + " is " + lead.status().inWords() + " and cannot be assigned");
            }
            Instant now = clock.instant();
            RoutingDecision decision = engine.distribute(queue.id(), request(lead, REASSIGNMENT, now),
                    "handed to " + queue.name() + " by " + manager.name(), true, false);
            return new LeadOutcome.Done(routed.apply(lead, decision, by.actor(), reason, now, true));
        });
    }

    private RoutingRequest request(Lead lead, String purpose, Instant now) {
        return new RoutingRequest(purpose, RoutingFacts.of(lead, now), lead.ownerRepId(), lead.queueId(),
                previousOwners(lead));
    }

    /** Everyone who has owned the lead, from its audit trail. */
    private Set<Long> previousOwners(Lead lead) {
        Set<Long> owners = new HashSet<>();
        for (AuditEntry entry : audit.forEntity(LeadJournal.ENTITY, lead.id().toString())) {
            Optional.ofNullable(entry.after()).map(a -> a.get("ownerRepId")).filter(o -> !o.isBlank()).map(Long::valueOf).ifPresent(owners::add);
        }
        Optional.ofNullable(lead.ownerRepId()).ifPresent(owners::add);
        return owners;
    }

    private static RoutingDecision unrouted(String purpose, Instant now) {
        String why = "no routing rules for '" + purpose + "' and no default rules (add them at /api/v1/rules)";
        return new RoutingDecision(new Outcome.Unrouted(why), new Explanation(purpose, null, null, List.of(), 0, List.of(),
                "not routed: " + why, now), List.of(), null);
    }
}
