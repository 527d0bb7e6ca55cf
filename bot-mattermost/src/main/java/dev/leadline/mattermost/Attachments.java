package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.notify.Card;
import java.util.Set;

/**
 * Cards as Mattermost message attachments: title, fields, the status line, and buttons whose clicks
 * come back to Leadline with a signed context. Every value from a lead is escaped for Mattermost's
 * Markdown, so a hostile name cannot format, link or mention (@channel) anything.
 */
final class Attachments {
    /** The buttons a click alone carries out; the others need a form, which Mattermost gets as a command for now. */
    static final Set<String> DIRECT = Set.of("claim", "release", "qualify");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String actionUrl;
    private final ActionSigner signer;

    Attachments(String actionUrl, ActionSigner signer) {
        this.actionUrl = actionUrl;
        this.signer = signer;
    }

    ObjectNode card(Card card) {
        ObjectNode attachment = JSON.createObjectNode().put("fallback", plain(card)).put("title", card.title());
        if (card.subtitle() != null) {
            attachment.put("text", escape(card.subtitle()));
        }
        ArrayNode fields = attachment.putArray("fields");
        card.fields().forEach(f -> fields.addObject().put("title", f.label()).put("value", escape(f.value())).put("short", true));
        if (card.status() != null) {
            attachment.put("footer", card.status());
        }
        ArrayNode actions = attachment.putArray("actions");
        for (Card.Action action : card.actions()) {
            if (action.url() != null) {
                actions.addObject().put("id", id(action.id())).put("name", action.label()).put("type", "button").put("style", "link")
                        .putObject("integration").put("url", action.url());
            } else if (DIRECT.contains(action.id()) && card.leadId() != null) {
                ObjectNode context = actions.addObject().put("id", id(action.id())).put("name", action.label()).put("type", "button")
                        .putObject("integration").put("url", actionUrl).putObject("context");
                context.put("action", action.id()).put("lead", card.leadId()).put("sig", signer.sign(action.id(), card.leadId()));
            }
        }
        return attachment;
    }

    /** A post's props with the card, keyed so that a lost post can be found again. */
    ObjectNode post(String channelId, String cardKey, Card card) {
        ObjectNode post = JSON.createObjectNode().put("channel_id", channelId).put("message", "");
        ObjectNode props = post.putObject("props");
        props.putArray("attachments").add(card(card));
        props.put(MattermostNotifier.CARD_PROP, cardKey);
        return post;
    }

    /** The answer to a slash command: the reply's text (which says how many of how many are shown) and its cards. */
    ObjectNode reply(ChatReply reply) {
        ObjectNode answer = JSON.createObjectNode().put("response_type", "ephemeral").put("text", reply.text());
        ArrayNode attachments = answer.putArray("attachments");
        reply.cards().forEach(c -> attachments.add(card(c)));
        return answer;
    }

    static String plain(Card card) {
        return card.title() + (card.status() == null ? "" : " — " + card.status());
    }

    /** Mattermost's button ids are letters and digits. */
    private static String id(String action) {
        return action.replaceAll("[^A-Za-z0-9]", "");
    }

    /** Backslash-escapes Markdown and mentions, so a value is shown as written. */
    static String escape(String text) {
        return text == null ? "" : text.replaceAll("([\\\\`*_~\\[\\]()#>|@<!])", "\\\\$1");
    }
}
