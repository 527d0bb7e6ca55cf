package dev.leadline.core.notify;

import java.util.List;

/**
 * A platform-neutral lead card: the Slack and Teams renderers turn it into Block Kit and Adaptive
 * Cards. {@code status} is the one-line state ("Claimed by Jane after 2 m 14 s").
 */
public record Card(String leadId, String title, String subtitle, String status, List<Field> fields, List<Action> actions) {
    public Card {
        fields = List.copyOf(fields);
        actions = List.copyOf(actions);
    }

    /** A labelled value on the card. */
    public record Field(String label, String value) {}

    /**
     * A button; {@code id} is what the platform sends back (claim, log-contact, qualify, ...). A button
     * with a {@code url} opens that page instead (e.g. the lead in the CRM).
     */
    public record Action(String id, String label, String url) {
        public Action(String id, String label) {
            this(id, label, null);
        }
    }
}
