package dev.leadline.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.notify.Card;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Renders the neutral lead card as an Adaptive Card (schema 1.5, Universal Actions): the title, the
 * fields as a fact set, the status line, a notice (the answer to the last action, or what was wrong
 * with a form), and the actions. Claim, Qualify and Release are {@code Action.Execute} buttons; the
 * actions that need input (Disqualify, Schedule, Log contact, Convert) show a form inside the card
 * whose submit button is an {@code Action.Execute}; links are {@code Action.OpenUrl}. Every execute
 * carries the lead id, and the card's {@code refresh} action fetches its current state. A pure
 * function, checked against golden files.
 */
public final class AdaptiveCards {
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> DIRECT = Set.of("claim", "qualify", "release");
    private static final List<String> CHANNELS = List.of("call", "email", "linkedin", "other");

    private final Supplier<List<String>> disqualifyReasons;

    public AdaptiveCards(Supplier<List<String>> disqualifyReasons) {
        this.disqualifyReasons = disqualifyReasons;
    }

    /** The card, with an optional notice above its actions ({@code warning}: shown as an error). */
    public ObjectNode render(Card card, String notice, boolean warning) {
        return render(card, notice, warning, List.of());
    }

    /**
     * As {@link #render(Card, String, boolean)}; Teams refreshes the card by itself for the users in
     * {@code refreshFor} (the lead's owner, who then sees their own buttons on a channel's copy).
     */
    public ObjectNode render(Card card, String notice, boolean warning, List<String> refreshFor) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "AdaptiveCard").put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json").put("version", "1.5");
        ArrayNode body = root.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", card.title()).put("weight", "Bolder").put("size", "Medium").put("wrap", true);
        if (card.subtitle() != null) {
            body.addObject().put("type", "TextBlock").put("text", card.subtitle()).put("isSubtle", true).put("spacing", "None")
                    .put("wrap", true);
        }
        if (!card.fields().isEmpty()) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            card.fields().forEach(f -> facts.addObject().put("title", f.label()).put("value", f.value()));
        }
        if (card.status() != null) {
            body.addObject().put("type", "TextBlock").put("text", card.status()).put("isSubtle", true).put("wrap", true);
        }
        if (notice != null && !notice.isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", notice).put("wrap", true)
                    .put("color", warning ? "Attention" : "Good").put("weight", "Bolder");
        }
        if (card.leadId() != null) {
            ObjectNode refreshing = root.putObject("refresh");
            ObjectNode refresh = refreshing.putObject("action");
            refresh.put("type", "Action.Execute").put("verb", "refresh").putObject("data").put("lead", card.leadId());
            if (!refreshFor.isEmpty()) {
                ArrayNode users = refreshing.putArray("userIds");
                refreshFor.forEach(users::add);
            }
        }
        List<Card.Action> shown = card.actions().stream().filter(a -> card.leadId() != null || a.url() != null || a.id().startsWith("view-"))
                .toList();
        if (!shown.isEmpty()) {
            ArrayNode actions = root.putArray("actions");
            shown.forEach(a -> actions.add(action(a, card.leadId())));
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

    private ObjectNode action(Card.Action action, String leadId) {
        ObjectNode node = JSON.createObjectNode();
        if (action.url() != null) {
            return node.put("type", "Action.OpenUrl").put("title", action.label()).put("url", action.url());
        }
        if (DIRECT.contains(action.id())) {
            node.put("type", "Action.Execute").put("title", action.label()).put("verb", action.id()).putObject("data").put("lead", leadId);
            if (!"release".equals(action.id())) {
                node.put("style", "positive");
            }
            return node;
        }
        if (action.id().startsWith("view-")) {
            node.put("type", "Action.Execute").put("title", action.label()).put("verb", "view").putObject("data")
                    .put("view", action.id().substring("view-".length()));
            return node;
        }
        node.put("type", "Action.ShowCard").put("title", action.label());
        ObjectNode form = node.putObject("card").put("type", "AdaptiveCard");
        ArrayNode inputs = form.putArray("body");
        switch (action.id()) {
            case "disqualify" -> {
                ObjectNode reason = choices(inputs, "reason", "Reason", disqualifyReasons.get());
                reason.put("isRequired", true).put("errorMessage", "Pick a reason");
                text(inputs, "note", "Note (optional)", false);
            }
            case "schedule" -> {
                inputs.addObject().put("type", "Input.Date").put("id", "date").put("label", "Date").put("isRequired", true)
                        .put("errorMessage", "Pick a date");
                inputs.addObject().put("type", "Input.Time").put("id", "time").put("label", "Time (your time zone)").put("isRequired", true)
                        .put("errorMessage", "Pick a time");
                inputs.addObject().put("type", "Input.Number").put("id", "minutes").put("label", "Minutes").put("value", 30)
                        .put("min", 5).put("max", 480);
                text(inputs, "title", "Title (optional)", false);
            }
            case "log-contact" -> {
                choices(inputs, "channel", "How", CHANNELS).put("value", "call").put("isRequired", true);
                inputs.addObject().put("type", "Input.Toggle").put("id", "reached").put("title", "Reached them")
                        .put("valueOn", "true").put("valueOff", "false");
                text(inputs, "note", "Note (optional)", false);
            }
            case "convert" -> {
                text(inputs, "account", "Account (empty: match or create from the company)", false);
                text(inputs, "opportunity", "Opportunity name (optional)", false);
            }
            default -> text(inputs, "note", "Note", false);
        }
        ObjectNode submit = form.putArray("actions").addObject().put("type", "Action.Execute").put("title", action.label())
                .put("verb", action.id());
        submit.putObject("data").put("lead", leadId);
        return node;
    }

    private static ObjectNode choices(ArrayNode inputs, String id, String label, List<String> values) {
        ObjectNode choice = inputs.addObject().put("type", "Input.ChoiceSet").put("id", id).put("label", label).put("style", "compact");
        ArrayNode options = choice.putArray("choices");
        values.forEach(v -> options.addObject().put("title", v).put("value", v));
        return choice;
    }

    private static void text(ArrayNode inputs, String id, String label, boolean required) {
        inputs.addObject().put("type", "Input.Text").put("id", id).put("label", label).put("isRequired", required);
    }

    public static String toJson(ObjectNode card) {
        try {
            return JSON.writeValueAsString(card);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
