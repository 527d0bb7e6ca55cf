package dev.leadline.core.chat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Text;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.conversion.ConversionOutcome;
import dev.leadline.core.dedupe.MergeOutcome;
import dev.leadline.core.conversion.ConvertRequest;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.ScheduleOutcome;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one chat command for a rep: one service call, its outcome in words. Refusals (already
 * claimed, not allowed, wrong state) and unreadable input are answers, not errors; nothing is
 * changed by a command that is refused.
 */
public final class ChatDesk {
    static final Rich HELP = Rich.markup(String.join("\n",
            "With slash commands, type these after `/lead` (lists also after `/leads`); in a chat with the bot, just send them.",
            "*Lists*: `leads` (yours), `leads overdue`, `leads due-today`, `leads new`, `leads queue Inbound`, or any saved view",
            "*A lead*: `lead L-42` shows it; `claim L-42`, `release L-42`",
            "`contacted L-42 call reached Spoke to the CFO`, `qualify L-42 Budget approved`, `disqualify L-42 No budget`",
            "`schedule L-42 tomorrow 15:00 30 Demo` (times: " + When.EXAMPLES + ")",
            "`convert L-42 account Acme opportunity Acme pilot`, `unconvert L-42`, `note L-42 Called back`, `assign L-42 jane@example.com`",
            "*Duplicates*: `merge L-43 L-44 into L-42` keeps L-42 and moves the others' history to it; `unmerge L-42` undoes it",
            "*Routing*: `why L-42` says why the lead went where it went; `pause` stops new leads coming to you, `resume` starts them again",
            "*Nurture*: `nurture L-42 check-back-90` puts the lead in that cadence; `nurture stop L-42` takes it out",
            "*Rooms*: `room L-42` opens a channel for the lead with its card pinned; in the room, `room log on` puts its messages on the timeline (`room log off` stops)",
            "*Hand-off*: `handoff L-42 Inbound` offers the lead you are on a call with to the queue's members free now; the first to press *Take it now* (or `handoff take L-42`) gets it",
            "*Reports*: `leads stats` gives your own numbers this week against last; managers get the team's by queue with `leads report`",
            "*Console*: `console` sends you a one-time link (10 minutes) that signs you in to the web console"));
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final ChatLookups lookups;
    private final LeadWork work;
    private final Clock clock;
    private final LeadForms forms;
    private final dev.leadline.core.access.SignInLinks signIn;
    private final ChatReports reports;

    public ChatDesk(ChatLookups lookups, LeadWork work, Clock clock, dev.leadline.core.access.SignInLinks signIn) {
        this.lookups = lookups;
        this.work = work;
        this.clock = clock;
        this.signIn = signIn;
        this.forms = new LeadForms(work.qualification()::disqualifyReasons, () -> work.team().reps().stream().filter(Rep::active)
                .map(r -> new FormSpec.Option(r.email(), r.name() + " (" + r.email() + ")")).toList(),
                lead -> work.drafts() == null ? Optional.empty() : work.drafts().pending(lookups.lead(lead).id())
                        .map(d -> new String[] {d.subject(), d.text()}),
                () -> work.nurture() == null ? List.of() : work.nurture().cadenceNames(), clock)
                .handingOffTo(() -> work.team().queues().stream().map(dev.leadline.core.team.LeadQueue::name).toList());
        this.reports = new ChatReports(work.reports(), work.team(), clock);
    }

    /** The rep's home: counts per view and the leads to act on first. */
    public ChatReply home(Rep rep) {
        return lookups.home(rep).seenBy(rep.id());
    }

    /** A lead's card as it is now, by any reference ({@code L-42}, {@code 42}, an email). */
    public dev.leadline.core.notify.Card card(String leadReference) {
        return lookups.card(lookups.lead(leadReference), null);
    }

    /** A lead's card as it is now, as {@code viewer} sees it (the owner's buttons only for the owner). */
    public dev.leadline.core.notify.Card card(String leadReference, Rep viewer) {
        return card(leadReference).seenBy(viewer.id());
    }

