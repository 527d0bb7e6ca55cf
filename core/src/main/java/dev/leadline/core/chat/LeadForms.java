package dev.leadline.core.chat;

import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.qualification.ContactChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The forms behind the card buttons that need input (disqualify, schedule, log contact, convert, assign),
 * and what a button press or a filled-in form means as a chat command. Every platform draws the same
 * {@link FormSpec} and sends its values back here, so a form and its checks exist once.
 */
public final class LeadForms {
    static final String CHANNEL_HINT = "Say how you contacted them: call, email, LinkedIn or other.";
    private static final int NOTE = 2000;
    /** What every platform's text field takes (Mattermost's dialogs stop at 150). */
    private static final int NAME = 150;

    static final String REP_HINT = "Pick the rep to give the lead to.";

    private final Supplier<List<String>> reasons;
    private final Supplier<List<FormSpec.Option>> reps;
    private final java.util.function.Function<String, Optional<String[]>> drafts;
    private final Supplier<List<String>> cadences;
    private volatile Supplier<List<String>> queues = List::of;
    private final Clock clock;

    /** Forms without reps to assign to (a renderer's tests). */
    public LeadForms(Supplier<List<String>> disqualifyReasons, Clock clock) {
        this(disqualifyReasons, List::of, clock);
    }

    /** @param reps the reps a lead may be assigned to, each as its email and how it is shown */
    public LeadForms(Supplier<List<String>> disqualifyReasons, Supplier<List<FormSpec.Option>> reps, Clock clock) {
        this(disqualifyReasons, reps, lead -> Optional.empty(), List::of, clock);
    }

    /** @param drafts a lead's nurture draft waiting for approval, as its subject and body, to edit */
    public LeadForms(Supplier<List<String>> disqualifyReasons, Supplier<List<FormSpec.Option>> reps,
                     java.util.function.Function<String, Optional<String[]>> drafts, Supplier<List<String>> cadences, Clock clock) {
        this.cadences = cadences;
        this.reasons = disqualifyReasons;
        this.reps = reps;
        this.drafts = drafts;
        this.clock = clock;
    }

    /** The queues a lead may be handed off to. */
    public LeadForms handingOffTo(Supplier<List<String>> queueNames) {
        this.queues = queueNames;
        return this;
    }

    /** What a press of the button, or its filled-in form, means. */
    public sealed interface Read {
        record Command(ChatCommand command) implements Read {}

        /** The values do not fit the form: the problems by input id. */
        record Invalid(Map<String, String> problems) implements Read {}
    }

    /** The form of an action that asks for input first; the day and time are read in {@code zone}. */
    public FormSpec form(LeadAction action, String leadId, ZoneId zone) {
        switch (action) {
            case DISQUALIFY:
                return new FormSpec(action, leadId, "Disqualify " + leadId, "Disqualify", null, List.of(
                        new FormSpec.Choice("reason", "Reason", true, reasons.get().stream().map(r -> new FormSpec.Option(r, r)).toList(), null,
                                "Pick a reason to disqualify."),
                        note()));
            case SCHEDULE:
                return new FormSpec(action, leadId, "Schedule " + leadId, "Book", null, List.of(
                        new FormSpec.Date("date", "Day", true, LocalDate.now(clock.withZone(zone)).plusDays(1)),
                        new FormSpec.Time("time", "Time (" + zone.getId() + ")", true, LocalTime.of(10, 0)),
                        new FormSpec.Number("minutes", "Minutes", false, 5, 480, 30),
                        new FormSpec.Text("title", "Title", false, NAME, false)));
            case LOG_CONTACT:
                return new FormSpec(action, leadId, "Log contact", "Log", null, List.of(
                        new FormSpec.Choice("channel", "How", true, Arrays.stream(ContactChannel.values())
                                .map(c -> new FormSpec.Option(c.name().toLowerCase(Locale.ROOT), c.label())).toList(), "call", CHANNEL_HINT),
                        new FormSpec.Toggle("reached", "Outcome", "We spoke (two-way contact)"),
                        note()));
            case CONVERT:
                return new FormSpec(action, leadId, "Convert " + leadId, "Convert",
                        "Leave the account empty to use the matched account (by domain or company) or create one.", List.of(
                        new FormSpec.Text("account", "Account name", false, NAME, false),
                        new FormSpec.Text("opportunity", "Opportunity name", false, NAME, false)));
            case NURTURE:
                return new FormSpec(action, leadId, "Nurture " + leadId, "Start", "The lead follows the cadence's steps until it answers or sales act on it.",
                        List.of(new FormSpec.Choice("cadence", "Cadence", true, cadences.get().stream().map(c -> new FormSpec.Option(c, c)).toList(),
                                null, "Pick the cadence to put the lead in.")));
            case EDIT_DRAFT:
                String[] draft = drafts.apply(leadId).orElse(new String[] {null, null});
                return new FormSpec(action, leadId, "Edit the email to " + leadId, "Send as me", "It goes from you once you press Send as me.",
                        List.of(new FormSpec.Text("subject", "Subject", true, 200, false, draft[0]),
                                new FormSpec.Text("body", "Email", true, 3000, true, draft[1])));
            case HANDOFF:
                return new FormSpec(action, leadId, "Hand off " + leadId + " now", "Offer",
                        "Members of the queue who are free now (no meeting in the next 30 minutes) are offered the lead; the first to take it gets it.",
                        List.of(new FormSpec.Choice("queue", "Queue", true, queues.get().stream().map(q -> new FormSpec.Option(q, q)).toList(), null,
                                "Pick the queue to hand off to.")));
            case ASSIGN:
                return new FormSpec(action, leadId, "Assign " + leadId, "Assign", null, List.of(
                        new FormSpec.Choice("rep", "Assign to", true, reps.get(), null, REP_HINT),
                        new FormSpec.Text("reason", "Reason", false, NAME, false)));
            default:
                throw new IllegalArgumentException(action + " has no form");
        }
    }

