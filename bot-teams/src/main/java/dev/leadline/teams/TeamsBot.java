package dev.leadline.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.chat.ChatCommand;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatPlace;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.chat.FormAnswer;
import dev.leadline.core.chat.FormSpec;
import dev.leadline.core.chat.SeenRequests;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.team.Rep;
import dev.leadline.teams.TeamsTransport.Incoming;
import dev.leadline.teams.TeamsTransport.InvokeAnswer;
import dev.leadline.teams.TeamsTransport.Message;
import dev.leadline.teams.TeamsTransport.Turn;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead desk in Teams. Text in a personal chat, group chat or channel is read with the same
 * grammar as Slack's commands (mention stripped, leading slash optional); {@code home} shows the
 * rep's counts. Card buttons arrive as {@code Action.Execute} invokes and are answered with the
 * lead's card as it now is, with the outcome on it, which Teams puts in place of the card clicked;
 * the outbox then edits the shared copy for everyone else.
 */
public final class TeamsBot implements TeamsTransport.TurnHandler {
    private static final Logger log = LoggerFactory.getLogger(TeamsBot.class);
    static final String STRANGER = "Hello! I don't know you yet: your Microsoft 365 email is not on the Leadline team. Ask your "
            + "Leadline admin to add you (reps in leadline.yml), then try again.";
    private static final String SORRY = "Sorry, something went wrong on the Leadline server. Check the lead with `lead <id>` and try "
            + "again in a minute.";

    static final String NO_LEAD = "This button does not say which lead it is for, so nothing was done. Open the lead with "
            + "`lead <id>` and use the buttons on that card.";
    /** Teams reports one install twice (installationUpdate and conversationUpdate): the welcome goes once within this time. */
    private static final Duration WELCOME_ONCE_WITHIN = Duration.ofHours(1);

    private final ChatDesk desk;
    private final TeamsPeople people;
    private final AdaptiveCards cards;
    private final SeenRequests seen;
    private final Clock clock;
    private final dev.leadline.core.chat.ChatFiles files;

    public TeamsBot(ChatDesk desk, dev.leadline.core.chat.ChatFiles files, TeamsPeople people, AdaptiveCards cards, SeenRequests seen,
                    Clock clock) {
        this.desk = desk;
        this.files = files;
        this.people = people;
        this.cards = cards;
        this.seen = seen;
        this.clock = clock;
    }

    /** The reasons the disqualify form offers. */
    FormSpec form(LeadAction action, String lead, java.time.ZoneId zone) {
        return desk.form(action, lead, zone);
    }

    @Override
    public InvokeAnswer onTurn(Incoming incoming, Turn turn) {
        people.seen(incoming);
        switch (incoming.kind()) {
            case INSTALLED:
                if (incoming.personal()
                        && seen.firstTime("teams-welcome:" + incoming.conversation().conversationId(), clock.instant(), WELCOME_ONCE_WITHIN)) {
                    turn.reply(Message.text("Hi, I'm Leadline. I announce new leads and you work them here. Try `home`, `leads`, "
                            + "`leads overdue` or `help`."));
                }
                return null;
            case MESSAGE:
                if (!incoming.addressed() && (incoming.files().isEmpty() || room(incoming).isEmpty())) {
                    safely(() -> asRep(incoming, turn, rep -> desk.heard(place(incoming), rep, incoming.text())), said -> false);
                    return null; // heard in a channel, not said to the bot: logged when the channel is a room that logs, never answered
                }
                turn.reply(safely(() -> asRep(incoming, turn, rep -> incoming.files().isEmpty() ? message(incoming, rep)
                        : attach(incoming, rep, turn)), Message::text));
                return null;
            case CARD_ACTION:
                return safely(() -> asRep(incoming, turn, rep -> action(incoming, rep, turn)), InvokeAnswer::message);
            default:
                return null;
        }
    }

    private Message message(Incoming incoming, Rep rep) {
        String command = incoming.text() == null ? "" : incoming.text().strip();
        if (command.isEmpty() || command.equalsIgnoreCase("home") || command.equalsIgnoreCase("my leads")) {
            return home(rep);
        }
        ChatReply reply = desk.handle(command, rep, place(incoming));
        if (reply.personal() && !incoming.personal()) {
            // a reply here is read by everyone in the conversation: a sign-in link goes only to the rep's own chat
            return Message.text("I send that only in our one-to-one chat: open a chat with Leadline and send it there.");
        }
        return render(reply, rep);
    }

