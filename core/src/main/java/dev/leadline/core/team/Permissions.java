package dev.leadline.core.team;

import dev.leadline.core.lead.Lead;
import java.util.Optional;

/** Who may do what to a lead. Managers and admins may do anything; reps work their own leads. */
public final class Permissions {
    private Permissions() {}

    public static boolean isManager(Rep rep) {
        return rep.role() == Role.MANAGER || rep.role() == Role.ADMIN;
    }

    /** Administering the desk from the console (tokens, the audit log): admins only, as ADMIN tokens in the API. */
    public static boolean isAdmin(Rep rep) {
        return rep.active() && rep.role() == Role.ADMIN;
    }

    /** A rep's availability (paused, out of office): the rep themselves, or a manager for anyone. */
    public static Optional<String> maySetAvailability(Rep by, Rep of) {
        if (!by.active()) {
            return Optional.of(by.name() + " is not an active rep");
        }
        return isManager(by) || by.id() == of.id() ? Optional.empty()
                : Optional.of("only " + of.name() + " or a manager may change " + of.name() + "'s availability");
    }

    /** Contact attempts, qualification, disqualification: the owner, or a manager. */
    public static Optional<String> mayWork(Rep rep, Lead lead) {
        if (!rep.active()) {
            return Optional.of(rep.name() + " is not an active rep");
        }
        if (isManager(rep) || (lead.ownerRepId() != null && lead.ownerRepId() == rep.id())) {
            return Optional.empty();
        }
        return Optional.of(lead.ownerRepId() == null
                ? lead.id() + " has no owner yet; claim it first"
                : lead.id() + " belongs to someone else");
    }

    /** Claiming: members of the offering queue, or a manager. */
    public static Optional<String> mayClaim(Rep rep, LeadQueue queue) {
        if (!rep.active()) {
            return Optional.of(rep.name() + " is not an active rep");
        }
        if (isManager(rep) || queue.memberRepIds().contains(rep.id())) {
            return Optional.empty();
        }
        return Optional.of(rep.name() + " is not a member of queue " + queue.name());
    }
}
