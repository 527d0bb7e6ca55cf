package dev.leadline.core.notify;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a rep can do to a lead from its card. {@link #wire()} is the name a platform sends back when
 * the button is pressed; the actions with a form ask for input first (the form is built and checked
 * by the chat desk, drawn by each platform).
 */
public enum LeadAction {
    CLAIM("claim", "Claim", false, false, Emphasis.POSITIVE),
    LOG_CONTACT("log-contact", "Log contact", true, true, Emphasis.NONE),
    QUALIFY("qualify", "Qualify", true, false, Emphasis.POSITIVE),
    DISQUALIFY("disqualify", "Disqualify", true, true, Emphasis.DANGER),
    SCHEDULE("schedule", "Schedule", true, true, Emphasis.NONE),
    CONVERT("convert", "Convert", true, true, Emphasis.POSITIVE),
    RELEASE("release", "Release", true, false, Emphasis.NONE),
    /** A manager gives the lead to a rep; never on a card everyone shares, only offered to a manager in person. */
    ASSIGN("assign", "Assign", false, true, Emphasis.NONE),
    /** Puts the lead in a nurture cadence (a form to pick it); on cards while there are cadences. */
    NURTURE("nurture", "Nurture", true, true, Emphasis.NONE),
    /** Opens a room for the lead (a channel of its own, its card pinned there); on the owner's cards. */
    ROOM("room", "Open room", true, false, Emphasis.NONE),
    /** A nurture email's draft, on the card that asks its owner to approve it: send it as it is. */
    SEND_DRAFT("send-draft", "Send as me", true, false, Emphasis.POSITIVE),
    /** The draft changed first (a form with its subject and body), then sent. */
    EDIT_DRAFT("edit-draft", "Edit", true, true, Emphasis.NONE),
    /** The draft not sent: the cadence goes on without it. */
    SKIP_DRAFT("skip-draft", "Skip", true, false, Emphasis.NONE),
    /** The owner, on a call with the lead, offers it to the members of a queue free right now (a form to pick the queue). */
    HANDOFF("handoff", "Hand off now", true, true, Emphasis.NONE),
    /** On a hand-off's own card, to the members it was offered to: the first to press it takes the lead and the call. */
    TAKE_HANDOFF("take-handoff", "Take it now", false, false, Emphasis.POSITIVE);

    /** How a platform may colour the button. */
    public enum Emphasis { NONE, POSITIVE, DANGER }

    private final String wire;
    private final String label;
    private final boolean ownerOnly;
    private final boolean hasForm;
    private final Emphasis emphasis;

    LeadAction(String wire, String label, boolean ownerOnly, boolean hasForm, Emphasis emphasis) {
        this.wire = wire;
        this.label = label;
        this.ownerOnly = ownerOnly;
        this.hasForm = hasForm;
        this.emphasis = emphasis;
    }

    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    /** Only the lead's owner may take it (everyone may claim an offered lead). */
    public boolean ownerOnly() {
        return ownerOnly;
    }

    /** Only a manager (or an admin) may take it, whoever owns the lead: assign. */
    public boolean managerOnly() {
        return this == ASSIGN;
    }

    /** It answers a draft nurture email (on the draft's own card), not the lead's card. */
    public boolean onDraft() {
        return this == SEND_DRAFT || this == EDIT_DRAFT || this == SKIP_DRAFT;
    }

    /** It is on a card of its own (a draft's, a hand-off's), never on the lead's card. */
    public boolean onOwnCard() {
        return onDraft() || this == TAKE_HANDOFF;
    }

    /** It needs input first: disqualify, schedule, log contact, convert, assign. */
    public boolean hasForm() {
        return hasForm;
    }

    public Emphasis emphasis() {
        return emphasis;
    }

    /** The action a platform's name stands for, if any. */
    public static Optional<LeadAction> ofWire(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst();
    }
}
