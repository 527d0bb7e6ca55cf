package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.booking.CalendarSource;
import dev.leadline.core.booking.CalendarStatus;
import dev.leadline.core.booking.RepCalendar;
import dev.leadline.core.booking.RepCalendarService;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Text;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rep's own calendar, which booking keeps slots clear of ({@code /reps/{rep}/calendar}): set, shown
 * (the password never, an ICS address only by its host) and removed, by ADMIN tokens.
 */
final class CalendarController {
    private final ObjectMapper json;
    private final RepCalendarService calendars;
    private final TeamService team;

    CalendarController(ObjectMapper json, RepCalendarService calendars, TeamService team) {
        this.json = json;
        this.calendars = calendars;
        this.team = team;
    }

    /** Body for {@code PUT /reps/{rep}/calendar}: {@code caldav} with {@code user} and {@code password}, or {@code ics}. */
    record Body(String caldav, String user, String password, String ics) {}

    void get(Context ctx) {
        Authenticator.requireAdmin(ctx);
        Rep rep = rep(ctx);
        ctx.json(view(rep, calendars.of(rep).orElseThrow(() -> new NotFoundException("calendar of rep", rep.email()))));
    }

    void put(Context ctx) throws Exception {
        Authenticator.requireAdmin(ctx);
        Rep rep = rep(ctx);
        Body body = json.readValue(ctx.bodyAsBytes(), Body.class);
        if (body == null) {
            throw new ValidationException("calendar", "send {\"caldav\": url, \"user\": ..., \"password\": ...} or {\"ics\": url}");
        }
        CalendarSource source = CalendarSource.of(body.caldav(), body.user(), body.password(), body.ics(), "");
        ctx.json(view(rep, calendars.set(rep, source, Authenticator.caller(ctx).actor())));
    }

    void delete(Context ctx) {
        Authenticator.requireAdmin(ctx);
        Rep rep = rep(ctx);
        if (!calendars.remove(rep, Authenticator.caller(ctx).actor())) {
            throw new NotFoundException("calendar of rep", rep.email());
        }
        ctx.status(204);
    }

    private Rep rep(Context ctx) {
        String value = Text.nfc(ctx.pathParam("rep").strip());
        return (Ids.looksNumeric(value) ? team.rep(Ids.parse("rep", value)) : team.repByEmail(value))
                .orElseThrow(() -> new NotFoundException("rep", value));
    }

    private static Map<String, Object> view(Rep rep, RepCalendar calendar) {
        CalendarStatus status = calendar.status();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rep", Map.of("id", rep.id(), "email", rep.email()));
        view.put("kind", calendar.source().kind());
        view.put("url", calendar.source().shownUrl());
        if (calendar.source() instanceof CalendarSource.CalDav calDav) {
            view.put("user", calDav.user());
        }
        view.put("changedAt", calendar.changedAt().toString());
        view.put("lastRead", text(status.readAt()));
        view.put("busy", status.busyCount());
        view.put("lastError", status.error());
        view.put("lastErrorAt", text(status.errorAt()));
        return view;
    }

    private static String text(Instant instant) {
        return Objects.toString(instant, null);
    }
}
