package dev.leadline.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.chat.FormSpec;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.LeadAction;
import java.time.ZoneId;
import java.util.List;

/**
 * Renders the neutral lead card as an Adaptive Card (schema 1.5, Universal Actions): the title, the
 * fields as a fact set, the status line, a notice (the answer to the last action, or what was wrong
 * with a form), and the actions. Actions without a form are {@code Action.Execute} buttons; those that
 * need input show core's form inside the card ({@code Action.ShowCard}) whose submit button is an
 * {@code Action.Execute}; links are {@code Action.OpenUrl}. Every execute
 * carries the lead id, and the card's {@code refresh} action fetches its current state. Values are
 * Markdown-escaped, since Teams formats text blocks and facts. A pure
 * function, checked against golden files.
 */
public final class AdaptiveCards {
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Where the forms come from: core's form for an action on a lead, its day and time in a zone. */
    public interface Forms {
        FormSpec form(LeadAction action, String leadId, ZoneId zone);
    }

    private final Forms forms;

    public AdaptiveCards(Forms forms) {
        this.forms = forms;
    }

    /** The card for a viewer in {@code zone} (the zone its forms' times are read in). */
    public ObjectNode render(Card card, ZoneId zone) {
        return render(card, zone, null, false, List.of());
    }

    /**
     * The card with a notice above its actions ({@code warning}: shown as an error); Teams refreshes
     * the card by itself for the users in {@code refreshFor} (the lead's owner, who then sees their own
     * buttons on a channel's copy).
     */
    public ObjectNode render(Card card, ZoneId zone, String notice, boolean warning, List<String> refreshFor) {
        return render(card, zone, notice, warning, refreshFor, true);
    }

