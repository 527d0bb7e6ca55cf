package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Team page (managers and admins): reps and queues with routing's own verdict on who could take a
 * lead now, and a rep's availability changed through the same core service as the API's.
 */
public final class TeamPages {
    private final TeamService team;
    private final RoutingService routing;

    public TeamPages(TeamService team, RoutingService routing) {
        this.team = team;
        this.routing = routing;
    }

    public void team(Context ctx) {
        ConsoleAccess.Active me = manager(ctx);
        String done = Optional.ofNullable(ctx.queryParam("done")).flatMap(team::repByEmail).map(TeamPages::saved).orElse("");
        render(ctx, 200, me, page(done, false, Optional.empty()));
    }

    /** Paused, and out of office from one day until the day the rep is back (dates in the rep's time zone); 422 names the input. */
    public void availability(Context ctx) {
        ConsoleAccess.Active me = manager(ctx);
        Rep rep = team.repByEmail(ctx.pathParam("rep")).orElseThrow(() -> new NotFoundException("rep", ctx.pathParam("rep")));
        Optional<String> refusal = Permissions.maySetAvailability(me.rep(), rep);
        if (refusal.isPresent()) {
            render(ctx, 403, me, page("Not allowed: " + refusal.get(), true, Optional.empty()));
            return;
        }
        boolean paused = "true".equals(ctx.formParam("paused"));
        String from = Optional.ofNullable(ctx.formParam("from")).orElse("").strip();
        String until = Optional.ofNullable(ctx.formParam("until")).orElse("").strip();
        Map<String, String> problems = new LinkedHashMap<>();
        Instant fromAt = day(from, "from", rep, problems);
        Instant untilAt = day(until, "until", rep, problems);
        if (problems.isEmpty()) {
            try {
                rep = team.setAvailability(rep, paused, fromAt, untilAt, me.acting().actor());
            } catch (ValidationException e) {
                e.errors().forEach(error -> problems.put(error.field().replace("outOfOffice.", ""), "Out of office: " + error.field()
                        .replace("outOfOffice.", "") + " " + error.message() + "."));
            }
        }
        if (!problems.isEmpty()) {
            TeamViews.Failed failed = new TeamViews.Failed(rep.email(), paused, from, until, problems);
            render(ctx, 422, me, page("Not saved: " + String.join(" ", problems.values()), true, Optional.of(failed)));
        } else if (ConsoleGate.htmx(ctx)) {
            render(ctx, 200, me, page(saved(rep), false, Optional.empty()));
        } else {
            ctx.redirect("/console/team?done=" + rep.email(), HttpStatus.SEE_OTHER);
        }
    }

    /** The Team page again with why a change was not saved ({@code 422}), for a form posted without htmx. */
    void notSaved(Context ctx, ConsoleAccess.Active me, String message) {
        render(ctx, 422, me, page(message, true, Optional.empty()));
    }

    private static Instant day(String text, String input, Rep rep, Map<String, String> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text).atStartOfDay(rep.timeZone()).toInstant();
        } catch (DateTimeParseException e) {
            problems.put(input, "'" + text + "' is not a date; write it as 2025-06-30.");
            return null;
        }
    }

    private static String saved(Rep rep) {
        return "Saved " + rep.name() + "'s availability" + (rep.paused() ? ": paused." : ".");
    }

    private TeamViews.TeamPage page(String message, boolean refused, Optional<TeamViews.Failed> failed) {
        return TeamViews.page(team.reps(), team.queues(), routing.availableNow(), message, refused, failed);
    }

    /** The page is for managers and admins, as the API's team changes are; a rep gets 403. */
    static ConsoleAccess.Active manager(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        if (!Permissions.isManager(me.rep())) {
            throw new ConsoleRefusal(403, "Not allowed: the Team page is for managers and admins.");
        }
        return me;
    }

    /** htmx swaps the team panel; without it, the whole page. */
    private static void render(Context ctx, int status, ConsoleAccess.Active me, TeamViews.TeamPage page) {
        ctx.status(status).render(ConsoleGate.htmx(ctx) ? "teampanel.jte" : "team.jte", Map.of("me", ConsolePages.me(me), "team", page));
    }
}
