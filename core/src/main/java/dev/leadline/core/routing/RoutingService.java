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
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * <p>A new lead waits for its enrichment and scores, while enrichment providers are on, for at most
 * {@code enrichmentWait}; after that it is routed as it is and re-scored later.
 */
public final class RoutingService {
    public static final Duration DEFAULT_ENRICHMENT_WAIT = Duration.ofSeconds(2);
    public static final String REASSIGNMENT = "reassignment";
    private static final Logger log = LoggerFactory.getLogger(RoutingService.class);

    private final Transactor transactor;
    private final LeadRepository leads;
    private final RoutingStore store;
    private final RulesService rules;
    private final RoutingEngine engine;
    private final RoutedLeads routed;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration enrichmentWait;
    private volatile BooleanSupplier enrichmentOn = () -> false;

    public RoutingService(Transactor transactor, LeadRepository leads, LeadJournal journal, RoutingStore store, RulesService rules,
                          RoutingEngine engine, Alerts alerts, AuditLog audit, Clock clock, Duration enrichmentWait) {
        this.transactor = transactor;
        this.leads = leads;
        this.store = store;
        this.rules = rules;
        this.engine = engine;
        this.routed = new RoutedLeads(leads, journal, store, alerts);
        this.audit = audit;
        this.clock = clock;
        this.enrichmentWait = enrichmentWait;
    }

    /** Tells routing whether enrichment providers are on, so that new leads wait for their results. */
    public void enrichmentOn(BooleanSupplier on) {
        this.enrichmentOn = on;
    }

    /** Routes up to {@code limit} waiting leads that are due; returns how many were taken. */
    public int routePending(int limit) {
        Instant now = clock.instant();
        List<RoutingStore.Pending> due = store.due(limit, enrichmentOn.getAsBoolean() ? now.minus(enrichmentWait) : null);
        int routedCount = 0;
        for (RoutingStore.Pending pending : due) {
            try {
                if (transactor.inTransaction(() -> routeWaiting(pending))) {
                    routedCount++;
                }
            } catch (RuntimeException e) {
                log.warn("routing {} failed; it is tried again shortly: {}", pending.lead(), e.toString());
            }
        }
        return routedCount;
    }

    private boolean routeWaiting(RoutingStore.Pending pending) {
        if (!store.take(pending.lead())) {
            return false;
        }
        Optional<Lead> found = leads.find(pending.lead());
        if (found.isEmpty() || !found.get().stage().isOpen() || found.get().ownerRepId() != null || found.get().queueId() != null) {
            return true; // closed, or placed by hand meanwhile: nothing left to route
        }
        Lead lead = found.get();
        Optional<RuleSet> ruleSet = rules.forPurpose(pending.purpose());
        Instant now = clock.instant();
        RoutingRequest request = request(lead, pending.purpose(), now);
        RoutingDecision decision = ruleSet.map(r -> engine.decide(r, request, true)).orElseGet(() -> unrouted(pending.purpose(), now));
        routed.apply(lead, decision, RoutedLeads.ROUTING, null, now);
        log.info("routed {} ({}): {}", lead.id(), pending.purpose(), decision.explanation().outcome());
        return true;
    }

    /** What the rules would do with this lead now, storing nothing (for trying rule changes). */
    public RoutingDecision dryRun(LeadData data, Map<String, String> enrichment, Integer score, String purpose) {
        Instant now = clock.instant();
        RoutingRequest request = new RoutingRequest(purpose, RoutingFacts.of(data, enrichment, score, now), null, null, Set.of());
        return rules.forPurpose(purpose).map(r -> engine.decide(r, request, false)).orElseGet(() -> unrouted(purpose, now));
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
            Lead lead = leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
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
            routed.apply(lead, decision, actor, reason, now);
            return true;
        });
    }

    /** A manager hands the lead to a queue, which gives it out by its strategy (never to someone who had it, while others can take it). */
    public LeadOutcome assignToQueue(LeadId id, Rep manager, LeadQueue queue, String reason) {
        return transactor.inTransaction(() -> {
            Lead lead = leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
            if (!Permissions.isManager(manager)) {
                return new LeadOutcome.NotAllowed("only managers assign leads");
            }
            if (!lead.stage().isOpen()) {
                return new LeadOutcome.WrongState(lead.id() + " is " + lead.status() + " and cannot be assigned");
            }
            Instant now = clock.instant();
            RoutingDecision decision = engine.distribute(queue.id(), request(lead, REASSIGNMENT, now),
                    "handed to " + queue.name() + " by " + manager.name(), true, false);
            return new LeadOutcome.Done(routed.apply(lead, decision, Actor.rep(manager.email()), reason, now));
        });
    }

    private RoutingRequest request(Lead lead, String purpose, Instant now) {
        return new RoutingRequest(purpose, RoutingFacts.of(lead.data(), lead.enrichment(), lead.score(), now), lead.ownerRepId(), lead.queueId(),
                previousOwners(lead));
    }

    /** Everyone who has owned the lead, from its audit trail. */
    public Set<Long> previousOwners(Lead lead) {
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