    /**
     * The actions {@code viewer} may take on the lead now: its card's buttons as the viewer sees them
     * (the owner's work only for the owner), and Assign for a manager while the lead is open.
     */
    public List<LeadAction> actions(String leadReference, Rep viewer) {
        Lead lead = lookups.lead(leadReference);
        List<LeadAction> actions = new java.util.ArrayList<>(lookups.card(lead, null).seenBy(viewer.id()).actions().stream()
                .filter(a -> a instanceof CardAction.OnLead).map(a -> ((CardAction.OnLead) a).action())
                .toList());
        if (Permissions.isManager(viewer) && lead.stage().isOpen()) {
            actions.add(LeadAction.ASSIGN);
        }
        return actions;
    }

    /** The form behind a card's button (one that {@link LeadAction#hasForm() has one}), its day and time in {@code zone}. */
    public FormSpec form(LeadAction action, String leadId, ZoneId zone) {
        return forms.form(action, leadId, zone);
    }

    /**
     * Runs a card button the rep pressed, with its form's values when it has a form. Values that do
     * not fit keep the form open with their problems; so does a refusal, shown on the first input.
     */
    public FormAnswer act(LeadAction action, String leadId, Map<String, String> values, ActingRep by) {
        return act(action, leadId, values, by, ChatPlace.UNKNOWN);
    }

    /** As {@link #act(LeadAction, String, Map, ActingRep)}, pressed on {@code place}'s platform. */
    public FormAnswer act(LeadAction action, String leadId, Map<String, String> values, ActingRep by, ChatPlace place) {
        ZoneId zone = by.rep().timeZone();
        LeadForms.Read read = forms.read(action, leadId, values, zone);
        if (read instanceof LeadForms.Read.Invalid invalid) {
            return new FormAnswer(ChatReply.refused(invalid.problems().values().iterator().next()), invalid.problems());
        }
        ChatReply reply = run(((LeadForms.Read.Command) read).command(), by, place);
        return new FormAnswer(reply, reply.refused() && action.hasForm()
                ? Map.of(forms.form(action, leadId, zone).firstInput(), reply.text()) : Map.of());
    }

    /** Reads the text (composed to NFC; refused when it holds a NUL or a lone surrogate) and runs it for the rep. */
    public ChatReply handle(String text, Rep rep) {
        return handle(text, rep, ChatPlace.UNKNOWN);
    }

    /** As {@link #handle(String, Rep)}, typed in {@code place}. */
    public ChatReply handle(String text, Rep rep, ChatPlace place) {
        Optional<String> problem = Text.problem(text);
        if (problem.isPresent()) {
            return ChatReply.refused("I could not read that: it " + problem.get() + ".");
        }
        return run(CommandParser.parse(Text.nfc(text)), rep, place);
    }

    /**
     * A message said in a channel: when the channel is a lead's room that logs its messages, it goes on
     * the lead's timeline as the rep's note. Whether it was logged.
     */
    public boolean heard(ChatPlace place, Rep rep, String text) {
        return work.rooms().logged(place.platform(), place.channel()).map(room -> work.qualification()
                .addNote(room.lead(), rep, "(in the room) " + Text.nfc(text)) instanceof LeadOutcome.Done).orElse(false);
    }

    /** Runs the command as {@code by}: a rep in chat, or a rep through a console session (both named on the timeline). */
    public ChatReply run(ChatCommand command, ActingRep by) {
        return run(command, by, ChatPlace.UNKNOWN);
    }

    private ChatReply run(ChatCommand command, ActingRep by, ChatPlace place) {
        try {
            if (command instanceof ChatCommand.Room r) {
                return RoomReplies.of(work.rooms().open(lead(r.lead()), by, place.platformName()));
            } else if (command instanceof ChatCommand.RoomLog l) {
                return RoomReplies.of(work.rooms().logging(Optional.ofNullable(l.lead()).map(this::lead), place.platform(), place.channel(), by, l.on()));
            }
            return dispatch(command, by).seenBy(by.rep().id());
        } catch (ValidationException | NotFoundException e) {
            return ChatReply.refused(e.getMessage());
        }
    }

