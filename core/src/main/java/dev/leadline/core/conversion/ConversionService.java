package dev.leadline.core.conversion;

import dev.leadline.core.account.Account;
import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.account.AccountRepository;
import dev.leadline.core.account.Contact;
import dev.leadline.core.account.Opportunity;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Instants;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.dedupe.Checkpoint;
import dev.leadline.core.dedupe.ContactMatch;
import dev.leadline.core.dedupe.DuplicateAction;
import dev.leadline.core.dedupe.DuplicateGuard;
import dev.leadline.core.dedupe.DuplicatePolicy;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converting a lead into an account (matched or created), a contact and optionally an opportunity;
 * and undoing it: the lead comes back exactly as it was, and what the conversion created is removed
 * unless someone changed it since (then it stays, and the answer says so).
 */
public final class ConversionService {
    /** An opportunity's amount as its column holds it: DECIMAL(15,2). */
    private static final int AMOUNT_DIGITS = 15;
    private static final int AMOUNT_DECIMALS = 2;
    private static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(AMOUNT_DIGITS - AMOUNT_DECIMALS).subtract(new BigDecimal("0.01"));

    private final Transactor transactor;
    private final LeadRepository leads;
    private final AccountRepository accounts;
    private final ConversionRepository conversions;
    private final LeadJournal journal;
    private final Clock clock;
    private final AccountMatching matching;
    private final DuplicateService duplicates;

    /**
     * With {@code duplicates}, the lead is checked against contacts first (the {@code conversion}
     * checkpoint): a rule may refuse the conversion, or join the lead to the contact it duplicates
     * instead of creating a second one. Without (null), no check.
     */
    public ConversionService(Transactor transactor, LeadRepository leads, AccountRepository accounts, ConversionRepository conversions,
                             LeadJournal journal, Clock clock, AccountMatching matching, DuplicateService duplicates) {
        this.matching = matching;
        this.duplicates = duplicates;
        this.transactor = transactor;
        this.leads = leads;
        this.accounts = accounts;
        this.conversions = conversions;
        this.journal = journal;
        this.clock = clock;
    }

    public ConversionOutcome convert(LeadId id, ActingRep by, ConvertRequest request) {
        Rep rep = by.rep();
        request.opportunity().ifPresent(ConversionService::check);
        return transactor.inTransaction(() -> {
            Lead lead = load(id);
            Optional<String> refusal = Permissions.mayWork(rep, lead);
            if (refusal.isPresent()) {
                return new ConversionOutcome.Refused(new LeadOutcome.NotAllowed(refusal.get()));
            }
            if (!lead.stage().isOpen()) {
                return new ConversionOutcome.Refused(new LeadOutcome.WrongState(lead.id() + " is " + lead.status().inWords() + " and cannot be converted"));
            }
            Instant now = clock.instant();
            LeadData data = lead.data();
            Optional<DuplicatePolicy.Verdict> verdict = duplicates == null ? Optional.empty() : duplicates.check(data, Checkpoint.CONVERSION);
            DuplicateAction action = verdict.map(DuplicatePolicy.Verdict::action).orElse(DuplicateAction.ALLOW);
            if (duplicates != null) {
                duplicates.note(Checkpoint.CONVERSION, List.of(data), List.of(verdict), now);
            }
            if (action == DuplicateAction.BLOCK) {
                return new ConversionOutcome.Refused(new LeadOutcome.WrongState(lead.id() + " looks like " + verdict.get().lookalike().reference()
                        + " (" + String.join(", ", verdict.get().lookalike().matched()) + "); nothing was converted"));
            }
            Optional<Contact> existingContact = verdict.filter(v -> v.action() == DuplicateAction.MERGE).map(v -> ((ContactMatch) v.lookalike()).contact())
                    .filter(c -> request.accountId().map(a -> a == c.accountId()).orElse(request.newAccountName().isEmpty()));
            Optional<Account> matched = request.accountId().or(() -> existingContact.map(Contact::accountId)).map(a -> accounts.account(a)
                    .orElseThrow(() -> new ValidationException("account.id", "no account " + a)))
                    .or(() -> request.newAccountName().isPresent() ? Optional.empty() : match(lead));
            Account account = matched.orElseGet(() -> accounts.insertAccount(
                    request.newAccountName().orElse(accountName(lead)), data.getOrNull(LeadField.DOMAIN), rep.id(), now));
            Contact contact = existingContact.orElseGet(() -> accounts.insertContact(new Contact(0, account.id(), lead.id().value(),
                    data.getOrNull(LeadField.FIRST_NAME), data.getOrNull(LeadField.LAST_NAME), data.getOrNull(LeadField.EMAIL),
                    data.getOrNull(LeadField.PHONE), data.getOrNull(LeadField.TITLE), 0), now));
            Opportunity opportunity = request.opportunity().map(o -> accounts.insertOpportunity(new Opportunity(0, account.id(),
                    contact.id(), lead.id().value(), o.name().strip(), o.amount(), o.closeDate(),
                    o.stage() == null || o.stage().isBlank() ? "Prospecting" : o.stage().strip(), 0), now)).orElse(null);
            conversions.insert(new Conversion(0, lead.id(), account.id(), matched.isEmpty(), account.version(), contact.id(),
                    existingContact.isEmpty(), contact.version(), opportunity == null ? null : opportunity.id(), opportunity == null ? null : opportunity.version(),
                    lead.stage(), now, null));
            Lead after = leads.updateStage(lead, lead.stage().withStatus(LeadStatus.CONVERTED, null).touched(now), now);
            journal.changed(lead, after, ActivityType.CONVERTED, by.actor(), "Converted by " + rep.name() + " into "
                    + account.name() + (matched.isPresent() ? " (existing account)" : " (new account)")
                    + (opportunity == null ? "" : " with opportunity " + opportunity.name())
                    + (existingContact.isPresent() ? "; joined existing contact " + contact.id() + " (the same person)" : "")
                    + (existingContact.isEmpty() && action != DuplicateAction.ALLOW ? DuplicateGuard.flagText(verdict) : ""), null, now);
            return new ConversionOutcome.Converted(after, account, matched.isEmpty(), contact, opportunity);
        });
    }

