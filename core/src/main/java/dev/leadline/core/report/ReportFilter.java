package dev.leadline.core.report;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.Instants;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a report is asked for: the period {@code [from, to)}, the time zone its days and weeks are
 * counted in, how its rows are grouped, and the leads it is narrowed to (source, campaign, queue, rep).
 */
public record ReportFilter(Instant from, Instant to, ZoneId zone, String by, Optional<String> source, Optional<String> campaign,
                           Optional<LeadQueue> queue, Optional<Rep> rep) {

    public ReportFilter withRep(Rep only) {
        return new ReportFilter(from, to, zone, by, source, campaign, queue, Optional.of(only));
    }

    /**
     * Reads the query parameters; every bad one is reported at once, each by name. A date {@code from}
     * is the start of that day and a date {@code to} the end of that day, in {@code tz} (UTC, or the
     * zone of the rep asked for). Without them the period is the 30 days up to {@code now}.
     *
     * @param byChoices the groupings this report knows; the first is the default
     */
    public static ReportFilter parse(Map<String, String> params, List<String> byChoices, TeamService team, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Rep> rep = Optional.ofNullable(params.get("rep")).map(String::strip).flatMap(who -> {
            Optional<Rep> found = Ids.looksNumeric(who) && who.length() <= 18 ? team.rep(Long.parseLong(who)) : team.repByEmail(who);
            if (found.isEmpty()) {
                errors.add(new FieldError("rep", "no rep with id or email '" + who + "'"));
            }
            return found;
        });
        Optional<LeadQueue> queue = Optional.ofNullable(params.get("queue")).flatMap(name -> {
            Optional<LeadQueue> found = team.queueByName(name.strip());
            if (found.isEmpty()) {
                errors.add(new FieldError("queue", "no queue named '" + name + "'"));
            }
            return found;
        });
        ZoneId zone = rep.map(Rep::timeZone).orElse(ZoneId.of("UTC"));
        if (params.containsKey("tz")) {
            try {
                zone = ZoneId.of(params.get("tz").strip());
            } catch (DateTimeException e) {
                errors.add(new FieldError("tz", "'" + params.get("tz") + "' is not a time zone (UTC, Europe/Berlin, +02:00)"));
            }
        }
        String by = Optional.ofNullable(params.get("by")).map(b -> b.strip().toLowerCase(Locale.ROOT)).orElse(byChoices.get(0));
        if (!byChoices.contains(by)) {
            errors.add(new FieldError("by", "must be one of " + String.join(", ", byChoices)));
        }
        Instant to = time("to", params.get("to"), zone, true, errors).orElse(now);
        Instant from = time("from", params.get("from"), zone, false, errors).orElse(to.minus(Duration.ofDays(30)));
        if (!from.isBefore(to) && errors.stream().noneMatch(e -> e.field().equals("from") || e.field().equals("to"))) {
            errors.add(new FieldError("from", "must be before 'to'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ReportFilter(from, to, zone, by, text(params.get("source")), text(params.get("campaign")), queue, rep);
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<Instant> time(String field, String text, ZoneId zone, boolean endOfDay, List<FieldError> errors) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Instant at = text.length() == 10 ? LocalDate.parse(text).plusDays(endOfDay ? 1 : 0).atStartOfDay(zone).toInstant() : Instant.parse(text);
            if (Instants.inRange(at)) {
                return Optional.of(at);
            }
            errors.add(new FieldError(field, Instants.outOfRange()));
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a date (2026-11-01) or an instant (2026-11-01T09:00:00Z)"));
        }
        return Optional.empty();
    }
}
