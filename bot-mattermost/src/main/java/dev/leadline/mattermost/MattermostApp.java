package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.chat.ChatCommand;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatFiles;
import dev.leadline.core.chat.ChatPlace;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.chat.FormAnswer;
import dev.leadline.core.chat.FormSpec;
import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.team.Rep;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.rooms.RoomRepository;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mattermost bot: {@code /lead} and {@code /leads} slash commands (checked by their verification
 * token) answered privately with the shared grammar, card buttons (checked by their signed context)
 * run as the rep who clicked, and core's forms shown as interactive dialogs (their state signed too). Cards reach channels and direct messages through the notifier.
 * Posts come from outgoing webhooks (checked by their token): files shared on a lead, a logged room's messages.
 */
public final class MattermostApp {
    private static final Logger log = LoggerFactory.getLogger(MattermostApp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MattermostSettings settings;
    private final MattermostPeople people;
    private final Attachments attachments;
    private final ActionSigner signer;
    private final MattermostNotifier notifier;
    private final MattermostApi api;
    private volatile ChatDesk desk;
    private volatile MattermostPosts posts;
    private final RoomHooks hooks;

    /** An answer to send back to Mattermost. */
    public record Answer(int status, String json) {}

    public MattermostApp(MattermostSettings settings, TeamService team, IdentityConflicts conflicts, RoomRepository rooms, java.time.Clock clock) {
        this.settings = settings;
        this.api = new MattermostApi(settings.url(), settings.botToken());
        this.hooks = new RoomHooks(api, settings.callbackUrl() + MattermostSettings.POSTS_PATH, clock);
        this.people = new MattermostPeople(team, api, conflicts);
        this.signer = new ActionSigner(settings.botToken());
        this.attachments = new Attachments(settings.callbackUrl() + MattermostSettings.ACTION_PATH, signer);
        this.notifier = new MattermostNotifier(api, people, team, attachments, rooms, hooks);
    }

    public Notifier notifier() {
        return notifier;
    }

    public static String platform() {
        return MattermostPeople.PLATFORM;
    }

    /** Connects the desk and the files on leads (built after the notifiers, since the services need them). */
    public void serve(ChatDesk desk, ChatFiles files) {
        this.desk = desk;
        this.posts = new MattermostPosts(api, people, desk, files);
    }

    /** {@code POST /mattermost/command}: a slash command, form-encoded. */
    public Answer command(String formBody) {
        Map<String, String> form;
        try {
            form = form(formBody);
        } catch (IllegalArgumentException e) {
            return new Answer(400, "{\"text\":\"not a slash command\"}");
        }
        if (!settings.isCommandToken(form.get("token"))) {
            return new Answer(401, "{\"text\":\"not a command of this Leadline\"}");
        }
        String command = form.getOrDefault("command", "/lead").replaceFirst("^/", "");
        String text = (command.equals("leads") ? "leads " : "lead ") + form.getOrDefault("text", "");
        MattermostPeople.Who who = people.who(form.get("user_id"));
        ChatPlace place = new ChatPlace(MattermostPeople.PLATFORM, form.get("channel_id"));
        ChatReply reply = who.rep().map(rep -> safely(() -> desk.handle(text, rep, place))).orElseGet(() -> ChatReply.text(who.whyNot()));
        return new Answer(200, attachments.reply(reply).toString());
    }

    /**
     * {@code POST /mattermost/action}: a card button's click, JSON with the context the card was drawn
     * with. A button with a form opens it as a dialog; lists come as an ephemeral post; anything else
     * is answered in the click's ephemeral text.
     */
    public Answer action(String body) {
        JsonNode click = json(body);
        JsonNode context = click == null ? null : click.path("context");
        String action = context == null ? null : context.path("action").asText(null);
        String subject = context == null ? null : context.path("lead").asText(null);
        if (click == null || !signer.valid(action, subject, context.path("sig").asText(null))) {
            return new Answer(401, "{\"ephemeral_text\":\"This button was not drawn by this Leadline.\"}");
        }
        String user = click.path("user_id").asText(null);
        MattermostPeople.Who who = people.who(user);
        if (who.rep().isEmpty()) {
            return said(who.whyNot());
        }
        Rep rep = who.rep().get();
        String channel = click.path("channel_id").asText("");
        Optional<CardAction> pressed = CardAction.ofWire(action);
        if (action.equals(Attachments.MORE) || pressed.filter(a -> a instanceof CardAction.ShowView).isPresent()) {
            String[] more = subject.split("\n", 2);
            ChatCommand list = action.equals(Attachments.MORE) ? new ChatCommand.ListLeads(more[0], more.length > 1 ? more[1] : null)
                    : new ChatCommand.ListLeads(((CardAction.ShowView) pressed.get()).view());
            return ephemeral(user, channel, safely(() -> desk.run(list, rep)));
        }
        Optional<LeadAction> onLead = pressed.filter(a -> a instanceof CardAction.OnLead).map(a -> ((CardAction.OnLead) a).action());
        if (onLead.isEmpty()) {
            return said("This button is not one I know; the card may be from an older version.");
        }
        if (onLead.get().hasForm()) {
            return openDialog(click.path("trigger_id").asText(""), desk.form(onLead.get(), subject, rep.timeZone()));
        }
        ChatPlace place = new ChatPlace(MattermostPeople.PLATFORM, channel);
        return said(MattermostText.markdown(safely(() -> desk.act(onLead.get(), subject, Map.of(), rep, place).reply()).message()));
    }

    /** {@code POST /mattermost/dialog}: a submitted dialog; problems keep it open, shown on their fields. */
    public Answer dialog(String body) {
        JsonNode submitted = json(body);
        if (submitted == null || submitted.path("cancelled").asBoolean(false)) {
            return new Answer(submitted == null ? 400 : 200, "{}");
        }
        String[] state = submitted.path("state").asText("").split("\n", 3);
        Optional<LeadAction> action = state.length == 3 && signer.valid(state[0], state[1], state[2])
                ? LeadAction.ofWire(state[0]).filter(LeadAction::hasForm) : Optional.empty();
        if (action.isEmpty()) {
            return new Answer(401, "{\"error\":\"This form was not opened by this Leadline.\"}");
        }
        String user = submitted.path("user_id").asText(null);
        MattermostPeople.Who who = people.who(user);
        if (who.rep().isEmpty()) {
            return new Answer(200, JSON.createObjectNode().put("error", who.whyNot()).toString());
        }
        FormAnswer answer = desk.act(action.get(), state[1], Dialogs.values(submitted.path("submission")), who.rep().get());
        if (!answer.done()) {
            ObjectNode errors = JSON.createObjectNode();
            errors.putObject("errors").setAll(answer.problems().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (JsonNode) JSON.getNodeFactory().textNode(e.getValue()))));
            return new Answer(200, errors.toString());
        }
        ephemeral(user, submitted.path("channel_id").asText(""), answer.reply());
        return new Answer(200, "{}");
    }

    /**
     * {@code POST /mattermost/posts}: a post an outgoing webhook brings, JSON or form-encoded as the webhook
     * is set up. Nothing is answered in the webhook's reply: the bot answers in the thread itself.
     */
    public Answer posted(String body, String contentType) {
        Map<String, String> post;
        try {
            post = contentType != null && contentType.startsWith("application/json") ? fields(json(body)) : form(body);
        } catch (IllegalArgumentException e) {
            return new Answer(400, "{}");
        }
        // a webhook set up by hand, or the one the bot made with a lead room (Mattermost vouches for its token)
        if (!settings.isWebhookToken(post.get("token")) && !hooks.trusts(post.get("channel_id"), post.get("token"))) {
            return new Answer(401, "{\"text\":\"not a webhook of this Leadline\"}");
        }
        try {
            posts.posted(post);
        } catch (MattermostApi.Failed e) {
            log.warn("Mattermost post {} in {} was not handled: {}", post.get("post_id"), post.get("channel_id"), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Mattermost post {} in {} failed", post.get("post_id"), post.get("channel_id"), e);
        }
        return new Answer(200, "{}");
    }

    private static Map<String, String> fields(JsonNode object) {
        if (object == null) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        object.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        return fields;
    }

    private Answer openDialog(String triggerId, FormSpec spec) {
        String state = spec.action().wire() + "\n" + spec.leadId() + "\n" + signer.sign(spec.action().wire(), spec.leadId());
        try {
            api.openDialog(Dialogs.open(triggerId, settings.callbackUrl() + MattermostSettings.DIALOG_PATH, spec, state));
            return new Answer(200, "{}");
        } catch (MattermostApi.Failed e) {
            log.warn("Mattermost dialog for {} on {} did not open: {}", spec.action().wire(), spec.leadId(), e.getMessage());
            return said("The form did not open (" + e.getMessage() + "); try again, or use /lead " + spec.action().wire() + ".");
        }
    }

    /** The reply as a post only the user sees (a list with cards does not fit in a click's answer). */
    private Answer ephemeral(String user, String channel, ChatReply reply) {
        try {
            api.ephemeralPost(attachments.ephemeral(user, channel, reply));
            return new Answer(200, "{}");
        } catch (MattermostApi.Failed e) {
            log.warn("Mattermost ephemeral post failed: {}", e.getMessage());
            return said(MattermostText.markdown(reply.message()));
        }
    }

    private static Answer said(String text) {
        return new Answer(200, JSON.createObjectNode().put("ephemeral_text", text).toString());
    }

    private static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static ChatReply safely(java.util.function.Supplier<ChatReply> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            log.error("Mattermost request failed", e);
            return ChatReply.text("Sorry, something went wrong on the Leadline server. Try again in a minute.");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : (body == null ? "" : body).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
