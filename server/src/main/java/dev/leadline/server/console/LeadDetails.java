package dev.leadline.server.console;

import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.enrichment.EnrichmentService;
import dev.leadline.core.enrichment.LeadInsight;
import dev.leadline.core.files.FileService;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.routing.Explanation;
import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the lead page shows under its panel: where each enriched value came from, why routing sent the
 * lead where it went, its look-alikes and its files; read through the services behind
 * {@code /leads/{id}/enrichment}, {@code /routing}, {@code /duplicates} and {@code /files}.
 */
public final class LeadDetails {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private final EnrichmentService enrichment;
    private final RoutingService routing;
    private final DuplicateService duplicates;
    private final FileService files;

    public LeadDetails(EnrichmentService enrichment, RoutingService routing, DuplicateService duplicates, FileService files) {
        this.enrichment = enrichment;
        this.routing = routing;
        this.duplicates = duplicates;
        this.files = files;
    }

    Views.LeadMore of(Lead lead, Rep viewer) {
        ZoneId zone = viewer.timeZone();
        LeadInsight insight = enrichment.insight(lead.id());
        List<Views.Enriched> enriched = insight.fields().stream().map(p -> new Views.Enriched(Views.words(p.field()), p.value(), p.provider(),
                Math.round(p.confidence() * 100) + " %", when(p.at(), zone))).toList();
        List<Views.Written> written = insight.written().stream().map(w -> new Views.Written(Views.words(w.field()), w.value(),
                w.from() == null || w.from().isEmpty() ? "empty" : w.from(), w.plugin(), when(w.at(), zone))).toList();
        List<Views.Failure> failures = insight.failures().stream().map(f -> new Views.Failure(f.provider(), f.message(), when(f.at(), zone))).toList();
        Optional<Views.Routing> routed = routing.latest(lead.id()).map(d -> routing(d.outcome(), d.explanation(), zone));
        String id = lead.id().toString();
        List<Views.LookAlike> lookAlikes = lead.status() == LeadStatus.MERGED ? List.of()
                : duplicates.duplicatesOf(lead.id()).stream().map(d -> new Views.LookAlike(d.lead().id().toString(), d.lead().data().displayName(),
                        d.lead().data().get(LeadField.COMPANY).orElse(""), String.format(Locale.ROOT, "%.2f", d.score()), String.join(", ", d.matched()),
                        "/console/leads/" + d.lead().id() + "/merge?with=" + id)).toList();
        return new Views.LeadMore(enriched, written, failures, routed.orElse(null), lookAlikes, files(lead, viewer));
    }

    /** Who may upload and remove is core's answer ({@link Permissions#mayWork}), as for notes. */
    private Views.Files files(Lead lead, Rep viewer) {
        List<Views.FileRow> rows = files.ofLead(lead.id()).stream().map(f -> new Views.FileRow(f.name(), Views.bytes(f.size()),
                f.contentType(), f.addedBy().name(), when(f.addedAt(), viewer.timeZone()), "/console/files/" + f.id(),
                "/console/files/" + f.id() + "/remove")).toList();
        return new Views.Files(rows, Permissions.mayWork(viewer, lead).isEmpty(), "/console/leads/" + lead.id() + "/files",
                Views.bytes(files.rules().maxFileBytes()));
    }

    private static Views.Routing routing(String outcome, Explanation why, ZoneId zone) {
        if (why == null) {
            return new Views.Routing(outcome, "", "", List.of(), "", List.of());
        }
        String rules = why.purpose() + (why.ruleSetVersion() == null ? "" : " rules, version " + why.ruleSetVersion());
        List<Views.QueueTried> queues = why.queues().stream().map(q -> new Views.QueueTried(q.queue(), q.strategy(), q.result(),
                q.candidates().stream().map(c -> new Views.Considered(c.rep(), c.verdict(), c.reason() == null ? "" : c.reason(),
                        c.weight() == null ? "" : c.weight().toString())).toList())).toList();
        return new Views.Routing(outcome, rules, why.entry() == null ? "" : why.entry(), why.because(),
                why.decidedAt() == null ? "" : when(why.decidedAt(), zone), queues);
    }

    private static String when(Instant at, ZoneId zone) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }
}
