package dev.leadline.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.timePicker;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.leadline.core.chat.ChatCommand;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.qualification.ContactChannel;
import dev.leadline.core.team.Rep;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The modals behind buttons that need input (disqualify, schedule, log contact, convert), what their
 * submissions mean as chat commands, and the App Home view. A refused submission keeps the modal
 * open with the reason shown on the field it concerns.
 */
public final class SlackModals {
    static final Pattern CALLBACKS = Pattern.compile("disqualify|schedule|log-contact|convert");

    /** The field errors to show, by block id; empty when the modal may close. */
    public record Submitted(Map<String, String> errors) {}

    View form(String action, String leadId, Rep rep) {
        return switch (action) {
            case "disqualify" -> modal(action, leadId, "Disqualify " + leadId, "Disqualify", List.of(
                    input(i -> i.blockId("reason").label(plainText("Reason")).element(staticSelect(s -> s.actionId("reason")
                            .options(reasons.get().stream().map(r -> option(plainText(r), r)).toList())))),
                    note(true)));
            case "schedule" -> modal(action, leadId, "Schedule " + leadId, "Book", List.of(
                    input(i -> i.blockId("date").label(plainText("Day")).element(datePicker(d -> d.actionId("date")
                            .initialDate(LocalDate.now(rep.timeZone()).plusDays(1).toString())))),
                    input(i -> i.blockId("time").label(plainText("Time (" + rep.timeZone().getId() + ")"))
                            .element(timePicker(t -> t.actionId("time").initialTime("10:00")))),
                    input(i -> i.blockId("minutes").label(plainText("Minutes")).element(plainTextInput(p -> p.actionId("minutes")
                            .initialValue("30")))),
                    input(i -> i.blockId("title").optional(true).label(plainText("Title")).element(plainTextInput(p -> p.actionId("title"))))));
            case "log-contact" -> modal(action, leadId, "Log contact", "Log", List.of(
                    input(i -> i.blockId("channel").label(plainText("How")).element(staticSelect(s -> s.actionId("channel")
                            .initialOption(option(plainText("Call"), "call"))
                            .options(List.of(option(plainText("Call"), "call"), option(plainText("Email"), "email"),
                                    option(plainText("LinkedIn"), "linkedin"), option(plainText("Other"), "other")))))),
                    input(i -> i.blockId("reached").optional(true).label(plainText("Outcome")).element(checkboxes(c -> c.actionId("reached")
                            .options(List.of(option(plainText("We spoke (two-way contact)"), "reached")))))),
                    note(true)));
            default -> modal("convert", leadId, "Convert " + leadId, "Convert", List.of(
                    section(s -> s.text(markdownText("Leave the account empty to use the matched account (by domain or company) or create one."))),
                    input(i -> i.blockId("account").optional(true).label(plainText("Account name")).element(plainTextInput(p -> p.actionId("account")))),
                    input(i -> i.blockId("opportunity").optional(true).label(plainText("Opportunity name"))
                            .element(plainTextInput(p -> p.actionId("opportunity"))))));
        };
    }

    Submitted submit(String callbackId, String leadId, Map<String, Map<String, ViewState.Value>> values, Rep rep, ChatDesk desk) {
        if (callbackId.equals("log-contact") && contactChannel(values).isEmpty()) {
            // the same answer Teams gives: a channel that is not one of ours is not quietly taken for a call
            return new Submitted(Map.of("channel", "Say how you contacted them: call, email, LinkedIn or other."));
        }
        ChatCommand command = switch (callbackId) {
            case "disqualify" -> new ChatCommand.Disqualify(leadId, selected(values, "reason"), text(values, "note").orElse(null));
            case "schedule" -> {
                String minutes = text(values, "minutes").orElse("30").strip();
                if (!minutes.matches("\\d{1,3}") || Integer.parseInt(minutes) < 5) {
                    yield null;
                }
                java.time.Instant at = java.time.LocalDate.parse(value(values, "date").getSelectedDate())
                        .atTime(java.time.LocalTime.parse(value(values, "time").getSelectedTime())).atZone(rep.timeZone()).toInstant();
                yield new ChatCommand.Schedule(leadId, at, java.time.Duration.ofMinutes(Integer.parseInt(minutes)), text(values, "title").orElse(null));
            }
            case "log-contact" -> new ChatCommand.Contacted(leadId, contactChannel(values).orElseThrow(),
                    value(values, "reached").getSelectedOptions() != null && !value(values, "reached").getSelectedOptions().isEmpty(),
                    text(values, "note").orElse(null));
            default -> new ChatCommand.Convert(leadId, text(values, "account"), text(values, "opportunity"));
        };
        if (command == null) {
            return new Submitted(Map.of("minutes", "Give the length in minutes, 5 or more"));
        }
        ChatReply reply = desk.run(command, rep);
        return reply.refused() ? new Submitted(Map.of(errorBlock(callbackId), reply.text())) : new Submitted(Map.of());
    }

    private static Optional<ContactChannel> contactChannel(Map<String, Map<String, ViewState.Value>> values) {
        String chosen = selected(values, "channel");
        return java.util.Arrays.stream(ContactChannel.values()).filter(c -> c.name().equalsIgnoreCase(chosen)).findFirst();
    }

    /** The App Home tab: counts per view and the leads to act on, each with its buttons. */
    View home(Rep rep, ChatDesk desk) {
        ChatReply home = desk.home(rep);
        List<LayoutBlock> blocks = new ArrayList<>(BlockKitRenderer.reply(new ChatReply("*Your leads, " + rep.name() + "*\n" + home.text(),
                home.cards())));
        return view(v -> v.type("home").blocks(blocks.subList(0, Math.min(blocks.size(), 100))));
    }

    private final java.util.function.Supplier<List<String>> reasons;

    public SlackModals(java.util.function.Supplier<List<String>> disqualifyReasons) {
        this.reasons = disqualifyReasons;
    }

    private static View modal(String callbackId, String leadId, String title, String submit, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId(callbackId).privateMetadata(leadId)
                .title(viewTitle(t -> t.type("plain_text").text(title.length() > 24 ? title.substring(0, 24) : title)))
                .submit(viewSubmit(s -> s.type("plain_text").text(submit))).close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    private static LayoutBlock note(boolean optional) {
        return input(i -> i.blockId("note").optional(optional).label(plainText("Note"))
                .element(plainTextInput(p -> p.actionId("note").multiline(true))));
    }

    private static String errorBlock(String callbackId) {
        return switch (callbackId) {
            case "disqualify" -> "reason";
            case "schedule" -> "time";
            case "log-contact" -> "channel";
            default -> "account";
        };
    }

    private static ViewState.Value value(Map<String, Map<String, ViewState.Value>> values, String block) {
        return Optional.ofNullable(values.get(block)).map(m -> m.get(block)).orElseGet(ViewState.Value::new);
    }

    private static String selected(Map<String, Map<String, ViewState.Value>> values, String block) {
        return Optional.ofNullable(value(values, block).getSelectedOption()).map(o -> o.getValue()).orElse("");
    }

    private static Optional<String> text(Map<String, Map<String, ViewState.Value>> values, String block) {
        return Optional.ofNullable(value(values, block).getValue()).map(String::strip).filter(s -> !s.isEmpty());
    }
}
