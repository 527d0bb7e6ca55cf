package dev.leadline.core.chat;

import dev.leadline.core.notify.Card;
import java.util.List;

/** What the bot answers the rep: a sentence and any lead cards to show with it. */
public record ChatReply(String text, List<Card> cards) {
    public ChatReply {
        cards = List.copyOf(cards);
    }

    public static ChatReply text(String text) {
        return new ChatReply(text, List.of());
    }
}
