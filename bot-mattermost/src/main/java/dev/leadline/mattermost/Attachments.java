package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.LeadAction;

/**
 * Cards as Mattermost message attachments: title, fields, the status line, and buttons whose clicks
 * come back to Leadline with a signed context. Every value from a lead is escaped for Mattermost's
 * Markdown, so a hostile name cannot format, link or mention (@channel) anything.
 */
final class Attachments {
    /** The context action of a list's "Show more" button; its subject is the view and the cursor, on two lines. */
    static final String MORE = "more";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String actionUrl;
    private final ActionSigner signer;

    Attachments(String actionUrl, ActionSigner signer) {
        this.actionUrl = actionUrl;
        this.signer = signer;
    }

    ObjectNode card(Card card) {
        ObjectNode attachment = JSON.createObjectNode().put("fallback", plain(card)).put("title", escape(card.title()));
        if (card.subtitle() != null) {
            attachment.put("text", escape(card.subtitle()));
        }
        ArrayNode fields = attachment.putArray("fields");
        card.fields().forEach(f -> fields.addObject().put("title", f.label()).put("value", escape(f.value())).put("short", true));
        if (card.status() != null) {
            attachment.put("footer", escape(card.status()));
        }
        ArrayNode actions = attachment.putArray("actions");
        for (CardAction action : card.actions()) {
            if (action instanceof CardAction.Open open) {
                actions.addObject().put("id", id(open.wire())).put("name", open.label()).put("type", "button").put("style", "link")
                        .putObject("integration").put("url", open.url());
            } else if (action instanceof CardAction.ShowView || card.leadId() != null) {
                ObjectNode button = button(action.wire(), action.label(), action instanceof CardAction.ShowView ? "" : card.leadId());
                if (action instanceof CardAction.OnLead on) {
                    style(button, on.action().emphasis());
                }
                actions.add(button);
            }
        }
        return attachment;
    }

    /** A button whose click comes back to Leadline with its action and subject, signed. */
    private ObjectNode button(String action, String label, String subject) {
        ObjectNode button = JSON.createObjectNode().put("id", id(action)).put("name", label).put("type", "button");
        button.putObject("integration").put("url", actionUrl).putObject("context")
                .put("action", action).put("lead", subject).put("sig", signer.sign(action, subject));
        return button;
    }

    private static void style(ObjectNode button, LeadAction.Emphasis emphasis) {
        if (emphasis != LeadAction.Emphasis.NONE) {
            button.put("style", emphasis == LeadAction.Emphasis.DANGER ? "danger" : "primary");
        }
    }

    /** A post's props with the card, keyed so that a lost post can be found again. */
    ObjectNode post(String channelId, String cardKey, Card card) {
        ObjectNode post = JSON.createObjectNode().put("channel_id", channelId).put("message", "");
        ObjectNode props = post.putObject("props");
        props.putArray("attachments").add(card(card));
        props.put(MattermostNotifier.CARD_PROP, cardKey);
        return post;
    }

    /** The answer to a slash command: the reply's text (which says how many of how many are shown), its cards, and "Show more". */
    ObjectNode reply(ChatReply reply) {
        ObjectNode answer = JSON.createObjectNode().put("response_type", "ephemeral").put("text", MattermostText.markdown(reply.message()));
        answer.set("attachments", attachments(reply));
        return answer;
    }

    /** The reply as an ephemeral post for one user in a channel ({@code POST /api/v4/posts/ephemeral}). */
    ObjectNode ephemeral(String userId, String channelId, ChatReply reply) {
        ObjectNode request = JSON.createObjectNode().put("user_id", userId);
        ObjectNode post = request.putObject("post").put("channel_id", channelId).put("message", MattermostText.markdown(reply.message()));
        post.putObject("props").set("attachments", attachments(reply));
        return request;
    }

    private ArrayNode attachments(ChatReply reply) {
        ArrayNode attachments = JSON.createArrayNode();
        reply.cards().forEach(c -> attachments.add(card(c)));
        reply.more().ifPresent(more -> attachments.addObject().put("fallback", "There are more.")
                .putArray("actions").add(button(MORE, "Show more", more.view() + "\n" + more.after())));
        return attachments;
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
