package dev.leadline.core.notify;

import java.util.List;

/**
 * A platform-neutral lead card: the Slack and Teams renderers turn it into Block Kit and Adaptive
 * Cards. {@code status} is the one-line state ("Claimed by Jane after 2 m 14 s").
 */
public record Card(String leadId, String title, String subtitle, String status, List<Field> fields, List<Action> actions, Long ownerRepId) {
    public Card {
        fields = List.copyOf(fields);
        actions = List.copyOf(actions);
    }

    /** A card about no owned lead (a digest, a notice), or one whose owner does not matter. */
    public Card(String leadId, String title, String subtitle, String status, List<Field> fields, List<Action> actions) {
        this(leadId, title, subtitle, status, fields, actions, null);
    }

    /** The card as {@code repId} sees it: with the owner's buttons only when they own the lead. */
    public Card seenBy(long repId) {
        return ownerRepId != null && ownerRepId == repId ? this : shared();
    }

    /** A labelled value on the card. */
    public record Field(String label, String value) {}

    /**
     * A button; {@code id} is what the platform sends back (claim, log-contact, qualify, ...). A button
     * with a {@code url} opens that page instead (e.g. the lead in the CRM). {@code ownerOnly} buttons
     * are for the lead's owner: a copy of the card in a shared channel leaves them out.
     */
    public record Action(String id, String label, String url, boolean ownerOnly) {
        public Action(String id, String label, String url) {
            this(id, label, url, false);
        }

        public Action(String id, String label) {
            this(id, label, null, false);
        }

        /** A button only the lead's owner may use. */
        public static Action forOwner(String id, String label) {
            return new Action(id, label, null, true);
        }
    }

    /** The copy for a shared channel: only the buttons anyone there may use. */
    public Card shared() {
        return actions.stream().noneMatch(Action::ownerOnly) ? this
                : new Card(leadId, title, subtitle, status, fields, actions.stream().filter(a -> !a.ownerOnly()).toList(), ownerRepId);
    }

    /** The card with one more field at the end. */
    public Card with(Field field) {
        List<Field> more = new java.util.ArrayList<>(fields);
        more.add(field);
        return new Card(leadId, title, subtitle, status, more, actions, ownerRepId);
    }
}
