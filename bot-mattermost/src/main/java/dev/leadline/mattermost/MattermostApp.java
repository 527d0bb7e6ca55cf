package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.chat.ChatCommand;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mattermost bot: {@code /lead} and {@code /leads} slash commands (checked by their verification
 * token) answered privately with the shared grammar, and card buttons (checked by their signed
 * context) run as the rep who clicked. Cards reach channels and direct messages through the notifier.
 */
public final class MattermostApp {
    private static final Logger log = LoggerFactory.getLogger(MattermostApp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MattermostSettings settings;
    private final MattermostPeople people;
    private final Attachments attachments;
    private final ActionSigner signer;
    private final MattermostNotifier notifier;
    private volatile ChatDesk desk;

    /** An answer to send back to Mattermost. */
    public record Answer(int status, String json) {}

    public MattermostApp(MattermostSettings settings, TeamService team, IdentityConflicts conflicts) {
        this.settings = settings;
        MattermostApi api = new MattermostApi(settings.url(), settings.botToken());
        this.people = new MattermostPeople(team, api, conflicts);
        this.signer = new ActionSigner(settings.botToken());
        this.attachments = new Attachments(settings.callbackUrl() + MattermostSettings.ACTION_PATH, signer);
        this.notifier = new MattermostNotifier(api, people, team, attachments);
    }

    public Notifier notifier() {
        return notifier;
    }

    public static String platform() {
        return MattermostPeople.PLATFORM;
    }

    /** Connects the desk (built after the notifiers, since the services need them). */
    public void serve(ChatDesk desk) {
        this.desk = desk;
    }

    /** {@code POST /mattermost/command}: a slash command, form-encoded. */
    public Answer command(String formBody) {
        Map<String, String> form;
        try {
            form = form(formBody);
        } catch (IllegalArgumentException e) {
            return new Answer(400, "{\"text\":\"not a slash command\"}");
        }
        String token = form.getOrDefault("token", "");
        if (settings.commandTokens().stream().noneMatch(t -> MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)))) {
            return new Answer(401, "{\"text\":\"not a command of this Leadline\"}");
        }
        String command = form.getOrDefault("command", "/lead").replaceFirst("^/", "");
        String text = (command.equals("leads") ? "leads " : "lead ") + form.getOrDefault("text", "");
        MattermostPeople.Who who = people.who(form.get("user_id"));
        ChatReply reply = who.rep().map(rep -> safely(() -> desk.handle(text, rep))).orElseGet(() -> ChatReply.text(who.whyNot()));
        return new Answer(200, attachments.reply(reply).toString());
    }

    /** {@code POST /mattermost/action}: a card button's click, JSON with the context the card was drawn with. */
    public Answer action(String body) {
        JsonNode click;
        try {
            click = JSON.readTree(body);
        } catch (IOException e) {
            return new Answer(400, "{\"ephemeral_text\":\"not a button click\"}");
        }
        JsonNode context = click.path("context");
        String action = context.path("action").asText(null);
        String lead = context.path("lead").asText(null);
        if (!signer.valid(action, lead, context.path("sig").asText(null)) || !Attachments.DIRECT.contains(action)) {
            return new Answer(401, "{\"ephemeral_text\":\"This button was not drawn by this Leadline.\"}");
        }
        MattermostPeople.Who who = people.who(click.path("user_id").asText(null));
        ChatReply reply = who.rep().map(rep -> safely(() -> desk.run(command(action, lead), rep))).orElseGet(() -> ChatReply.text(who.whyNot()));
        return new Answer(200, JSON.createObjectNode().put("ephemeral_text", reply.text()).toString());
    }

    private static ChatCommand command(String action, String lead) {
        return switch (action) {
            case "claim" -> new ChatCommand.Claim(lead);
            case "qualify" -> new ChatCommand.Qualify(lead, null);
            default -> new ChatCommand.Release(lead);
        };
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
