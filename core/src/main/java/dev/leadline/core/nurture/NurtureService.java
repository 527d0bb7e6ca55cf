package dev.leadline.core.nurture;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enrols leads in cadences and takes them out: a lead is in at most one cadence, a converted or merged
 * lead in none; each enrolment and each exit is on the lead's timeline with who and why.
 */
public final class NurtureService {
    private final Transactor transactor;
    private final LeadRepository leads;
    private final CadenceService cadences;
    private final NurtureRepository nurtures;
    private final NurtureEmails emails;
    private final ActivityRepository timeline;
    private final AuditLog audit;
    private final Clock clock;

    public NurtureService(Transactor transactor, LeadRepository leads, CadenceService cadences, NurtureRepository nurtures,
                          NurtureEmails emails, ActivityRepository timeline, AuditLog audit, Clock clock) {
        this.emails = emails;
        this.transactor = transactor;
        this.leads = leads;
        this.cadences = cadences;
        this.nurtures = nurtures;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    /** What came of an enrolment. */
    public sealed interface Enrolment {
        record Enrolled(Nurture nurture) implements Enrolment {}

        /** The lead is in a cadence already (this one or another): leave it first. */
        record AlreadyIn(Nurture nurture) implements Enrolment {}

        /** Converted or merged leads are not nurtured. */
        record Closed(LeadStatus status) implements Enrolment {}
    }

    /** Enrols the lead in the cadence; its emails are to come from its owner, and its first step is due at once. */
    public Enrolment enrol(LeadId id, String cadenceName, Actor actor) {
        if (cadenceName == null || cadenceName.isBlank()) {
            throw new ValidationException("cadence", "name the cadence to enrol the lead in");
        }
        Cadence cadence;
        try {
            cadence = cadences.get(cadenceName);
        } catch (NotFoundException | ValidationException e) {
            throw new ValidationException("cadence", "there is no cadence named '" + cadenceName + "'");
        }
        return transactor.inTransaction(() -> {
            Lead lead = leads.find(id).orElseThrow(() -> new NotFoundException("lead", id.toString()));
            if (lead.status() == LeadStatus.CONVERTED || lead.status() == LeadStatus.MERGED) {
                return new Enrolment.Closed(lead.status());
            }
            Instant at = clock.instant();
            Nurture nurture = new Nurture(id, cadence.name(), cadence.version(), 0, at, lead.ownerRepId(), at,
                    actor.toString());
            if (!nurtures.insert(nurture)) {
                return new Enrolment.AlreadyIn(nurtures.find(id).orElseThrow());
            }
            timeline.appendAll(List.of(new Activity(id, ActivityType.NURTURE, actor, at, "Enrolled in cadence " + cadence.name())));
            audit.record(List.of(new AuditEntry("lead", id.toString(), "nurture_enrolled", actor, at, null,
                    Map.of("cadence", cadence.name(), "version", Integer.toString(cadence.version())))));
            return new Enrolment.Enrolled(nurture);
        });
    }

    /** Takes the lead out of its cadence by hand. */
    public Nurture stop(LeadId id, Actor actor) {
        return transactor.inTransaction(() -> {
            leads.find(id).orElseThrow(() -> new NotFoundException("lead", id.toString()));
            Nurture left = nurtures.remove(id).orElseThrow(() -> new NotFoundException("cadence enrolment of", id.toString()));
            recordExit(left, actor, "stopped by " + actor.name(), clock.instant());
            return left;
        });
    }

    /** The names of the cadences a lead may be put in. */
    public List<String> cadenceNames() {
        return cadences.all().stream().map(Cadence::name).sorted().toList();
    }

    /** The lead's place in a cadence, if it is in one. */
    public Optional<Nurture> of(LeadId id) {
        return nurtures.find(id);
    }

    /** Those of these leads that are in a cadence. */
    java.util.Set<LeadId> enrolled(java.util.Collection<LeadId> ids) {
        return ids.isEmpty() ? java.util.Set.of() : nurtures.enrolled(ids);
    }

    /**
     * Takes the lead out of its cadence because of {@code why} (in the caller's transaction); nothing when
     * it is in none. Its emails not sent yet are not sent.
     */
    void exit(LeadId id, Actor actor, String why, Instant at) {
        // a plain read first: most leads sales act on are in no cadence, and need no lock here
        if (nurtures.find(id).isPresent()) {
            nurtures.remove(id).ifPresent(left -> recordExit(left, actor, why, at));
        }
    }

    /** The lead ran its cadence's last step (in the caller's transaction): it leaves, and the emails of its last steps still go. */
    void finish(LeadId id, Instant at) {
        nurtures.remove(id).ifPresent(left -> leave(left, Recycler.ACTOR, "finished cadence " + left.cadence(), at));
    }

    private void recordExit(Nurture left, Actor actor, String why, Instant at) {
        for (NurtureEmail unsent : emails.unsentFor(left.lead())) {
            emails.end(unsent.id(), NurtureEmail.State.FAILED, "the lead left its cadence: " + why);
            timeline.appendAll(List.of(new Activity(left.lead(), ActivityType.EMAIL_SENT, actor, at, "Email \"" + unsent.subject()
                    + "\" not sent: the lead left its cadence")));
        }
        leave(left, actor, why, at);
    }

    private void leave(Nurture left, Actor actor, String why, Instant at) {
        timeline.appendAll(List.of(new Activity(left.lead(), ActivityType.NURTURE, actor, at, "Left cadence " + left.cadence() + ": " + why)));
        audit.record(List.of(new AuditEntry("lead", left.lead().toString(), "nurture_left", actor, at, Map.of("cadence", left.cadence(),
                "step", Integer.toString(left.step())), Map.of("why", why))));
    }
}
