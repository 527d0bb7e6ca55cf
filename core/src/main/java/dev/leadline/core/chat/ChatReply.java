package dev.leadline.core.chat;

import dev.leadline.core.notify.Card;
import java.util.List;
import java.util.Optional;

/**
 * What the bot answers the rep: a message and any lead cards to show with it. {@code refused} says
 * the command changed nothing (unreadable, not allowed, wrong state, too late), so a form can stay
 * open with the reason. {@code personal} says it is for the rep's eyes only (a sign-in link): a
 * platform shows it to the rep alone, or refuses to post it where others would see it.
 * {@code forbidden} says the refusal was because the rep may not do it (not their lead, not a manager).
 */
public record ChatReply(Rich message, List<Card> cards, boolean refused, Optional<More> more, boolean personal, boolean forbidden) {
    public ChatReply {
        cards = List.copyOf(cards);
    }

    public ChatReply(Rich message, List<Card> cards, boolean refused, Optional<More> more, boolean personal) {
        this(message, cards, refused, more, personal, false);
    }

    public ChatReply(Rich message, List<Card> cards, boolean refused, Optional<More> more) {
        this(message, cards, refused, more, false);
    }

    public ChatReply(Rich message, List<Card> cards, boolean refused) {
        this(message, cards, refused, Optional.empty());
    }

    public ChatReply(Rich message, List<Card> cards) {
        this(message, cards, false);
    }

    public ChatReply(String text, List<Card> cards) {
        this(Rich.of(text), cards, false);
    }

    /** The message's words without markup. */
    public String text() {
        return message.plain();
    }

    /** A list that goes on: the command a "Show more" button runs for the next page. */
    public record More(String view, String after) {
        public ChatCommand.ListLeads command() {
            return new ChatCommand.ListLeads(view, after);
        }
    }

    /** The reply as {@code repId} sees it: each card with the owner's buttons only on the leads they own. */
    public ChatReply seenBy(long repId) {
        return new ChatReply(message, cards.stream().map(c -> c.seenBy(repId)).toList(), refused, more, personal, forbidden);
    }

    public static ChatReply text(String text) {
        return new ChatReply(Rich.of(text), List.of());
    }

    public static ChatReply text(Rich message) {
        return new ChatReply(message, List.of());
    }

    /** For the rep alone: never posted where others can read it. */
    public static ChatReply personal(Rich message) {
        return new ChatReply(message, List.of(), false, Optional.empty(), true);
    }

    /** The command was refused or could not be read; nothing changed. */
    public static ChatReply refused(String why) {
        return refused(Rich.of(why));
    }

    public static ChatReply refused(Rich why) {
        return new ChatReply(why, List.of(), true);
    }

    /** Refused because the rep may not do it; nothing changed. */
    public static ChatReply forbidden(String why) {
        return new ChatReply(Rich.of(why), List.of(), true, Optional.empty(), false, true);
    }
}