    public ConversionOutcome unconvert(LeadId id, ActingRep by) {
        Rep rep = by.rep();
        return transactor.inTransaction(() -> {
            Lead lead = load(id);
            Optional<String> refusal = Permissions.mayWork(rep, lead);
            if (refusal.isPresent()) {
                return new ConversionOutcome.Refused(new LeadOutcome.NotAllowed(refusal.get()));
            }
            Optional<Conversion> found = conversions.current(id);
            if (lead.status() != LeadStatus.CONVERTED || found.isEmpty()) {
                return new ConversionOutcome.Refused(new LeadOutcome.WrongState(lead.id() + " is not converted"));
            }
            Conversion c = found.get();
            List<String> removed = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            if (c.opportunityId() != null) {
                sort(accounts.deleteOpportunityIfUnchanged(c.opportunityId(), c.opportunityVersion()), "opportunity " + c.opportunityId(),
                        removed, kept);
            }
            if (c.contactCreated()) {
                sort(accounts.deleteContactIfUnchanged(c.contactId(), c.contactVersion()), "contact " + c.contactId(), removed, kept);
            }
            if (c.accountCreated()) {
                sort(accounts.deleteAccountIfUnchangedAndUnused(c.accountId(), c.accountVersion()), "account " + c.accountId(), removed,
                        kept);
            }
            Instant now = clock.instant();
            conversions.markUndone(c.id(), now);
            Lead after = leads.updateStage(lead, c.stageBefore(), now);
            journal.changed(lead, after, ActivityType.UNCONVERTED, by.actor(), "Conversion undone by " + rep.name()
                    + (kept.isEmpty() ? "" : "; kept because changed since: " + String.join(", ", kept)), null, now);
            return new ConversionOutcome.Unconverted(after, removed, kept);
        });
    }

    private static void sort(boolean deleted, String what, List<String> removed, List<String> kept) {
        (deleted ? removed : kept).add(what);
    }

    /** The account the lead matched when it arrived, else the one it matches now. */
    private Optional<Account> match(Lead lead) {
        return matching.stored(lead.id()).or(() -> matching.match(lead.data(), lead.enrichment()))
                .flatMap(m -> accounts.account(m.accountId()));
    }

    private static String accountName(Lead lead) {
        return lead.data().get(LeadField.COMPANY)
                .orElse(Optional.ofNullable(lead.data().displayName()).map(n -> n + " (individual)").orElse(lead.id().toString()));
    }

    private static void check(ConvertRequest.OpportunitySpec o) {
        if (o.name() == null || o.name().isBlank() || o.name().length() > 255) {
            throw new ValidationException("opportunity.name", "is required (1-255 characters)");
        }
        if (o.amount() != null && o.amount().signum() < 0) {
            throw new ValidationException("opportunity.amount", "must not be negative");
        }
        if (o.amount() != null && (integerDigits(o.amount()) > AMOUNT_DIGITS - AMOUNT_DECIMALS
                || o.amount().stripTrailingZeros().scale() > AMOUNT_DECIMALS)) {
            throw new ValidationException("opportunity.amount", "must be at most " + MAX_AMOUNT.toPlainString() + " with at most "
                    + AMOUNT_DECIMALS + " decimals");
        }
        if (o.closeDate() != null && !Instants.inRange(o.closeDate())) {
            throw new ValidationException("opportunity.closeDate", Instants.outOfRange());
        }
    }

    private static int integerDigits(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        return Math.max(0, plain.precision() - plain.scale());
    }

    private Lead load(LeadId id) {
        return leads.findForUpdate(id).orElseThrow(() -> new NotFoundException("lead", id));
    }
}