    /** As above; {@code refreshed} false leaves out Teams' refresh (a card of its own, e.g. a draft's, is not the lead's card). */
    public ObjectNode render(Card card, ZoneId zone, String notice, boolean warning, List<String> refreshFor, boolean refreshed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "AdaptiveCard").put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json").put("version", "1.5");
        ArrayNode body = root.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", TeamsText.escape(card.title(), true)).put("weight", "Bolder").put("size", "Medium").put("wrap", true);
        if (card.subtitle() != null) {
            body.addObject().put("type", "TextBlock").put("text", TeamsText.escape(card.subtitle(), true)).put("isSubtle", true).put("spacing", "None")
                    .put("wrap", true);
        }
        if (!card.fields().isEmpty()) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            card.fields().forEach(f -> facts.addObject().put("title", f.label()).put("value", TeamsText.escape(f.value(), true)));
        }
        if (card.status() != null) {
            body.addObject().put("type", "TextBlock").put("text", TeamsText.escape(card.status(), true)).put("isSubtle", true).put("wrap", true);
        }
        if (notice != null && !notice.isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", notice).put("wrap", true)
                    .put("color", warning ? "Attention" : "Good").put("weight", "Bolder");
        }
        if (card.leadId() != null && refreshed) {
            ObjectNode refreshing = root.putObject("refresh");
            ObjectNode refresh = refreshing.putObject("action");
            refresh.put("type", "Action.Execute").put("verb", "refresh").putObject("data").put("lead", card.leadId());
            if (!refreshFor.isEmpty()) {
                ArrayNode users = refreshing.putArray("userIds");
                refreshFor.forEach(users::add);
            }
        }
        List<CardAction> shown = card.actions().stream().filter(a -> card.leadId() != null || !(a instanceof CardAction.OnLead)).toList();
        if (!shown.isEmpty()) {
            ArrayNode actions = root.putArray("actions");
            shown.forEach(a -> actions.add(action(a, card.leadId(), zone)));
        }
        return root;
    }

    /** A card of plain lines, e.g. the answer to a list command or the rep's counts. */
    public static ObjectNode text(String heading, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "AdaptiveCard").put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json").put("version", "1.5");
        ArrayNode body = root.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", heading).put("weight", "Bolder").put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
        return root;
    }

    /** A list's "Show more": an Action.Execute that brings the next page of the view. */
    public static ObjectNode more(String view, String after) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "AdaptiveCard").put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json").put("version", "1.5");
        root.putArray("body").addObject().put("type", "TextBlock").put("text", "There are more.").put("wrap", true);
        ObjectNode action = root.putArray("actions").addObject().put("type", "Action.Execute").put("title", "Show more").put("verb", "more");
        action.putObject("data").put("view", view).put("after", after);
        return root;
    }

    private ObjectNode action(CardAction action, String leadId, ZoneId zone) {
        ObjectNode node = JSON.createObjectNode();
        if (action instanceof CardAction.Open open) {
            return node.put("type", "Action.OpenUrl").put("title", open.label()).put("url", open.url());
        }
        if (action instanceof CardAction.ShowView view) {
            node.put("type", "Action.Execute").put("title", view.label()).put("verb", "view").putObject("data").put("view", view.view());
            return node;
        }
        LeadAction onLead = ((CardAction.OnLead) action).action();
        if (!onLead.hasForm()) {
            node.put("type", "Action.Execute").put("title", onLead.label()).put("verb", onLead.wire()).putObject("data").put("lead", leadId);
            if (onLead.emphasis() == LeadAction.Emphasis.POSITIVE) {
                node.put("style", "positive");
            }
            return node;
        }
        FormSpec spec = forms.form(onLead, leadId, zone);
        node.put("type", "Action.ShowCard").put("title", onLead.label());
        ObjectNode form = node.putObject("card").put("type", "AdaptiveCard");
        ArrayNode body = form.putArray("body");
        if (spec.intro() != null) {
            body.addObject().put("type", "TextBlock").put("text", spec.intro()).put("wrap", true).put("isSubtle", true);
        }
        spec.inputs().forEach(i -> body.add(input(i)));
        ObjectNode submit = form.putArray("actions").addObject().put("type", "Action.Execute").put("title", spec.submit())
                .put("verb", onLead.wire());
        submit.putObject("data").put("lead", leadId);
        return node;
    }

    /** One form input as an Adaptive Card input; Teams checks required ones in the client, core checks them all again. */
    private static ObjectNode input(FormSpec.Input input) {
        ObjectNode node = JSON.createObjectNode().put("type", "Input." + input.getClass().getSimpleName()).put("id", input.id());
        node.put("label", input.label() + (input.required() || input instanceof FormSpec.Toggle ? "" : " (optional)"));
        if (input instanceof FormSpec.Choice c) {
            node.put("type", "Input.ChoiceSet").put("style", "compact").put("errorMessage", c.hint());
            ArrayNode choices = node.putArray("choices");
            c.options().forEach(o -> choices.addObject().put("title", o.label()).put("value", o.value()));
            if (c.initial() != null) {
                node.put("value", c.initial());
            }
        } else if (input instanceof FormSpec.Date d) {
            node.put("value", d.initial().toString()).put("errorMessage", d.missing());
        } else if (input instanceof FormSpec.Time t) {
            node.put("value", t.initial().format(FormSpec.Time.FORMAT)).put("errorMessage", t.missing());
        } else if (input instanceof FormSpec.Number n) {
            node.put("value", n.initial()).put("min", n.min()).put("max", n.max());
        } else if (input instanceof FormSpec.Toggle t) {
            node.put("title", t.statement()).put("valueOn", "true").put("valueOff", "false");
        } else {
            FormSpec.Text text = (FormSpec.Text) input;
            node.put("maxLength", text.maxLength()).put("isMultiline", text.multiline());
            if (text.initial() != null) {
                node.put("value", text.initial());
            }
        }
        return node.put("isRequired", input.required());
    }

    public static String toJson(ObjectNode card) {
        try {
            return JSON.writeValueAsString(card);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
