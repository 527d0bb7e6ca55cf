package dev.leadline.server.booking;

import dev.leadline.core.booking.ExternalCalendars;
import dev.leadline.core.booking.Interval;
import dev.leadline.core.booking.RepCalendar;
import dev.leadline.core.booking.RepCalendars;
import dev.leadline.core.team.Rep;
import dev.leadline.server.config.CalendarSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reps' busy times, read from their calendars in the background (every {@link CalendarSettings#refresh()},
 * and at once when a calendar changes on this node) for the day behind and the days ahead, kept in memory.
 * A failed read keeps the last good busy times; asking never waits on the network. Until {@link #start}
 * (a command line tool never starts it) nothing is read and nothing is known.
 */
public final class CalendarCache implements ExternalCalendars, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CalendarCache.class);
    private final RepCalendars store;
    private final LongFunction<Optional<Rep>> reps;
    private final CalendarReader reader;
    private final Clock clock;
    private final Map<Long, Known> known = new ConcurrentHashMap<>();
    private final Set<Long> reading = ConcurrentHashMap.newKeySet();
    private final Set<Long> readAgain = ConcurrentHashMap.newKeySet();
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService readers;
    private volatile CalendarSettings settings = CalendarSettings.DEFAULTS;

    /** The busy times read from a calendar as it was changed at {@code changedAt}. */
    private record Known(Instant changedAt, List<Interval> busy) {}

    CalendarCache(RepCalendars store, LongFunction<Optional<Rep>> reps, CalendarReader reader, Clock clock) {
        this.store = store;
        this.reps = reps;
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public Map<Long, List<Interval>> busy(Collection<Long> repIds, Instant from, Instant to) {
        Map<Long, List<Interval>> busy = new LinkedHashMap<>();
        for (Long repId : repIds) {
            Known k = known.get(repId);
            if (k != null) {
                busy.put(repId, k.busy().stream().filter(i -> i.overlaps(from, to)).toList());
            }
        }
        return busy;
    }

    /** Starts reading every calendar now and then every {@code settings.refresh()}. */
    public synchronized void start(CalendarSettings settings) {
        if (readers != null) {
            return;
        }
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        readers = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "calendar-read-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        readers.scheduleWithFixedDelay(this::readAll, 0, settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A rep's calendar was set, changed or removed: read it (or forget it) at once. */
    void changed(long repId) {
        ScheduledExecutorService running = readers;
        if (running != null) {
            running.execute(() -> readOne(repId));
        }
    }

    private void readAll() {
        try {
            List<RepCalendar> calendars = store.all();
            known.keySet().retainAll(calendars.stream().map(RepCalendar::repId).toList());
            // a calendar whose last round's read still waits for a reader is not queued twice
            calendars.stream().filter(calendar -> queued.add(calendar.repId())).forEach(calendar -> readers.execute(() -> {
                queued.remove(calendar.repId());
                read(calendar);
            }));
        } catch (RuntimeException e) {
            log.warn("cannot list the reps' calendars to read them ({}); trying again in {}", e.toString(), settings.refresh());
        }
    }

    private void readOne(long repId) {
        store.find(repId).ifPresentOrElse(this::read, () -> known.remove(repId));
    }

    private void read(RepCalendar calendar) {
        long repId = calendar.repId();
        if (!reading.add(repId)) {
            readAgain.add(repId);
            return;
        }
        try {
            Optional<Rep> rep = reps.apply(repId);
            if (rep.isPresent()) {
                read(calendar, rep.get());
            }
        } finally {
            reading.remove(repId);
        }
        if (readAgain.remove(repId)) {
            readOne(repId);
        }
    }

    private void read(RepCalendar calendar, Rep rep) {
        Instant now = clock.instant();
        ZoneId zone = rep.timeZone();
        String host = calendar.source().url().getHost();
        try {
            List<Interval> busy = reader.busy(calendar.source(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(settings.days())), zone);
            known.put(rep.id(), new Known(calendar.changedAt(), busy));
            store.readWell(rep.id(), calendar.changedAt(), clock.instant(), busy.size());
            log.debug("calendar of {} ({} at {}): {} busy times", rep.email(), calendar.source().kind(), host, busy.size());
        } catch (CalendarReadException e) {
            if (failed(calendar, rep, e.getMessage())) {
                log.warn("calendar of {} ({} at {}) not read, keeping the last busy times read: {}", rep.email(), calendar.source().kind(),
                        host, e.getMessage());
            }
        } catch (RuntimeException e) {
            if (failed(calendar, rep, "reading the calendar at " + host + " failed unexpectedly")) {
                log.warn("calendar of {} ({} at {}) not read, keeping the last busy times read", rep.email(), calendar.source().kind(), host, e);
            }
        }
    }

    /** Records the failure, unless the read was cut short by stopping; false then. */
    private boolean failed(RepCalendar calendar, Rep rep, String error) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        // the last good busy times stand, unless they were read from the calendar this one replaced
        known.computeIfPresent(rep.id(), (id, k) -> k.changedAt().equals(calendar.changedAt()) ? k : null);
        try {
            store.readFailed(rep.id(), calendar.changedAt(), clock.instant(), error);
        } catch (RuntimeException e) {
            log.warn("cannot record that the calendar of {} was not read ({})", rep.email(), e.toString());
        }
        return true;
    }

    @Override
    public synchronized void close() {
        if (readers != null) {
            readers.shutdownNow();
            try {
                readers.awaitTermination(CalendarHttp.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
