package dev.leadline.core.intake;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.dedupe.Checkpoint;
import dev.leadline.core.dedupe.DuplicateAction;
import dev.leadline.core.dedupe.DuplicateGuard;
import dev.leadline.core.dedupe.DuplicatePolicy;
import dev.leadline.core.dedupe.MergeOutcome;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.routing.LeadArrivals;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Takes single leads in (REST API and web forms): stores the lead, its first timeline entry and its
 * audit record in one transaction, honouring idempotency keys.
 */
public final class IntakeService {
    private final Transactor transactor;
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final IdempotencyStore idempotency;
    private final Clock clock;
    private final DuplicateGuard duplicates;
    private final LeadArrivals arrivals;
    private final AccountMatching accounts;

    public IntakeService(Transactor transactor, LeadRepository leads, LeadJournal journal,
                         IdempotencyStore idempotency, Clock clock) {
        this(transactor, leads, journal, idempotency, clock, DuplicateGuard.OFF, LeadArrivals.NONE, AccountMatching.NONE);
    }

    /**
     * With duplicate rules at creation ({@code api} and {@code form} checkpoints). The check runs
     * before the insert, so a blocked duplicate is never created. New leads are matched to their
     * accounts by {@code accounts} in the same transaction.
     */
    public IntakeService(Transactor transactor, LeadRepository leads, LeadJournal journal, IdempotencyStore idempotency, Clock clock,
                         DuplicateGuard duplicates, LeadArrivals arrivals, AccountMatching accounts) {
        this.transactor = transactor;
        this.leads = leads;
        this.journal = journal;
        this.idempotency = idempotency;
        this.clock = clock;
        this.duplicates = duplicates;
        this.arrivals = arrivals;
        this.accounts = accounts;
    }

    /** Stores the lead and puts it on routing's waiting list (web form leads by the form rules, others by the API rules). */
    public CreateOutcome create(LeadData data, Actor actor, Optional<IdempotencyKey> key) {
        String purpose = actor.kind().equals("form") ? "form" : "api";
        CreateOutcome outcome = store(data, actor, key, purpose);
        if (outcome instanceof CreateOutcome.Created created && arrivals.committed(created.lead().id(), purpose)) {
            // routed at once: the answer shows where the lead went
            return new CreateOutcome.Created(leads.find(created.lead().id()).orElse(created.lead()), created.possibleDuplicates());
        }
        return outcome;
    }

    private CreateOutcome store(LeadData data, Actor actor, Optional<IdempotencyKey> key, String purpose) {
        return transactor.inTransaction(() -> {
            duplicates.serialise(data);
            if (key.isPresent() && !idempotency.reserve(key.get())) {
                return replay(key.get());
            }
            String intakeKey = data.get(LeadField.EXTERNAL_ID).map(IntakeKeys::external).orElse(null);
            if (intakeKey != null) {
                Lead existing = leads.findByIntakeKeys(List.of(intakeKey)).get(intakeKey);
                if (existing != null) {
                    return new CreateOutcome.AlreadyExists(existing);
                }
            }
            Optional<DuplicatePolicy.Verdict> verdict = duplicates.judge(List.of(data), checkpoint(purpose)).get(0);
            duplicates.note(checkpoint(purpose), List.of(data), List.of(verdict), clock.instant());
            if (verdict.isPresent() && verdict.get().action() == DuplicateAction.BLOCK) {
                return new CreateOutcome.Duplicate(verdict.get().lookalike());
            }
            Lead lead = leads.insert(new NewLead(data, intakeKey, null, clock.instant()));
            journal.created(List.of(lead), ActivityType.CREATED, actor, "Created by " + actor + DuplicateGuard.flagText(verdict));
            key.ifPresent(k -> idempotency.complete(k, lead.id()));
            accounts.matchAll(List.of(lead));
            Optional<MergeOutcome.Merged> merged = verdict.flatMap(v -> duplicates.settle(lead, v, actor, lead.createdAt()));
            if (merged.isPresent()) {
                return new CreateOutcome.Merged(merged.get().survivor(), lead.id());
            }
            arrivals.arrived(List.of(lead.id()), purpose, lead.createdAt());
            return new CreateOutcome.Created(lead, verdict.filter(v -> v.action() != DuplicateAction.ALLOW).map(v -> List.of(v.lookalike()))
                    .orElse(List.of()));
        });
    }

    private static Checkpoint checkpoint(String purpose) {
        return purpose.equals("form") ? Checkpoint.FORM : Checkpoint.API;
    }

    private CreateOutcome replay(IdempotencyKey key) {
        IdempotencyStore.Used used = idempotency.find(key.tokenId(), key.key()).orElseThrow();
        if (!used.requestHash().equals(key.requestHash())) {
            return new CreateOutcome.KeyReused(key.key());
        }
        return new CreateOutcome.Replayed(leads.find(used.leadId()).orElseThrow());
    }
}