    private ChatReply dispatch(ChatCommand command, ActingRep by) {
        Rep rep = by.rep();
        if (command instanceof ChatCommand.Unreadable u) {
            return ChatReply.refused(Rich.of("I could not read ").code(u.input()).text(": " + u.problem() + ".").then(HELP));
        } else if (command instanceof ChatCommand.ListLeads l) {
            return lookups.list(l.view(), rep, l.after());
        } else if (command instanceof ChatCommand.Show s) {
            return show(lookups.lead(s.lead()));
        } else if (command instanceof ChatCommand.Claim c) {
            return outcome("Claimed", work.claims().claim(lead(c.lead()), by));
        } else if (command instanceof ChatCommand.Release r) {
            return outcome("Released", work.claims().release(lead(r.lead()), by));
        } else if (command instanceof ChatCommand.Contacted c) {
            return outcome("Logged " + c.channel().name().toLowerCase(Locale.ROOT) + " on",
                    work.qualification().logContact(lead(c.lead()), by, c.channel(), c.reached(), blankToNull(c.note())));
        } else if (command instanceof ChatCommand.Qualify q) {
            return outcome("Qualified", work.qualification().qualify(lead(q.lead()), by, blankToNull(q.note())));
        } else if (command instanceof ChatCommand.Disqualify d) {
            return disqualify(d, by);
        } else if (command instanceof ChatCommand.Note n) {
            return outcome("Noted on", work.qualification().addNote(lead(n.lead()), by, n.text()));
        } else if (command instanceof ChatCommand.Schedule s) {
            return schedule(s, by);
        } else if (command instanceof ChatCommand.Said said) {
            return said(said, by);
        } else if (command instanceof ChatCommand.Convert c) {
            return convert(c, by);
        } else if (command instanceof ChatCommand.Unconvert u) {
            return converted(work.conversion().unconvert(lead(u.lead()), by));
        } else if (command instanceof ChatCommand.Assign a) {
            return assign(a, by);
        } else if (command instanceof ChatCommand.Merge m) {
            return merged(work.merges().merge(lead(m.into()), m.leads().stream().map(this::lead).toList(), java.util.Map.of(), by));
        } else if (command instanceof ChatCommand.Unmerge u) {
            return merged(work.merges().unmerge(lead(u.lead()), by));
        } else if (command instanceof ChatCommand.Why w) {
            return why(lookups.lead(w.lead()));
        } else if (command instanceof ChatCommand.Nurture n) {
            return nurture(n, by);
        } else if (command instanceof ChatCommand.Draft d) {
            return draft(d, by);
        } else if (command instanceof ChatCommand.Handoff h) {
            return handoff(h, by);
        } else if (command instanceof ChatCommand.Console) {
            String link = signIn.signInLink(rep, Actor.rep(rep.email()));
            return ChatReply.personal(Rich.of("Your sign-in link for the Leadline console: ").link("open the console", link)
                    .text(". It works once, for 10 minutes; don't share it."));
        } else if (command instanceof ChatCommand.Stats) {
            return reports.stats(rep);
        } else if (command instanceof ChatCommand.Report) {
            return reports.report(rep);
        } else if (command instanceof ChatCommand.Pause) {
            work.team().setAvailability(rep, true, rep.outOfOfficeFrom(), rep.outOfOfficeUntil(), Actor.rep(rep.email()));
            return ChatReply.text(Rich.of("Paused: routing gives you no new leads until you say ").code("resume")
                    .text(". Leads you have stay yours."));
        } else if (command instanceof ChatCommand.Resume) {
            work.team().setAvailability(rep, false, rep.outOfOfficeFrom(), rep.outOfOfficeUntil(), Actor.rep(rep.email()));
            return ChatReply.text("Welcome back: routing gives you leads again, at your usual share (nothing to catch up on).");
        }
        return ChatReply.text(HELP);
    }

