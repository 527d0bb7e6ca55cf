package dev.leadline.core.chat;

import dev.leadline.core.qualification.ContactChannel;
import java.util.Optional;

/** A command read from chat text; lead references stay as typed ({@code L-42}, {@code 42} or an email). */
public sealed interface ChatCommand {
    /**
     * {@code leads [view]}: a list view, {@code mine} by default; {@code after} continues the list
     * from where its last page ended (a "Show more" button's cursor).
     */
    record ListLeads(String view, String after) implements ChatCommand {
        public ListLeads(String view) {
            this(view, null);
        }
    }

    /** {@code lead <ref>}: one lead's card. */
    record Show(String lead) implements ChatCommand {}

    record Claim(String lead) implements ChatCommand {}

    record Release(String lead) implements ChatCommand {}

    /** {@code contacted <ref> [call|email|linkedin|other] [reached] [note]}. */
    record Contacted(String lead, ContactChannel channel, boolean reached, String note) implements ChatCommand {}

    record Qualify(String lead, String note) implements ChatCommand {}

    /** Disqualify with one of the configured reasons and an optional note (from a form, or read from {@link Said}). */
    record Disqualify(String lead, String reason, String note) implements ChatCommand {}

    /** Book a meeting at {@code at} for {@code duration} (from a form, or read from {@link Said}). */
    record Schedule(String lead, java.time.Instant at, java.time.Duration duration, String title) implements ChatCommand {}

    /**
     * Words the desk still reads with the rep's context before acting: {@code disqualify <ref> <reason> [- note]}
     * (the reason matched against the configured list) and {@code schedule <ref> <when> [minutes] [title]}
     * (the time read in the rep's time zone).
     */
    record Said(Verb verb, String lead, String words) implements ChatCommand {
        /** What the words are for. */
        public enum Verb { DISQUALIFY, SCHEDULE }
    }

    /** {@code convert <ref> [account <name>] [opportunity <name>]}. */
    record Convert(String lead, Optional<String> account, Optional<String> opportunity) implements ChatCommand {}

    record Unconvert(String lead) implements ChatCommand {}

    record Note(String lead, String text) implements ChatCommand {}

    /** {@code assign <ref> <rep email | queue name>} (managers). */
    record Assign(String lead, String target, String reason) implements ChatCommand {
        public Assign(String lead, String target) {
            this(lead, target, null);
        }
    }

    /** {@code why <ref>}: how routing decided where the lead went. */
    record Why(String lead) implements ChatCommand {}

    /** The owner's answer to a nurture email's draft: {@code send}, {@code edit} (with subject and body) or {@code skip}. */
    record Draft(String lead, String decision, String subject, String body) implements ChatCommand {}

    /** Enrols the lead in a nurture cadence ({@code cadence} set), or takes it out of its cadence ({@code cadence} null). */
    record Nurture(String lead, String cadence) implements ChatCommand {}

    /** {@code room <ref>}: opens a room for the lead (a channel of its own with its card pinned). */
    record Room(String lead) implements ChatCommand {}

    /**
     * {@code room log on|off}, typed in a room: whether its messages go on the lead's timeline.
     * {@code lead} is null when the room is the one it was typed in.
     */
    record RoomLog(String lead, boolean on) implements ChatCommand {}

    /** {@code pause}: the rep takes no routed leads until {@code resume}. */
    /** {@code handoff <lead> <queue>}: offer the lead to the queue's members free now; {@code queue} null takes an offer. */
    record Handoff(String lead, String queue) implements ChatCommand {}

    record Pause() implements ChatCommand {}

    record Resume() implements ChatCommand {}

    /** {@code merge <ref> [<ref> ...] into <ref>}: the first leads merge into the last. */
    record Merge(java.util.List<String> leads, String into) implements ChatCommand {}

    /** {@code unmerge <ref>}: undoes the newest merge into the lead. */
    record Unmerge(String lead) implements ChatCommand {}

    /** {@code console}: a one-time link, answered privately, that signs the rep in to the web console. */
    record Console() implements ChatCommand {}

    /** {@code leads stats}: the rep's own numbers, this week against last. */
    record Stats() implements ChatCommand {}

    /** {@code leads report}: the team's numbers by queue, this week against last (managers). */
    record Report() implements ChatCommand {}

    record Help() implements ChatCommand {}

    /** Text the grammar cannot read; {@code problem} says what was wrong. */
    record Unreadable(String input, String problem) implements ChatCommand {}
}
