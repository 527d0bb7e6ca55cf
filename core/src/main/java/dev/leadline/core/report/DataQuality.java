package dev.leadline.core.report;

/**
 * The data-quality report: duplicates flagged, alerted, blocked and merged by checkpoint, enrichment
 * coverage by field and provider, and provider failures (see {@code docs/reports.md}).
 */
public final class DataQuality {
    private final QualityFacts facts;
    private final java.util.Optional<TallyReports> tallies;

    /** Enrichment coverage counted in the database each time. */
    public DataQuality(QualityFacts facts) {
        this.facts = facts;
        this.tallies = java.util.Optional.empty();
    }

    /** Enrichment coverage read from the kept sums of the leads' tallies (as {@code reports} reads them). */
    public DataQuality(QualityFacts facts, Reports reports) {
        this.facts = facts;
        this.tallies = reports.tallies();
    }

    /** {@code by=checkpoint}, {@code field} or {@code provider}: one of the three views. */
    public ReportTable quality(ReportFilter f) {
        return switch (f.by()) {
            case "field" -> tallies.flatMap(t -> t.enrichedFields(f)).orElseGet(() -> QualityReport.fields(
                    facts.enrichedFields(f.from(), f.to(), f.source()), facts.leadsCreated(f.from(), f.to(), f.source()), f));
            case "provider" -> QualityReport.providers(facts.providerFailures(f.from(), f.to(), f.source()), f);
            default -> QualityReport.checkpoints(facts.duplicateVerdicts(f.from(), f.to(), f.source()), f);
        };
    }
}
