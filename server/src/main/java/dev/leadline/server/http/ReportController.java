package dev.leadline.server.http;

import dev.leadline.core.access.Caller;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.Instants;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.report.DataQuality;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.report.ReportFilter;
import dev.leadline.core.report.ReportLeads;
import dev.leadline.core.report.ReportTable;
import dev.leadline.core.report.Reports;
import dev.leadline.core.report.RoutingFairness;
import dev.leadline.core.sla.SpeedToLeadReport;
import dev.leadline.core.team.Role;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code GET /api/v1/reports/{funnel|conversion|reps|trends|fairness|quality}?from=&to=&by=&source=&campaign=&queue=&rep=&tz=} as
 * JSON, or as CSV with {@code Accept: text/csv} or {@code format=csv}; {@code GET /api/v1/reports/fairness/skips} (paged); and
 * {@code GET /api/v1/reports/speed-to-lead} (durations in seconds). A REP token whose rep is not a manager sees only its rep's
 * numbers, and neither fairness nor quality.
 */
final class ReportController {
    private static final int DEFAULT_SKIPS = 100;
    private static final BiFunction<Context, ReportFilter, ReportFilter> AS_ASKED = (ctx, filter) -> filter;
    private final SpeedToLeadReport speed;
    private final Reports reports;
    private final RoutingFairness fairness;
    private final DataQuality quality;
    private final TeamService team;
    private final Clock clock;
    private final ReportLeads drill;

    ReportController(SpeedToLeadReport speed, Reports reports, RoutingFairness fairness, DataQuality quality, TeamService team, Clock clock) {
        this.speed = speed;
        this.reports = reports;
        this.fairness = fairness;
        this.quality = quality;
        this.team = team;
        this.clock = clock;
        this.drill = new ReportLeads(reports, fairness);
    }

    void funnel(Context ctx) throws IOException {
        send(ctx, "funnel", reports::funnel);
    }

    void conversion(Context ctx) throws IOException {
        send(ctx, "conversion", reports::conversion);
    }

    void reps(Context ctx) throws IOException {
        send(ctx, "reps", reports::reps);
    }

    void trends(Context ctx) throws IOException {
        send(ctx, "trends", reports::trends);
    }

    void fairness(Context ctx) throws IOException {
        managersOnly(ctx);
        send(ctx, "fairness", params(ctx), new ArrayList<>(), fairness::fairness, AS_ASKED);
    }

    void quality(Context ctx) throws IOException {
        managersOnly(ctx);
        send(ctx, "quality", params(ctx), new ArrayList<>(), quality::quality, AS_ASKED);
    }

    /** The leads members were skipped for, newest first, {@code limit} (1–1000, default 100) after {@code offset}. */
    void fairnessSkips(Context ctx) throws IOException {
        managersOnly(ctx);
        Map<String, String> params = params(ctx);
        List<FieldError> errors = new ArrayList<>();
        int limit = number(params.remove("limit"), "limit", DEFAULT_SKIPS, 1, RoutingFairness.MAX_SKIPS, errors);
        int offset = number(params.remove("offset"), "offset", 0, 0, Integer.MAX_VALUE - RoutingFairness.MAX_SKIPS - 1, errors);
        send(ctx, "fairness-skips", params, errors, filter -> {
            ReportTable page = fairness.skips(filter, offset, limit);
            if (page.rows().size() > limit) {
                ctx.header("X-Next-Offset", String.valueOf(offset + limit));
                return new ReportTable(page.report(), filter, page.columns(), page.rows().subList(0, limit));
            }
            return page;
        }, AS_ASKED);
    }

    private void send(Context ctx, String name, Function<ReportFilter, ReportTable> report) throws IOException {
        send(ctx, name, params(ctx), new ArrayList<>(), report, ReportController::ownNumbers);
    }

    /**
     * Answers the report asked for by {@code params} as JSON or CSV; {@code errors} already found in other
     * parameters are reported in the same {@code 400} as the filter's.
     */
    private void send(Context ctx, String name, Map<String, String> params, List<FieldError> errors, Function<ReportFilter, ReportTable> report,
                      BiFunction<Context, ReportFilter, ReportFilter> access) throws IOException {
        String format = Optional.ofNullable(params.remove("format")).orElse("");
        if (!format.isEmpty() && !format.equals("json") && !format.equals("csv")) {
            errors.add(new FieldError("format", "must be json or csv"));
        }
        ReportTable table = report.apply(filter(ctx, name, params, errors, access));
        boolean csv = format.equals("csv") || format.isEmpty() && Optional.ofNullable(ctx.header("Accept")).orElse("").contains("text/csv");
        if (csv) {
            ReportCsv.write(ctx, table);
        } else {
            ctx.json(json(table));
        }
    }

