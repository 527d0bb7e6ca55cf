package dev.leadline.server.http;

import dev.leadline.core.common.Instants;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.sla.SpeedToLeadReport;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code GET /api/v1/reports/speed-to-lead?from=&to=&by=rep|queue|source}: durations in seconds. */
final class ReportController {
    private final SpeedToLeadReport speed;
    private final Clock clock;

    ReportController(SpeedToLeadReport speed, Clock clock) {
        this.speed = speed;
        this.clock = clock;
    }

    void speedToLead(Context ctx) {
        Instant to = Optional.ofNullable(ctx.queryParam("to")).map(t -> instant("to", t)).orElse(clock.instant());
        Instant from = Optional.ofNullable(ctx.queryParam("from")).map(f -> instant("from", f)).orElse(to.minus(Duration.ofDays(30)));
        SpeedToLeadReport.By by = Optional.ofNullable(ctx.queryParam("by")).map(SpeedToLeadReport.By::parse).orElse(SpeedToLeadReport.By.REP);
        ctx.json(Map.of("from", from.toString(), "to", to.toString(), "by", by.name().toLowerCase(java.util.Locale.ROOT),
                "rows", speed.report(from, to, by).stream().map(row -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("group", row.group());
                    out.put("leads", row.leads());
                    out.put("claimed", row.claimed());
                    out.put("touched", row.touched());
                    out.put("medianSecondsToClaim", row.medianToClaim().map(Duration::toSeconds).orElse(null));
                    out.put("p90SecondsToClaim", row.p90ToClaim().map(Duration::toSeconds).orElse(null));
                    out.put("medianSecondsToFirstTouch", row.medianToFirstTouch().map(Duration::toSeconds).orElse(null));
                    out.put("p90SecondsToFirstTouch", row.p90ToFirstTouch().map(Duration::toSeconds).orElse(null));
                    return out;
                }).toList()));
    }

    /** An ISO instant, or a date meaning its start in UTC. */
    private static Instant instant(String field, String text) {
        try {
            return Instants.checked(field, text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text));
        } catch (DateTimeException e) {
            throw new ValidationException(field, "'" + text + "' is not a date (2026-11-01) or an instant (2026-11-01T09:00:00Z)");
        }
    }
}
