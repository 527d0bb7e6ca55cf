package dev.leadline.server.console;

import dev.leadline.core.chat.FormSpec;
import dev.leadline.core.notify.LeadAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Draws core's {@link FormSpec} as an HTML form, as Slack draws it as a modal and Teams as card
 * inputs: a choice becomes a select, a day and a time their own inputs, a toggle a checkbox, and each
 * limit the matching attribute. What the rep typed is kept, and each problem sits next to its input.
 */
final class ActionForms {
    private ActionForms() {}

    /** An action that asks for nothing: one button. */
    static Views.Action button(LeadAction action, String leadId) {
        return new Views.Action(action.wire(), action.label(), style(action), action.label() + " " + leadId, null, href(action, leadId),
                List.of(), false);
    }

    /** The action's form, filled with {@code values} (else the form's own initial values) and showing {@code problems}. */
    static Views.Action form(FormSpec spec, Map<String, String> values, Map<String, String> problems) {
        List<Views.Input> inputs = new ArrayList<>();
        for (FormSpec.Input input : spec.inputs()) {
            String id = spec.action().wire() + "-" + input.id();
            String problem = problems.getOrDefault(input.id(), "");
            Optional<String> sent = Optional.ofNullable(values.get(input.id()));
            inputs.add(input(id, input, problem, sent));
        }
        return new Views.Action(spec.action().wire(), spec.action().label(), style(spec.action()), spec.submit(), spec.intro(),
                href(spec.action(), spec.leadId()), inputs, !problems.isEmpty());
    }

    private static Views.Input input(String id, FormSpec.Input input, String problem, Optional<String> sent) {
        if (input instanceof FormSpec.Choice c) {
            String value = sent.orElse(c.initial() == null ? "" : c.initial());
            List<Views.Option> options = new ArrayList<>();
            options.add(new Views.Option("", "Choose…", value.isEmpty()));
            c.options().forEach(o -> options.add(new Views.Option(o.value(), o.label(), o.value().equals(value))));
            return new Views.Input(id, c.id(), c.label(), "select", c.required(), value, null, null, null, options, null, problem);
        } else if (input instanceof FormSpec.Text t) {
            return new Views.Input(id, t.id(), t.label(), t.multiline() ? "textarea" : "text", t.required(), sent.orElse(t.initial() == null ? "" : t.initial()), null, null,
                    t.maxLength(), List.of(), null, problem);
        } else if (input instanceof FormSpec.Date d) {
            return plain(id, d, "date", sent.orElse(d.initial().toString()), problem);
        } else if (input instanceof FormSpec.Time t) {
            return plain(id, t, "time", sent.orElse(t.initial().toString()), problem);
        } else if (input instanceof FormSpec.Number n) {
            return new Views.Input(id, n.id(), n.label(), "number", n.required(), sent.orElse(String.valueOf(n.initial())), n.min(), n.max(),
                    null, List.of(), null, problem);
        }
        FormSpec.Toggle t = (FormSpec.Toggle) input;
        return new Views.Input(id, t.id(), t.label(), "checkbox", false, sent.orElse("false"), null, null, null, List.of(), t.statement(),
                problem);
    }

    private static Views.Input plain(String id, FormSpec.Input input, String kind, String value, String problem) {
        return new Views.Input(id, input.id(), input.label(), kind, input.required(), value, null, null, null, List.of(), null, problem);
    }

    private static String href(LeadAction action, String leadId) {
        return "/console/leads/" + leadId + "/" + action.wire();
    }

    private static String style(LeadAction action) {
        return action.emphasis() == LeadAction.Emphasis.POSITIVE ? "primary" : action.emphasis() == LeadAction.Emphasis.DANGER ? "danger" : "";
    }
}