    /** The filter {@code params} ask for, as {@code access} lets the caller see it; {@code errors} found before are reported with the filter's. */
    private ReportFilter filter(Context ctx, String name, Map<String, String> params, List<FieldError> errors,
                                BiFunction<Context, ReportFilter, ReportFilter> access) {
        ReportFilter parsed;
        try {
            parsed = ReportFilter.parse(params, Reports.GROUPINGS.get(name), team, clock.instant());
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            throw new ValidationException(errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return access.apply(ctx, parsed);
    }

    /**
     * {@code GET /api/v1/reports/{report}/leads?column=&group=&step=&period=&after=&limit=} with the report's filter: the
     * leads behind one number, by lead id, {@code limit} (1–1000, default 100) after the cursor {@code after}; the next
     * page's cursor is {@code next} and the header {@code X-Next-After}.
     */
    void leads(Context ctx) {
        String name = ctx.pathParam("report");
        if (!ReportLeads.COLUMNS.containsKey(name)) {
            throw new NotFoundException("report", name);
        }
        if (name.equals("fairness")) {
            managersOnly(ctx);
        }
        Map<String, String> params = params(ctx);
        List<FieldError> errors = new ArrayList<>();
        int limit = number(params.remove("limit"), "limit", DEFAULT_SKIPS, 1, ReportLeads.MAX_PAGE, errors);
        String column = params.remove("column");
        Optional<String> after = Optional.ofNullable(params.remove("after")).filter(a -> !a.isBlank());
        Map<String, String> keys = new LinkedHashMap<>();
        for (String key : List.of("group", "step", "period")) {
            Optional.ofNullable(params.remove(key)).ifPresent(value -> keys.put(key, value));
        }
        ReportFilter filter = filter(ctx, name, params, errors, name.equals("fairness") ? AS_ASKED : ReportController::ownNumbers);
        ReportLeads.Page page = drill.page(name, filter, keys, column, after, limit);
        page.next().ifPresent(next -> ctx.header("X-Next-After", next));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report", name);
        out.put("column", column);
        out.put("total", page.total());
        out.put("leads", page.leads().stream().map(b -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("lead", new LeadId(b.leadId()).toString());
            entry.put("at", b.at().toString());
            entry.put("why", b.why());
            return entry;
        }).toList());
        out.put("next", page.next().orElse(null));
        ctx.json(out);
    }

    private static Map<String, String> params(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> params.put(key, values.isEmpty() ? "" : values.get(0)));
        return params;
    }

    private static int number(String text, String field, int otherwise, int min, int max, List<FieldError> errors) {
        if (text == null) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
        return otherwise;
    }

    /** Fairness compares members with each other, and quality is the whole installation's: managers, admins and integrations only. */
    private static void managersOnly(Context ctx) {
        Caller caller = Authenticator.caller(ctx);
        if (caller.role() == TokenRole.REP && caller.rep().role() == Role.REP) {
            throw new HttpProblem(403, "forbidden", "only managers, admins and integrations see this report");
        }
    }

    /** A rep who is not a manager sees only their own numbers. */
    private static ReportFilter ownNumbers(Context ctx, ReportFilter filter) {
        Caller caller = Authenticator.caller(ctx);
        if (caller.role() != TokenRole.REP || caller.rep().role() != Role.REP) {
            return filter;
        }
        if (filter.rep().isPresent() && filter.rep().get().id() != caller.rep().id()) {
            throw new HttpProblem(403, "forbidden", "a rep sees only their own numbers: leave out rep or name " + caller.rep().email());
        }
        return filter.withRep(caller.rep());
    }

    private static Map<String, Object> json(ReportTable table) {
        ReportFilter f = table.filter();
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("source", f.source().orElse(null));
        filters.put("campaign", f.campaign().orElse(null));
        filters.put("queue", f.queue().map(q -> q.name()).orElse(null));
        filters.put("rep", f.rep().map(r -> r.email()).orElse(null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report", table.report());
        out.put("from", f.from().toString());
        out.put("to", f.to().toString());
        out.put("tz", f.zone().getId());
        out.put("by", f.by());
        out.put("filters", filters);
        out.put("columns", table.columns());
        out.put("rows", table.rows());
        return out;
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
