package dev.leadline.core.qualification;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Working a lead: contact attempts (NEW → ATTEMPTED, or ENGAGED once the lead answered), notes,
 * qualification and disqualification with a reason from the configured list.
 */
public final class QualificationService {
    public static final List<String> DEFAULT_DISQUALIFY_REASONS = List.of("No budget", "No authority", "No need",
            "Bad timing", "Chose a competitor", "Unresponsive", "Not a real lead", "Duplicate", "Other");
    static final int MAX_NOTE = 10_000;
    private static final Set<LeadStatus> WORKABLE = EnumSet.of(LeadStatus.NEW, LeadStatus.ATTEMPTED, LeadStatus.ENGAGED);

    private final Transactor transactor;
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final List<String> disqualifyReasons;
    private final Clock clock;

    public QualificationService(Transactor transactor, LeadRepository leads, LeadJournal journal, List<String> disqualifyReasons,
                                Clock clock) {
        this.transactor = transactor;
        this.leads = leads;
        this.journal = journal;
        this.disqualifyReasons = List.copyOf(disqualifyReasons);
        this.clock = clock;
    }

    public List<String> disqualifyReasons() {
        return disqualifyReasons;
    }

    /** A call, email, LinkedIn message or other attempt; {@code reached} when the lead answered. */
    public LeadOutcome logContact(LeadId id, ActingRep by, ContactChannel channel, boolean reached, String note) {
        Rep rep = by.rep();
        checkNote(note);
        return work(id, by, lead -> {
            if (!WORKABLE.contains(lead.status()) && lead.status() != LeadStatus.QUALIFIED) {
                return Optional.of("a " + lead.status() + " lead takes no more contact attempts");
            }
            return Optional.empty();
        }, (lead, now) -> {
            LeadStatus next = switch (lead.status()) {
                case NEW -> reached ? LeadStatus.ENGAGED : LeadStatus.ATTEMPTED;
                case ATTEMPTED -> reached ? LeadStatus.ENGAGED : LeadStatus.ATTEMPTED;
                default -> lead.status();
            };
            LeadStage stage = lead.stage().withStatus(next, lead.stage().statusReason()).touched(now);
            String summary = channel.label() + (reached ? " — reached" : " — no answer") + " by " + rep.name();
            return new Change(stage, ActivityType.CONTACT_ATTEMPT, summary, blankToNull(note));
        });
    }

    public LeadOutcome qualify(LeadId id, ActingRep by, String note) {
        Rep rep = by.rep();
        checkNote(note);
        return work(id, by, lead -> WORKABLE.contains(lead.status()) ? Optional.empty()
                : Optional.of(lead.id() + " is " + lead.status().inWords() + " and cannot be qualified"),
                (lead, now) -> new Change(lead.stage().withStatus(LeadStatus.QUALIFIED, null).touched(now),
                        ActivityType.QUALIFIED, "Qualified by " + rep.name(), blankToNull(note)));
    }

    public LeadOutcome disqualify(LeadId id, ActingRep by, String reason, String note) {
        Rep rep = by.rep();
        checkNote(note);
        String canonical = disqualifyReasons.stream().filter(r -> r.equalsIgnoreCase(reason == null ? "" : reason.strip()))
                .findFirst().orElseThrow(() -> new ValidationException("reason",
                        "must be one of: " + String.join(", ", disqualifyReasons)));
        return work(id, by, lead -> lead.stage().isOpen() ? Optional.empty()
                : Optional.of(lead.id() + " is " + lead.status().inWords() + " and cannot be disqualified"),
                (lead, now) -> new Change(lead.stage().withStatus(LeadStatus.DISQUALIFIED, canonical).touched(now),
                        ActivityType.DISQUALIFIED, "Disqualified by " + rep.name() + ": " + canonical, blankToNull(note)));
    }

    /** Notes can be added by the owner or a manager, in any status. */
    public LeadOutcome addNote(LeadId id, ActingRep by, String text) {
        Rep rep = by.rep();
        if (text == null || text.isBlank()) {
            throw new ValidationException("text", "a note needs some text");
        }
        checkNote(text);
        return work(id, by, lead -> Optional.empty(), (lead, now) -> new Change(lead.stage(), ActivityType.NOTE,
                "Note by " + rep.name() + ": " + abbreviate(text), text.strip()));
    }

    private record Change(LeadStage stage, ActivityType type, String summary, String details) {}

    private interface StateCheck {
        Optional<String> problem(Lead lead);
    }

    private interface Mutation {
        Change apply(Lead lead, Instant now);
    }

    private LeadOutcome work(LeadId id, ActingRep by, StateCheck check, Mutation mutation) {
        Rep rep = by.rep();
        return transactor.inTransaction(() -> {
            Lead lead = leads.findForUpdate(id).orElseThrow(() -> new NotFoundException("lead", id));
            Optional<String> refusal = Permissions.mayWork(rep, lead);
            if (refusal.isPresent()) {
                return new LeadOutcome.NotAllowed(refusal.get());
            }
            Optional<String> wrong = check.problem(lead);
            if (wrong.isPresent()) {
                return new LeadOutcome.WrongState(wrong.get());
            }
            Instant now = clock.instant();
            Change change = mutation.apply(lead, now);
            Lead after = change.stage().equals(lead.stage()) ? lead : leads.updateStage(lead, change.stage(), now);
            journal.changed(lead, after, change.type(), by.actor(), change.summary(), change.details(), now);
            return new LeadOutcome.Done(after);
        });
    }

    private static void checkNote(String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw new ValidationException("note", "longer than " + MAX_NOTE + " characters");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
