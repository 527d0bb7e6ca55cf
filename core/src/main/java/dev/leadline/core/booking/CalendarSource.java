package dev.leadline.core.booking;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a rep's busy times are read: a CalDAV calendar (with the rep's user and password there) or a
 * free/busy ICS address (the secret address Google and Microsoft 365 offer, whose path is the secret).
 */
public sealed interface CalendarSource permits CalendarSource.CalDav, CalendarSource.IcsAddress {
    int MAX_URL_LENGTH = 2000;

    URI url();

    /** {@code caldav} or {@code ics}. */
    String kind();

    /** The address as it may be shown and logged: an ICS address's secret path and query are hidden. */
    String shownUrl();

    /** A CalDAV calendar collection; the password never leaves the server. */
    record CalDav(URI url, String user, String password) implements CalendarSource {
        @Override
        public String kind() {
            return "caldav";
        }

        @Override
        public String shownUrl() {
            return url.toString();
        }

        @Override
        public String toString() {
            return "CalDav[" + url + ", user=" + user + "]";
        }
    }

    /** A free/busy (or whole calendar) ICS address; anyone holding it reads the calendar. */
    record IcsAddress(URI url) implements CalendarSource {
        @Override
        public String kind() {
            return "ics";
        }

        @Override
        public String shownUrl() {
            return url.getScheme() + "://" + url.getRawAuthority() + "/…";
        }

        @Override
        public String toString() {
            return "IcsAddress[" + shownUrl() + "]";
        }
    }

    /**
     * The calendar described by exactly one of {@code caldav} (with {@code user} and {@code password})
     * and {@code ics}, each an absolute http(s) URL.
     *
     * @param where the field the values came from ({@code calendar}, {@code reps[2].calendar})
     * @throws ValidationException naming each bad field
     */
    static CalendarSource of(String caldav, String user, String password, String ics, String where) {
        String prefix = where.isEmpty() ? "" : where + ".";
        List<FieldError> problems = new ArrayList<>();
        boolean isCalDav = caldav != null && !caldav.isBlank();
        boolean isIcs = ics != null && !ics.isBlank();
        if (isCalDav == isIcs) {
            throw new ValidationException(where.isEmpty() ? "calendar" : where,
                    "give exactly one of caldav (with user and password) and ics (a free/busy address)");
        }
        if (isIcs) {
            if (user != null || password != null) {
                problems.add(new FieldError(prefix + (user != null ? "user" : "password"),
                        "goes with caldav only; an ics address carries its own secret"));
            }
            URI url = url(ics, prefix + "ics", problems);
            return done(problems, () -> new IcsAddress(url));
        }
        URI url = url(caldav, prefix + "caldav", problems);
        if (user == null || user.isBlank() || user.length() > 320) {
            problems.add(new FieldError(prefix + "user", "is required with caldav (1-320 characters)"));
        }
        if (password == null || password.isEmpty() || password.length() > 1000) {
            problems.add(new FieldError(prefix + "password", "is required with caldav (1-1000 characters)"));
        }
        return done(problems, () -> new CalDav(url, user.strip(), password));
    }

    private static CalendarSource done(List<FieldError> problems, java.util.function.Supplier<CalendarSource> source) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return source.get();
    }

    private static URI url(String text, String field, List<FieldError> problems) {
        String value = text.strip();
        if (value.length() > MAX_URL_LENGTH) {
            problems.add(new FieldError(field, "must be at most " + MAX_URL_LENGTH + " characters"));
            return null;
        }
        try {
            URI url = new URI(value);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                problems.add(new FieldError(field, "must be an absolute http(s) URL like https://calendar.example.com/..."));
                return null;
            }
            if (url.getRawUserInfo() != null) {
                problems.add(new FieldError(field, "must not hold a user or password; give them as user and password"));
                return null;
            }
            if (url.getRawFragment() != null) {
                problems.add(new FieldError(field, "must not have a #fragment"));
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            problems.add(new FieldError(field, "is not a URL: " + e.getReason()));
            return null;
        }
    }
}
