package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.chat.ChatCommand;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.chat.FormAnswer;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.team.Rep;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lead's page and its actions: exactly those its chat card offers the rep (and Assign to a manager),
 * each drawn from core's form and run by the chat desk, as a press or a form in Slack, Teams or
 * Mattermost is. What may be done, and what a value must be, is core's answer, never this class's.
 */
public final class LeadPages {
    /** What a redirect back to the lead says was done, besides the card's actions. */
    private static final Map<String, String> DONE = Map.of(
            "unconvert", "Unconverted: the lead is open again.",
            "files-attached", "Attached: the files are listed under Files.",
            "files-already-attached", "Already attached: the lead holds the same content, so nothing new was stored.",
            "file-removed", "Removed: the file is gone from the lead.");
    private final WorkPages work;
    private final ChatDesk desk;
    private final LeadService leads;
    private final LeadDetails details;

    public LeadPages(WorkPages work, ChatDesk desk, LeadService leads, LeadDetails details) {
        this.work = work;
        this.desk = desk;
        this.leads = leads;
        this.details = details;
    }

    public void lead(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        Optional<String> wire = Optional.ofNullable(ctx.queryParam("done"));
        String done = wire.map(DONE::get).or(() -> wire.flatMap(LeadAction::ofWire).map(a -> a.label() + ": done.")).orElse("");
        render(ctx, 200, me, page(LeadId.parse(ctx.pathParam("id")), me.rep(), done, false, Failed.NONE));
    }

    /** The lead again, with what became of a form of its page's other sections (Files): {@code refused} shows it as an alert. */
    void show(Context ctx, int status, LeadId id, String message, boolean refused) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        render(ctx, status, me, page(id, me.rep(), message, refused, Failed.NONE));
    }

    /**
     * Runs the action as the session's rep. Done: the lead again (after a redirect without htmx); refused:
     * the lead with the reason, {@code 403} when the rep may not, {@code 422} for values that do not fit
     * (each shown at its input), else {@code 409}.
     */
    public void act(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = LeadId.parse(ctx.pathParam("id"));
        LeadAction action = LeadAction.ofWire(ctx.pathParam("action")).orElseThrow(() -> new NotFoundException("action", ctx.pathParam("action")));
        Map<String, String> values = values(ctx);
        FormAnswer answer = desk.act(action, id.toString(), values, me.acting());
        if (!answer.reply().refused() && !ConsoleGate.htmx(ctx)) {
            ctx.redirect("/console/leads/" + id + "?done=" + action.wire(), HttpStatus.SEE_OTHER);
        } else if (!answer.reply().refused()) {
            render(ctx, 200, me, page(id, me.rep(), answer.reply().text(), false, Failed.NONE));
        } else {
            int status = answer.forbidden() ? 403 : answer.problems().isEmpty() ? 409 : 422;
            render(ctx, status, me, page(id, me.rep(), answer.said(), true, new Failed(action, values, answer.problems())));
        }
    }

    /**
     * Undoes the lead's conversion as {@code unconvert L-42} does in chat: core says whether the rep may
     * and what it removed or kept ({@code 403} or {@code 409} with the reason when refused).
     */
    public void unconvert(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = LeadId.parse(ctx.pathParam("id"));
        ChatReply reply = desk.run(new ChatCommand.Unconvert(id.toString()), me.acting());
        if (!reply.refused() && !ConsoleGate.htmx(ctx)) {
            ctx.redirect("/console/leads/" + id + "?done=unconvert", HttpStatus.SEE_OTHER);
            return;
        }
        render(ctx, !reply.refused() ? 200 : reply.forbidden() ? 403 : 409, me, page(id, me.rep(), reply.text(), reply.refused(), Failed.NONE));
    }

    /** An action whose values came back with problems: its form is drawn again with them. */
    private record Failed(LeadAction action, Map<String, String> values, Map<String, String> problems) {
        static final Failed NONE = new Failed(null, Map.of(), Map.of());
    }

    private Views.LeadPage page(LeadId id, Rep viewer, String message, boolean refused, Failed failed) {
        String lead = id.toString();
        List<Views.Action> actions = desk.actions(lead, viewer).stream().map(a -> !a.hasForm() ? ActionForms.button(a, lead)
                : a == failed.action() ? ActionForms.form(desk.form(a, lead, viewer.timeZone()), failed.values(), failed.problems())
                : ActionForms.form(desk.form(a, lead, viewer.timeZone()), Map.of(), Map.of())).toList();
        return work.lead(id, viewer, actions, message, refused);
    }

    /** htmx swaps the lead's panel; without it, the whole page with its enrichment, routing and look-alikes. */
    private void render(Context ctx, int status, ConsoleAccess.Active me, Views.LeadPage lead) {
        if (ConsoleGate.htmx(ctx)) {
            ctx.status(status).render("leadpanel.jte", Map.of("me", ConsolePages.me(me), "lead", lead));
        } else {
            ctx.status(status).render("lead.jte", Map.of("me", ConsolePages.me(me), "lead", lead,
                    "more", details.of(leads.get(LeadId.parse(lead.id())), me.rep())));
        }
    }

    private static Map<String, String> values(Context ctx) {
        Map<String, String> values = new HashMap<>();
        ctx.formParamMap().forEach((name, sent) -> {
            if (!name.equals(ConsoleGate.CSRF_FIELD) && !sent.isEmpty()) {
                values.put(name, sent.get(0));
            }
        });
        return values;
    }
}
