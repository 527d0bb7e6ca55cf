package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.chat.FormSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Core's forms as Mattermost interactive dialogs, and a submission's values back in the form's
 * formats. Mattermost has no date or time picker in dialogs, so a day and a time are text fields
 * with the expected format filled in; core checks every value on submission.
 */
final class Dialogs {
    /** Mattermost's limits: a dialog's title and an element's label, a text field's length. */
    private static final int TITLE = 24;
    private static final int LABEL = 24;
    private static final int TEXT = 150;
    private static final int TEXTAREA = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dialogs() {}

    /** The body of {@code POST /api/v4/actions/dialogs/open}; {@code state} comes back with the submission. */
    static ObjectNode open(String triggerId, String submitUrl, FormSpec spec, String state) {
        ObjectNode request = JSON.createObjectNode().put("trigger_id", triggerId).put("url", submitUrl);
        ObjectNode dialog = request.putObject("dialog").put("callback_id", spec.action().wire()).put("title", clip(spec.title(), TITLE))
                .put("submit_label", spec.submit()).put("state", state).put("notify_on_cancel", false);
        if (spec.intro() != null) {
            dialog.put("introduction_text", Attachments.escape(spec.intro()));
        }
        ArrayNode elements = dialog.putArray("elements");
        spec.inputs().forEach(i -> elements.add(element(i)));
        return request;
    }

    private static ObjectNode element(FormSpec.Input input) {
        ObjectNode element = JSON.createObjectNode().put("display_name", clip(input.label(), LABEL)).put("name", input.id())
                .put("optional", !input.required());
        if (input instanceof FormSpec.Choice c) {
            element.put("type", "select");
            ArrayNode options = element.putArray("options");
            c.options().forEach(o -> options.addObject().put("text", o.label()).put("value", o.value()));
            if (c.initial() != null) {
                element.put("default", c.initial());
            }
        } else if (input instanceof FormSpec.Date d) {
            element.put("type", "text").put("default", d.initial().toString()).put("placeholder", "YYYY-MM-DD").put("max_length", 10);
        } else if (input instanceof FormSpec.Time t) {
            element.put("type", "text").put("default", t.initial().format(FormSpec.Time.FORMAT)).put("placeholder", "15:00")
                    .put("max_length", 5).put("help_text", input.label());
        } else if (input instanceof FormSpec.Number n) {
            element.put("type", "text").put("subtype", "number").put("default", String.valueOf(n.initial()))
                    .put("help_text", "From " + n.min() + " to " + n.max());
        } else if (input instanceof FormSpec.Toggle t) {
            element.put("type", "bool").put("placeholder", t.statement()).put("default", "false");
        } else {
            FormSpec.Text text = (FormSpec.Text) input;
            element.put("type", text.multiline() ? "textarea" : "text").put("max_length", Math.min(text.maxLength(), text.multiline() ? TEXTAREA : TEXT));
            if (text.initial() != null) {
                element.put("default", text.initial());
            }
        }
        return element;
    }

    /** A submission's values as text: booleans {@code true}/{@code false}, numbers as written. */
    static Map<String, String> values(JsonNode submission) {
        Map<String, String> values = new LinkedHashMap<>();
        submission.fields().forEachRemaining(f -> {
            if (!f.getValue().isNull() && (f.getValue().isValueNode())) {
                values.put(f.getKey(), f.getValue().asText());
            }
        });
        return values;
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