    /** The command for a press of {@code action} on {@code leadId}'s card, with its form's values when it has one. */
    public Read read(LeadAction action, String leadId, Map<String, String> values, ZoneId zone) {
        if (!action.hasForm()) {
            return new Read.Command(action == LeadAction.CLAIM ? new ChatCommand.Claim(leadId)
                    : action == LeadAction.RELEASE ? new ChatCommand.Release(leadId)
                    : action == LeadAction.SEND_DRAFT ? new ChatCommand.Draft(leadId, "send", null, null)
                    : action == LeadAction.SKIP_DRAFT ? new ChatCommand.Draft(leadId, "skip", null, null)
                    : action == LeadAction.ROOM ? new ChatCommand.Room(leadId)
                    : action == LeadAction.TAKE_HANDOFF ? new ChatCommand.Handoff(leadId, null)
                    : new ChatCommand.Qualify(leadId, null));
        }
        Map<String, String> problems = form(action, leadId, zone).problems(values);
        if (!problems.isEmpty()) {
            return new Read.Invalid(problems);
        }
        return new Read.Command(command(action, leadId, values, zone));
    }

    private static ChatCommand command(LeadAction action, String leadId, Map<String, String> values, ZoneId zone) {
        Optional<String> note = FormSpec.value(values, "note");
        switch (action) {
            case DISQUALIFY:
                return new ChatCommand.Disqualify(leadId, values.get("reason").strip(), note.orElse(null));
            case SCHEDULE:
                LocalTime time = FormSpec.Time.parse(values.get("time").strip()).orElseThrow();
                String minutes = FormSpec.value(values, "minutes").orElse("30").replaceFirst("\\.0$", "");
                return new ChatCommand.Schedule(leadId, LocalDate.parse(values.get("date").strip()).atTime(time).atZone(zone).toInstant(),
                        Duration.ofMinutes(Integer.parseInt(minutes)), FormSpec.value(values, "title").orElse(null));
            case LOG_CONTACT:
                return new ChatCommand.Contacted(leadId, ContactChannel.parse(values.get("channel")),
                        FormSpec.value(values, "reached").filter("true"::equals).isPresent(), note.orElse(null));
            case ASSIGN:
                return new ChatCommand.Assign(leadId, values.get("rep").strip(), FormSpec.value(values, "reason").orElse(null));
            case NURTURE:
                return new ChatCommand.Nurture(leadId, values.get("cadence").strip());
            case HANDOFF:
                return new ChatCommand.Handoff(leadId, values.get("queue").strip());
            case EDIT_DRAFT:
                return new ChatCommand.Draft(leadId, "edit", values.get("subject"), values.get("body"));
            default:
                return new ChatCommand.Convert(leadId, FormSpec.value(values, "account"), FormSpec.value(values, "opportunity"));
        }
    }

    private static FormSpec.Text note() {
        return new FormSpec.Text("note", "Note", false, NOTE, true);
    }
}
