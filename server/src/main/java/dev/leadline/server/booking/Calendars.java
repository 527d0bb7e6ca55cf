package dev.leadline.server.booking;

import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.booking.ExternalCalendars;
import dev.leadline.core.booking.RepCalendarService;
import dev.leadline.core.booking.RepCalendars;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.config.CalendarSettings;
import java.time.Clock;

/**
 * Reps' external calendars, wired: their settings ({@link #settings()}, for the API and leadline.yml) and
 * the busy times read from them ({@link #busy()}, for booking). Reading starts with {@link #start}.
 */
public final class Calendars implements AutoCloseable {
    private final RepCalendarService settings;
    private final CalendarCache cache;

    private Calendars(RepCalendarService settings, CalendarCache cache) {
        this.settings = settings;
        this.cache = cache;
    }

    public static Calendars wire(RepCalendars store, Transactor transactor, AuditLog audit, TeamService team, Clock clock) {
        CalendarCache cache = new CalendarCache(store, team::rep, new CalendarReader(new CalendarHttp()), clock);
        return new Calendars(new RepCalendarService(transactor, store, audit, clock, cache::changed), cache);
    }

    public RepCalendarService settings() {
        return settings;
    }

    /** The reps' busy times, answered from memory. */
    public ExternalCalendars busy() {
        return cache;
    }

    /** Reads every calendar now and then every {@code settings.refresh()}, in the background. */
    public void start(CalendarSettings settings) {
        cache.start(settings);
    }

    @Override
    public void close() {
        cache.close();
    }
}
