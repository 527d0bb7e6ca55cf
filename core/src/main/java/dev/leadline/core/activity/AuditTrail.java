package dev.leadline.core.activity;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Searching the audit log by lead, rep, token, action and day, a page at a time, newest first. */
public final class AuditTrail {
    public static final int MAX_PAGE = 100;
    private final AuditSearch search;

    public AuditTrail(AuditSearch search) {
        this.search = search;
    }

    /**
     * The search as people type it: each part may be blank. {@code from} and {@code to} are days
     * ({@code 2024-05-17}), both included, in {@code zone}.
     */
    public record Criteria(String lead, String rep, String token, String action, String from, String to, ZoneId zone, int page) {}

    /** One page of entries; {@code more} when a next page exists. */
    public record Page(List<AuditSearch.Found> entries, int page, boolean more) {}

    /**
     * @throws ValidationException naming each part that is not understood, and {@code to} when it is before {@code from}
     */
    public Page search(Criteria criteria) {
        String lead = blank(criteria.lead()) ? null : LeadId.parse(criteria.lead(), "lead").toString();
        String rep = blank(criteria.rep()) ? null : criteria.rep().strip().toLowerCase(Locale.ROOT);
        List<FieldError> problems = new ArrayList<>();
        LocalDate fromDay = day(criteria.from(), "from", problems);
        LocalDate toDay = day(criteria.to(), "to", problems);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            problems.add(new FieldError("to", "must not be before the from day (" + fromDay + ")"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Instant from = fromDay == null ? null : fromDay.atStartOfDay(criteria.zone()).toInstant();
        Instant to = toDay == null ? null : toDay.plusDays(1).atStartOfDay(criteria.zone()).toInstant();
        int page = Math.max(1, Math.min(criteria.page(), 10_000));
        List<AuditSearch.Found> found = search.search(new AuditSearch.Filter(lead, rep, stripped(criteria.token()),
                stripped(criteria.action()), from, to, MAX_PAGE + 1, (page - 1) * MAX_PAGE));
        return new Page(found.subList(0, Math.min(MAX_PAGE, found.size())), page, found.size() > MAX_PAGE);
    }

    /** The day typed, or null when blank or not a day (then a problem is added). */
    private static LocalDate day(String text, String field, List<FieldError> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldError(field, "'" + text.strip() + "' is not a day (expected e.g. 2024-05-17)"));
            return null;
        }
    }

    private static String stripped(String text) {
        return blank(text) ? null : text.strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
