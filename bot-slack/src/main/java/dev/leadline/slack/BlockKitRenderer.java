package dev.leadline.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonFactory;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the neutral lead card as Block Kit: a title section, the fields, the status line, and one
 * button per action whose value is the lead id. A pure function, checked against golden files.
 */
public final class BlockKitRenderer {
    /** Slack refuses messages with more blocks than this. */
    private static final int MAX_BLOCKS = 50;

    private BlockKitRenderer() {}

    public static List<LayoutBlock> render(Card card) {
        return render(card, null);
    }

    /**
     * The card's blocks, their ids ending in {@code revision} when given: an edit of a message gets
     * fresh block ids, so Slack shows the new blocks instead of keeping the old ones' state.
     */
    public static List<LayoutBlock> render(Card card, String revision) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String id = (card.leadId() == null ? "" : ":" + card.leadId()) + (revision == null ? "" : ":" + revision);
        String title = "*" + escape(card.title()) + "*" + (card.subtitle() == null ? "" : "\n" + escape(card.subtitle()));
        blocks.add(section(s -> s.blockId("lead" + id).text(markdownText(title))));
        if (!card.fields().isEmpty()) {
            List<TextObject> fields = card.fields().stream().limit(10)
                    .<TextObject>map(f -> markdownText("*" + escape(f.label()) + "*\n" + escape(f.value()))).toList();
            blocks.add(section(s -> s.blockId("fields" + id).fields(fields)));
        }
        if (card.status() != null) {
            blocks.add(context(c -> c.blockId("status" + id).elements(List.of(markdownText(escape(card.status()))))));
        }
        // a card about no one lead (the digest) has only buttons that open views
        if (!card.actions().isEmpty()) {
            List<BlockElement> buttons = card.actions().stream().<BlockElement>map(a -> button(b -> b.actionId(a.wire())
                    .text(plainText(a.label())).value(card.leadId()).url(a instanceof CardAction.Open o ? o.url() : null).style(style(a)))).toList();
            blocks.add(actions(a -> a.blockId("actions" + id).elements(buttons)));
        }
        return blocks;
    }

    /** A chat reply: its text, then each card (as many as fit in one Slack message). */
    public static List<LayoutBlock> reply(ChatReply reply) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.mrkdwn(reply.message())))));
        for (Card card : reply.cards()) {
            List<LayoutBlock> rendered = render(card);
            if (blocks.size() + 1 + rendered.size() > MAX_BLOCKS) {
                break;
            }
            blocks.add(divider());
            blocks.addAll(rendered);
        }
        reply.more().filter(m -> blocks.size() < MAX_BLOCKS).ifPresent(more -> blocks.add(actions(a -> a.blockId("more")
                .elements(List.of(button(b -> b.actionId(MORE).text(plainText("Show more")).value(more.view() + "\n" + more.after())))))));
        return blocks;
    }

    /** The action id of a list's "Show more" button; its value is the view and the cursor, on two lines. */
    public static final String MORE = "leads-more";

    /** The fallback text Slack shows in notifications and to screen readers. */
    public static String fallback(Card card) {
        return escape(card.title() + (card.status() == null ? "" : " — " + card.status()));
    }

    public static String toJson(List<LayoutBlock> blocks) {
        return GsonFactory.createSnakeCase().toJson(blocks);
    }

    private static String style(CardAction action) {
        if (!(action instanceof CardAction.OnLead on)) {
            return null;
        }
        switch (on.action().emphasis()) {
            case POSITIVE:
                return "primary";
            case DANGER:
                return "danger";
            default:
                return null;
        }
    }

    /** Slack's mrkdwn needs only these three escaped. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
