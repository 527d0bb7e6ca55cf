package dev.leadline.core.nurture;

import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Enrols leads by their cadences' {@code enrol} rules, in the transaction of the change that meets one:
 * disqualified (with a given reason, or any), or still unreached at exactly the given contact attempt (a
 * later attempt is sales at work, which takes the lead out again). The
 * first cadence by name whose rule holds takes the lead; a lead in a cadence already stays where it is.
 * Runs after {@link NurtureExits}, so the change that takes a lead out of one cadence may put it in another.
 */
public final class NurtureRules implements LeadAnnouncer {
    static final Actor ACTOR = new Actor("system", "nurture rule");
    private final CadenceService cadences;
    private final NurtureService nurture;
    private final ActivityRepository timeline;

    public NurtureRules(CadenceService cadences, NurtureService nurture, ActivityRepository timeline) {
        this.cadences = cadences;
        this.nurture = nurture;
        this.timeline = timeline;
    }

    @Override
    public void announce(Lead before, Lead after, ActivityType type, String summary, Instant at) {
        boolean disqualified = type == ActivityType.DISQUALIFIED && after.status() == LeadStatus.DISQUALIFIED;
        boolean unreached = type == ActivityType.CONTACT_ATTEMPT && after.status() == LeadStatus.ATTEMPTED;
        if (!disqualified && !unreached) {
            return;
        }
        Optional<Cadence> matching = cadences.all().stream().sorted(Comparator.comparing(Cadence::name))
                .filter(c -> c.enrol().stream().anyMatch(t -> disqualified ? t.on().equals("disqualified")
                        && (t.reason() == null || t.reason().equalsIgnoreCase(String.valueOf(after.stage().statusReason()).strip()))
                        : t.on().equals("unreached") && attempts(after) == t.attempts()))
                .findFirst();
        matching.ifPresent(c -> nurture.enrol(after.id(), c.name(), ACTOR));
    }

    /** Contact attempts on the lead's timeline (it is still unreached: a reached one would have made it engaged). */
    private long attempts(Lead lead) {
        return timeline.forLead(lead.id(), 500).stream().filter(a -> a.type() == ActivityType.CONTACT_ATTEMPT).count();
    }
}
