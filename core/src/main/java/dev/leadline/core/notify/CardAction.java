package dev.leadline.core.notify;

import java.util.Optional;

/**
 * A button on a card. Renderers draw it by kind and send back {@link #wire()}; {@link #ofWire} reads
 * that name back, so no platform spells an action itself.
 */
public sealed interface CardAction {
    String label();

    /** The name a platform sends back when the button is pressed. */
    String wire();

    /** Only the lead's owner may use it: a copy of the card in a shared channel leaves it out. */
    default boolean ownerOnly() {
        return false;
    }

    /** Something done to the card's lead, at once or once its form is filled in. */
    record OnLead(LeadAction action) implements CardAction {
        @Override
        public String label() {
            return action.label();
        }

        @Override
        public String wire() {
            return action.wire();
        }

        @Override
        public boolean ownerOnly() {
            return action.ownerOnly();
        }
    }

    /** Opens a page, e.g. the lead in the CRM; the platform opens it without asking Leadline. */
    record Open(String label, String url) implements CardAction {
        public static final String WIRE = "open";

        @Override
        public String wire() {
            return WIRE;
        }
    }

    /** Shows the presser one of their list views, as {@code leads <view>} would (a digest's Overdue). */
    record ShowView(String label, String view) implements CardAction {
        public static final String PREFIX = "view-";

        @Override
        public String wire() {
            return PREFIX + view;
        }
    }

    static CardAction on(LeadAction action) {
        return new OnLead(action);
    }

    /** The button a sent-back name stands for; a link's name ({@code open}) stands for none, since it carries no url. */
    static Optional<CardAction> ofWire(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        if (wire.startsWith(ShowView.PREFIX) && wire.length() > ShowView.PREFIX.length()) {
            String view = wire.substring(ShowView.PREFIX.length());
            return Optional.of(new ShowView(view, view));
        }
        return LeadAction.ofWire(wire).map(OnLead::new);
    }
}
