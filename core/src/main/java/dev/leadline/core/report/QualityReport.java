package dev.leadline.core.report;

import dev.leadline.core.dedupe.Checkpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Data quality in three views: duplicate verdicts by checkpoint ({@code by=checkpoint}), enrichment
 * coverage by field and provider ({@code by=field}), and provider failures by provider ({@code by=provider}).
 */
final class QualityReport {
    static final List<String> BY = List.of("checkpoint", "field", "provider");
    static final List<String> CHECKPOINT_COLUMNS = List.of("checkpoint", "flagged", "alerted", "blocked", "merged", "total");
    static final List<String> FIELD_COLUMNS = List.of("field", "provider", "leads", "created", "coverage");
    static final List<String> PROVIDER_COLUMNS = List.of("provider", "failed", "timedOut", "skipped", "total", "failures");
    /** All providers of a field together. */
    static final String ANY = "(any)";

    private QualityReport() {}

    static ReportTable checkpoints(List<QualityFacts.Count> verdicts, ReportFilter filter) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Checkpoint checkpoint : Checkpoint.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("checkpoint", checkpoint.name().toLowerCase(Locale.ROOT));
            List.of("flagged", "alerted", "blocked", "merged", "total").forEach(c -> row.put(c, 0L));
            rows.put(checkpoint.name(), row);
        }
        for (QualityFacts.Count v : verdicts) {
            Map<String, Object> row = rows.get(v.key());
            String column = switch (v.detail()) {
                case "FLAG" -> "flagged";
                case "ALERT" -> "alerted";
                case "BLOCK" -> "blocked";
                default -> "merged";
            };
            if (row != null) {
                row.merge(column, v.count(), (a, b) -> (Long) a + (Long) b);
                row.merge("total", v.count(), (a, b) -> (Long) a + (Long) b);
            }
        }
        return new ReportTable("quality", filter, CHECKPOINT_COLUMNS, new ArrayList<>(rows.values()));
    }

    static ReportTable fields(List<QualityFacts.Count> enriched, long created, ReportFilter filter) {
        Map<String, Map<String, Long>> byField = new TreeMap<>();
        for (QualityFacts.Count c : enriched) {
            byField.computeIfAbsent(c.key(), f -> new TreeMap<>()).merge(c.detail(), c.leads(), Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byField.forEach((field, providers) -> {
            providers.forEach((provider, leads) -> rows.add(coverage(field, provider, leads, created)));
            rows.add(coverage(field, ANY, providers.values().stream().mapToLong(Long::longValue).sum(), created));
        });
        return new ReportTable("quality", filter, FIELD_COLUMNS, rows);
    }

    private static Map<String, Object> coverage(String field, String provider, long leads, long created) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("field", field);
        row.put("provider", provider);
        row.put("leads", leads);
        row.put("created", created);
        row.put("coverage", Stats.ratio(leads, created));
        return row;
    }

    static ReportTable providers(List<QualityFacts.Count> failures, ReportFilter filter) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (QualityFacts.Count f : failures) {
            Map<String, Object> row = rows.computeIfAbsent(f.key(), p -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("provider", p);
                List.of("failed", "timedOut", "skipped", "total").forEach(c -> r.put(c, 0L));
                r.put("failures", new TreeMap<String, Long>());
                return r;
            });
            row.merge(kind(f.detail()), f.count(), (a, b) -> (Long) a + (Long) b);
            row.merge("total", f.count(), (a, b) -> (Long) a + (Long) b);
            @SuppressWarnings("unchecked")
            Map<String, Long> messages = (Map<String, Long>) row.get("failures");
            messages.merge(f.detail(), f.count(), Long::sum);
        }
        return new ReportTable("quality", filter, PROVIDER_COLUMNS, new ArrayList<>(rows.values()));
    }

    /** How a provider failed, from the message the plugin host wrote: timed out, skipped (circuit open, too busy), or failed. */
    static String kind(String message) {
        if (message.startsWith("timed out")) {
            return "timedOut";
        }
        return message.startsWith("skipped") ? "skipped" : "failed";
    }
}
