package dev.leadline.core.notify;

import java.util.List;

/**
 * A platform-neutral lead card: the Slack and Teams renderers turn it into Block Kit and Adaptive
 * Cards, Mattermost attachments. {@code status} is the one-line state ("Claimed by Jane after 2 m 14 s").
 */
public record Card(String leadId, String title, String subtitle, String status, List<Field> fields, List<CardAction> actions, Long ownerRepId) {
    public Card {
        fields = List.copyOf(fields);
        actions = List.copyOf(actions);
    }

    /** A card about no owned lead (a digest, a notice), or one whose owner does not matter. */
    public Card(String leadId, String title, String subtitle, String status, List<Field> fields, List<CardAction> actions) {
        this(leadId, title, subtitle, status, fields, actions, null);
    }

    /** The card as {@code repId} sees it: with the owner's buttons only when they own the lead. */
    public Card seenBy(long repId) {
        return ownerRepId != null && ownerRepId == repId ? this : shared();
    }

    /** A labelled value on the card. */
    public record Field(String label, String value) {}

    /** The copy for a shared channel: only the buttons anyone there may use. */
    public Card shared() {
        return actions.stream().noneMatch(CardAction::ownerOnly) ? this
                : new Card(leadId, title, subtitle, status, fields, actions.stream().filter(a -> !a.ownerOnly()).toList(), ownerRepId);
    }

    /** The card with one more field at the end. */
    public Card with(Field field) {
        List<Field> more = new java.util.ArrayList<>(fields);
        more.add(field);
        return new Card(leadId, title, subtitle, status, more, actions, ownerRepId);
    }
}