    private ChatReply handoff(ChatCommand.Handoff command, ActingRep by) {
        Lead lead = lookups.lead(command.lead());
        if (work.handoffs() == null) {
            return ChatReply.refused("Hand-offs are not available here.");
        }
        dev.leadline.core.booking.Handoffs.Outcome outcome;
        if (command.queue() == null) {
            outcome = work.handoffs().take(lead.id(), by);
        } else {
            Optional<dev.leadline.core.team.LeadQueue> queue = work.team().queueByName(command.queue());
            if (queue.isEmpty()) {
                return ChatReply.refused("There is no queue named " + command.queue() + ".");
            }
            outcome = work.handoffs().start(lead.id(), by, queue.get());
        }
        if (outcome instanceof dev.leadline.core.booking.Handoffs.Outcome.Offered offered) {
            return ChatReply.text(lead.id() + " is offered to " + offered.to().stream().map(Rep::name).collect(java.util.stream.Collectors.joining(", "))
                    + ": the first to take it gets it. You will hear who takes the call.");
        }
        if (outcome instanceof dev.leadline.core.booking.Handoffs.Outcome.Taken taken) {
            return ChatReply.text("You took " + lead.id() + ": call " + Optional.ofNullable(lead.data().displayName()).orElse("the lead")
                    + " now" + lead.data().get(dev.leadline.core.lead.LeadField.PHONE).map(p -> " on " + p).orElse("") + ".");
        }
        return ChatReply.refused(capitalised(((dev.leadline.core.booking.Handoffs.Outcome.Refused) outcome).why()) + ".");
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private ChatReply draft(ChatCommand.Draft command, ActingRep by) {
        Lead lead = lookups.lead(command.lead());
        dev.leadline.core.nurture.NurtureDrafts.Decision decision = switch (command.decision()) {
            case "send" -> work.drafts().send(lead.id(), by);
            case "edit" -> work.drafts().edit(lead.id(), command.subject(), command.body(), by);
            default -> work.drafts().skip(lead.id(), by);
        };
        return decision instanceof dev.leadline.core.nurture.NurtureDrafts.Decision.Done done ? ChatReply.text(done.summary() + ".")
                : ChatReply.refused(((dev.leadline.core.nurture.NurtureDrafts.Decision.Refused) decision).why() + ".");
    }

    private ChatReply nurture(ChatCommand.Nurture command, ActingRep by) {
        Lead lead = lookups.lead(command.lead());
        if (command.cadence() == null) {
            return work.nurture().of(lead.id()).map(in -> {
                work.nurture().stop(lead.id(), by.actor());
                return ChatReply.text(lead.id() + " left cadence " + in.cadence() + ".");
            }).orElseGet(() -> ChatReply.refused(lead.id() + " is in no cadence."));
        }
        dev.leadline.core.nurture.NurtureService.Enrolment enrolment = work.nurture().enrol(lead.id(), command.cadence(), by.actor());
        if (enrolment instanceof dev.leadline.core.nurture.NurtureService.Enrolment.AlreadyIn in) {
            return ChatReply.refused(Rich.of(lead.id() + " is in cadence " + in.nurture().cadence() + " already; ").code("nurture stop " + lead.id())
                    .text(" takes it out."));
        }
        if (enrolment instanceof dev.leadline.core.nurture.NurtureService.Enrolment.Closed closed) {
            return ChatReply.refused(lead.id() + " is " + closed.status().inWords() + ": it is not nurtured.");
        }
        return ChatReply.text(lead.id() + " is in cadence " + command.cadence() + " now; its first step runs shortly.");
    }

    private ChatReply why(Lead lead) {
        return work.routing().latest(lead.id())
                .map(d -> ChatReply.text(WhyText.of(lead.id().toString(), d.explanation())))
                .orElseGet(() -> ChatReply.text(lead.id() + " has not been routed" + (lead.ownerRepId() != null || lead.queueId() != null
                        ? "; it was claimed or assigned by hand (see its timeline)." : ": no routing rules applied when it arrived, or it is still waiting.")));
    }

    private ChatReply show(Lead lead) {
        return new ChatReply(lead.id() + ": " + lead.status().label(), List.of(lookups.card(lead, null)));
    }

    /** Reads the words of a {@code disqualify} or {@code schedule} typed in chat, with the rep's context, into the command. */
    private ChatReply said(ChatCommand.Said said, ActingRep by) {
        Rep rep = by.rep();
        if (said.verb() == ChatCommand.Said.Verb.DISQUALIFY) {
            String text = said.words();
            Optional<String> reason = work.qualification().disqualifyReasons().stream()
                    .filter(r -> text.toLowerCase(Locale.ROOT).startsWith(r.toLowerCase(Locale.ROOT)))
                    .max((a, b) -> Integer.compare(a.length(), b.length()));
            if (reason.isEmpty()) {
                return refusedReason();
            }
            String note = text.substring(reason.get().length()).replaceFirst("^\\s*[-:–]?\\s*", "");
            return disqualify(new ChatCommand.Disqualify(said.lead(), reason.get(), blankToNull(note)), by);
        }
        Instant now = clock.instant();
        String[] words = said.words().split(" ");
        for (int take = Math.min(3, words.length); take >= 1; take--) {
            String when = String.join(" ", java.util.Arrays.copyOfRange(words, 0, take));
            Optional<Instant> at = When.read(when, rep.timeZone(), now);
            if (at.isPresent() && (take == words.length || !words[take].matches("(?i)\\d{1,2}(:\\d{2})?(am|pm)|\\d{1,2}:\\d{2}.*"))) {
                // a time-like word after the words read ("tomorrow 25:00") is a time that could not be read, not a title
                When.require(when, rep.timeZone(), now);
                int next = take;
                int minutes = 30;
                if (next < words.length && words[next].matches("\\d{1,3}")) {
                    minutes = Integer.parseInt(words[next++]);
                }
                String title = String.join(" ", java.util.Arrays.copyOfRange(words, next, words.length)).strip();
                return schedule(new ChatCommand.Schedule(said.lead(), at.get(), Duration.ofMinutes(minutes), blankToNull(title)), by);
            }
        }
        return ChatReply.refused(Rich.of("I could not read a time in ").code(said.words()).text("; try " + When.EXAMPLES + "."));
    }

    private ChatReply disqualify(ChatCommand.Disqualify d, ActingRep by) {
        Optional<String> reason = work.qualification().disqualifyReasons().stream().filter(r -> r.equalsIgnoreCase(String.valueOf(d.reason())))
                .findFirst();
        if (reason.isEmpty()) {
            return refusedReason();
        }
        return outcome("Disqualified", work.qualification().disqualify(lead(d.lead()), by, reason.get(), blankToNull(d.note())));
    }

    private ChatReply refusedReason() {
        return ChatReply.refused("Give one of these reasons first: " + String.join(", ", work.qualification().disqualifyReasons())
                + ". Anything after it is kept as a note.");
    }

    private ChatReply schedule(ChatCommand.Schedule s, ActingRep by) {
        Rep rep = by.rep();
        if (s.duration().toMinutes() < 5) {
            return ChatReply.refused("Give the length in minutes, 5 or more.");
        }
        if (!s.at().isAfter(clock.instant())) {
            return ChatReply.refused(WHEN.format(s.at().atZone(rep.timeZone())) + " (" + rep.timeZone().getId()
                    + ") is in the past; pick a time from now on.");
        }
        ScheduleOutcome<Meeting> booked = work.scheduling().book(lead(s.lead()), by, s.at(), s.duration(), s.title(), List.of());
        if (booked instanceof ScheduleOutcome.Refused<Meeting> refused) {
            return outcome("", refused.reason());
        }
        Meeting meeting = ((ScheduleOutcome.Done<Meeting>) booked).value();
        return ChatReply.text("Booked " + WHEN.format(meeting.startsAt().atZone(rep.timeZone())) + " (" + rep.timeZone().getId()
                + ", " + s.duration().toMinutes() + " min) for " + s.lead() + ".");
    }

    private ChatReply convert(ChatCommand.Convert c, ActingRep by) {
        Optional<ConvertRequest.OpportunitySpec> opportunity = c.opportunity()
                .map(name -> new ConvertRequest.OpportunitySpec(name, null, null, null));
        return converted(work.conversion().convert(lead(c.lead()), by, new ConvertRequest(Optional.empty(), c.account(), opportunity)));
    }

    private ChatReply converted(ConversionOutcome outcome) {
        if (outcome instanceof ConversionOutcome.Converted c) {
            return ChatReply.text("Converted " + c.lead().id() + " into " + c.account().name() + (c.accountCreated() ? " (new account)" : "")
                    + (c.opportunity() == null ? "" : " with opportunity " + c.opportunity().name()) + ".");
        } else if (outcome instanceof ConversionOutcome.Unconverted u) {
            return ChatReply.text("Unconverted " + u.lead().id() + "; removed " + String.join(", ", u.removed())
                    + (u.kept().isEmpty() ? "" : "; kept " + String.join(", ", u.kept()) + " (changed since)") + ".");
        }
        return outcome("", ((ConversionOutcome.Refused) outcome).reason());
    }

    private ChatReply merged(MergeOutcome outcome) {
        if (outcome instanceof MergeOutcome.Merged m) {
            return new ChatReply(Rich.of("Merged " + m.merged().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "))
                    + " into " + m.survivor().id() + " (" + m.moved() + " timeline entries, meetings, tasks and cards moved; ")
                    .code("unmerge " + m.survivor().id()).text(" undoes it)."), List.of(lookups.card(m.survivor(), null)));
        } else if (outcome instanceof MergeOutcome.Unmerged u) {
            return ChatReply.text("Undid the merge into " + u.survivor().id() + ": " + u.restored().stream().map(l -> l.id().toString())
                    .collect(java.util.stream.Collectors.joining(", ")) + " are back" + (u.kept().isEmpty() ? "" : "; kept " + String.join(", ", u.kept()))
                    + ".");
        }
        return outcome("", ((MergeOutcome.Refused) outcome).reason());
    }

    private ChatReply assign(ChatCommand.Assign a, ActingRep manager) {
        String target = a.target().strip();
        Optional<Rep> rep = work.team().repByEmail(target);
        if (rep.isPresent()) {
            return outcome("Assigned", work.claims().assign(lead(a.lead()), manager, rep.get(), a.reason()));
        }
        Optional<LeadQueue> queue = work.team().queueByName(target);
        if (queue.isPresent()) {
            return outcome("Handed to " + queue.get().name() + ":", work.routing().assignToQueue(lead(a.lead()), manager, queue.get(), a.reason()));
        }
        return ChatReply.refused("No rep with email or queue named '" + target + "'.");
    }

    private dev.leadline.core.lead.LeadId lead(String reference) {
        return lookups.lead(reference).id();
    }

    private ChatReply outcome(String done, LeadOutcome outcome) {
        if (outcome instanceof LeadOutcome.Done d) {
            return new ChatReply(done + " " + d.lead().id() + ".", List.of(lookups.card(d.lead(), null)));
        } else if (outcome instanceof LeadOutcome.AlreadyClaimed a) {
            return ChatReply.refused("Too late: " + a.ownerName() + " claimed " + a.lead().id() + " " + ago(a.claimedAt()) + ".");
        } else if (outcome instanceof LeadOutcome.NotAllowed n) {
            return ChatReply.forbidden("Not allowed: " + n.reason());
        }
        return ChatReply.refused(((LeadOutcome.WrongState) outcome).reason());
    }

    private String ago(Instant at) {
        Duration d = Duration.between(at, clock.instant());
        return d.toMinutes() < 1 ? "just now" : d.toHours() < 1 ? d.toMinutes() + " m ago" : d.toHours() + " h ago";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
