package dev.leadline.core.chat;

import dev.leadline.core.notify.Card;
import java.util.List;

/**
 * What the bot answers the rep: a sentence and any lead cards to show with it. {@code refused} says
 * the command changed nothing (unreadable, not allowed, wrong state, too late), so a form can stay
 * open with the reason.
 */
public record ChatReply(String text, List<Card> cards, boolean refused, java.util.Optional<More> more) {
    public ChatReply {
        cards = List.copyOf(cards);
    }

    public ChatReply(String text, List<Card> cards, boolean refused) {
        this(text, cards, refused, java.util.Optional.empty());
    }

    public ChatReply(String text, List<Card> cards) {
        this(text, cards, false);
    }

    /** A list that goes on: the command a "Show more" button runs for the next page. */
    public record More(String view, String after) {
        public ChatCommand.ListLeads command() {
            return new ChatCommand.ListLeads(view, after);
        }
    }

    /** The reply as {@code repId} sees it: each card with the owner's buttons only on the leads they own. */
    public ChatReply seenBy(long repId) {
        return new ChatReply(text, cards.stream().map(c -> c.seenBy(repId)).toList(), refused, more);
    }

    public static ChatReply text(String text) {
        return new ChatReply(text, List.of());
    }

    /** The command was refused or could not be read; nothing changed. */
    public static ChatReply refused(String why) {
        return new ChatReply(why, List.of(), true);
    }
}
