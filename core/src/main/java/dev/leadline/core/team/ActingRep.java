package dev.leadline.core.team;

import dev.leadline.core.common.Actor;

/**
 * The rep a lead action is done as, and who is recorded as doing it: a {@link Rep} in person (in
 * chat), or {@link OnBehalf} of the rep through another principal, such as an API token.
 */
public sealed interface ActingRep permits Rep, ActingRep.OnBehalf {
    /** The rep whose permissions apply and who is named in the lead's history. */
    Rep rep();

    /** Who the timeline and the audit log name for the act. */
    Actor actor();

    /** A rep acting through {@code through} (a token's actor): both are recorded. */
    static ActingRep onBehalf(Rep rep, Actor through) {
        return new OnBehalf(rep, through);
    }

    record OnBehalf(Rep rep, Actor through) implements ActingRep {
        @Override
        public Actor actor() {
            return Actor.delegated(rep.email(), through);
        }
    }
}
