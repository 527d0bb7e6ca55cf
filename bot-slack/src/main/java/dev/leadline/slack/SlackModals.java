package dev.leadline.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.numberInput;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.timePicker;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.chat.FormSpec;
import dev.leadline.core.chat.Rich;
import dev.leadline.core.team.Rep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Draws core's forms as modals (one input block per input, its block and action id the input's id)
 * and reads a submission's state back into the form's values; also the App Home view. A pure function
 * of its arguments.
 */
final class SlackModals {
    /** Slack cuts a modal's title at this length. */
    private static final int TITLE = 24;

    private SlackModals() {}

    /** The modal for a form; its callback id is the action, its private metadata the lead. */
    static View form(FormSpec spec) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (spec.intro() != null) {
            blocks.add(section(s -> s.text(markdownText(BlockKitRenderer.escape(spec.intro())))));
        }
        spec.inputs().forEach(i -> blocks.add(input(b -> b.blockId(i.id()).optional(!i.required()).label(plainText(i.label())).element(element(i)))));
        String title = spec.title().length() > TITLE ? spec.title().substring(0, TITLE) : spec.title();
        return view(v -> v.type("modal").callbackId(spec.action().wire()).privateMetadata(spec.leadId())
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text(spec.submit()))).close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    private static BlockElement element(FormSpec.Input input) {
        String id = input.id();
        if (input instanceof FormSpec.Choice c) {
            List<OptionObject> options = c.options().stream().map(o -> option(plainText(o.label()), o.value())).toList();
            Optional<OptionObject> initial = options.stream().filter(o -> o.getValue().equals(c.initial())).findFirst();
            return staticSelect(s -> s.actionId(id).options(options).initialOption(initial.orElse(null)));
        } else if (input instanceof FormSpec.Date d) {
            return datePicker(p -> p.actionId(id).initialDate(d.initial().toString()));
        } else if (input instanceof FormSpec.Time t) {
            return timePicker(p -> p.actionId(id).initialTime(t.initial().format(FormSpec.Time.FORMAT)));
        } else if (input instanceof FormSpec.Number n) {
            return numberInput(p -> p.actionId(id).decimalAllowed(false).minValue(String.valueOf(n.min())).maxValue(String.valueOf(n.max()))
                    .initialValue(String.valueOf(n.initial())));
        } else if (input instanceof FormSpec.Toggle t) {
            return checkboxes(c -> c.actionId(id).options(List.of(option(plainText(t.statement()), "true"))));
        }
        FormSpec.Text text = (FormSpec.Text) input;
        return plainTextInput(p -> p.actionId(id).multiline(text.multiline()).maxLength(text.maxLength()).initialValue(text.initial()));
    }

    /** A submitted modal's values, by input id, in the form's formats (a ticked box is {@code true}). */
    static Map<String, String> values(FormSpec spec, Map<String, Map<String, ViewState.Value>> state) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FormSpec.Input input : spec.inputs()) {
            ViewState.Value value = Optional.ofNullable(state.get(input.id())).map(m -> m.get(input.id())).orElse(null);
            if (value == null) {
                continue;
            }
            String text = input instanceof FormSpec.Choice ? Optional.ofNullable(value.getSelectedOption()).map(o -> o.getValue()).orElse(null)
                    : input instanceof FormSpec.Date ? value.getSelectedDate()
                    : input instanceof FormSpec.Time ? value.getSelectedTime()
                    : input instanceof FormSpec.Toggle ? String.valueOf(value.getSelectedOptions() != null && !value.getSelectedOptions().isEmpty())
                    : value.getValue();
            if (text != null) {
                values.put(input.id(), text);
            }
        }
        return values;
    }

    /** The App Home tab: counts per view and the leads to act on, each with its buttons. */
    static View home(Rep rep, ChatDesk desk) {
        ChatReply home = desk.home(rep);
        List<LayoutBlock> blocks = new ArrayList<>(BlockKitRenderer.reply(new ChatReply(Rich.empty().bold("Your leads, " + rep.name()).then(home.message()),
                home.cards())));
        return view(v -> v.type("home").blocks(blocks.subList(0, Math.min(blocks.size(), 100))));
    }
}