    /**
     * Files shared in a lead's room, or sent with a message naming the lead ("L-42", or "attach to L-42"):
     * attached to it as the rep.
     */
    private Message attach(Incoming incoming, Rep rep, Turn turn) {
        java.util.regex.Matcher named = LEAD_ID.matcher(incoming.text() == null ? "" : incoming.text());
        Optional<dev.leadline.core.lead.LeadId> room = room(incoming);
        if (room.isEmpty() && !named.find()) {
            return Message.text("Which lead are these for? Send the file again with the lead's id in the message, e.g. `L-42`.");
        }
        dev.leadline.core.lead.LeadId lead = room.orElseGet(() -> dev.leadline.core.lead.LeadId.parse(named.group()));
        return Message.text(files.attach(lead, rep, incoming.files().stream()
                .map(f -> new dev.leadline.core.chat.ChatFiles.Shared(f.name(), 0, () -> turn.download(f))).toList()).text());
    }

    /** The lead whose room the conversation is (a thread the bot started for it). */
    private Optional<dev.leadline.core.lead.LeadId> room(Incoming incoming) {
        return incoming.personal() ? Optional.empty() : files.leadAt(TeamsPeople.PLATFORM, incoming.conversation().conversationId(), null);
    }

    /** Where a command was typed or a button pressed: a room's thread, a channel, a chat. */
    private static ChatPlace place(Incoming incoming) {
        return new ChatPlace(TeamsPeople.PLATFORM, incoming.conversation().conversationId());
    }

    private static final java.util.regex.Pattern LEAD_ID = java.util.regex.Pattern.compile("(?i)\\bL-\\d+\\b");

    private Message home(Rep rep) {
        ChatReply home = desk.home(rep);
        ObjectNode counts = AdaptiveCards.text("Your leads, " + rep.name(), TeamsText.card(home.message()));
        List<ObjectNode> all = new java.util.ArrayList<>(List.of(counts));
        home.cards().forEach(c -> all.add(cards.render(c, rep.timeZone())));
        return new Message("Your leads, " + rep.name(), all);
    }

    private InvokeAnswer action(Incoming incoming, Rep rep, Turn turn) {
        String verb = incoming.verb();
        if ("view".equals(verb)) {
            String view = incoming.data().getOrDefault("view", "mine");
            turn.reply(render(desk.handle("leads " + view, rep), rep));
            return InvokeAnswer.message("Your " + view + " leads are below.");
        }
        if ("more".equals(verb)) {
            String view = incoming.data().getOrDefault("view", "mine");
            turn.reply(render(desk.run(new ChatCommand.ListLeads(view, incoming.data().get("after")), rep), rep));
            return InvokeAnswer.message("More of your " + view + " leads are below.");
        }
        String lead = incoming.data().get("lead");
        if (lead == null || lead.isBlank()) {
            return InvokeAnswer.message(NO_LEAD);
        }
        if ("refresh".equals(verb)) {
            return InvokeAnswer.card(cards.render(desk.card(lead, rep), rep.timeZone()));
        }
        Optional<LeadAction> action = LeadAction.ofWire(verb);
        if (action.isEmpty()) {
            return InvokeAnswer.card(cards.render(desk.card(lead, rep), rep.timeZone(),
                    "This button (" + verb + ") is not one I know; the card may be from an older version.", true, List.of()));
        }
        FormAnswer answer = desk.act(action.get(), lead, incoming.data(), rep, place(incoming));
        Card now = answer.reply().cards().isEmpty() ? desk.card(lead, rep) : answer.reply().cards().get(0);
        String said = answer.done() ? TeamsText.card(answer.reply().message()) : TeamsText.escape(answer.said(), true);
        return InvokeAnswer.card(cards.render(now, rep.timeZone(), said, !answer.done() || answer.reply().refused(), List.of()));
    }

    private Message render(ChatReply reply, Rep rep) {
        List<ObjectNode> shown = new java.util.ArrayList<>(reply.cards().stream().map(c -> cards.render(c, rep.timeZone())).toList());
        reply.more().ifPresent(more -> shown.add(AdaptiveCards.more(more.view(), more.after())));
        return new Message(TeamsText.markdown(reply.message()), shown);
    }

    private <T> T asRep(Incoming incoming, Turn turn, Function<Rep, T> work) {
        TeamsPeople.Who who = people.who(incoming, turn);
        if (who.rep().isEmpty()) {
            throw new Stranger(who.whyNot());
        }
        return work.apply(who.rep().get());
    }

    /** The work's answer; a stranger is told how to get access, and a failure (logged) gets an apology. */
    private static <T> T safely(java.util.function.Supplier<T> work, Function<String, T> say) {
        try {
            return work.get();
        } catch (Stranger s) {
            return say.apply(s.getMessage());
        } catch (RuntimeException e) {
            log.error("Teams activity failed", e);
            return say.apply(SORRY);
        }
    }

    /** The sender is not a rep here; the message says why, in words for them. */
    private static final class Stranger extends RuntimeException {
        Stranger(String why) {
            super(why, null, false, false);
        }
    }
}
