package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.IMPORT_DUPLICATE;
import static dev.leadline.db.jooq.Tables.IMPORT_JOB;
import static dev.leadline.db.jooq.Tables.IMPORT_REJECTION;

import dev.leadline.core.common.Actor;
import dev.leadline.core.dedupe.DuplicateAction;
import dev.leadline.core.intake.ImportCounts;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportJobRepository;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportReport;
import dev.leadline.core.intake.ImportStatus;
import dev.leadline.core.lead.LeadId;
import dev.leadline.db.jooq.tables.records.ImportJobRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Import jobs, their rejected rows and the rows duplicate rules blocked or merged, in MariaDB. */
public final class JooqImportJobRepository implements ImportJobRepository {
    private static final String NULL_SEPARATOR = "\u001f";
    /** How long a node holds a job without committing a batch before another may take it over. */
    public static final int LEASE_SECONDS = 60;
    private final DSLContext dsl;
    private final String node;

    /** {@code node}: this process's name among the nodes sharing the database (at most 64 characters). */
    public JooqImportJobRepository(DSLContext dsl, String node) {
        this.dsl = dsl;
        this.node = node.length() <= 64 ? node : node.substring(0, 64);
    }

    /**
     * A job this node may take: no node holds it any more, or this node held it before it restarted (the
     * caller runs each job once, and knows which it runs now).
     */
    private org.jooq.Condition takeable() {
        return IMPORT_JOB.LEASE_UNTIL.isNull().or(IMPORT_JOB.LEASE_UNTIL.lt(DSL.field("NOW(6)", java.time.LocalDateTime.class)))
                .or(IMPORT_JOB.RUNNER.eq(node));
    }

    /** The lease's end, in the database's time (every node compares with the same clock). */
    private static org.jooq.Field<java.time.LocalDateTime> leaseEnd() {
        return DSL.field("NOW(6) + INTERVAL " + LEASE_SECONDS + " SECOND", java.time.LocalDateTime.class);
    }

    @Override
    public ImportJob create(String fileName, String spoolPath, ImportOptions options, Actor actor, Instant at) {
        ImportJobRecord record = dsl.newRecord(IMPORT_JOB);
        record.setStatus(ImportStatus.RUNNING.name());
        record.setFileName(fileName);
        record.setSpoolPath(spoolPath);
        record.setOptions(Json.write(writeOptions(options)));
        record.setCreatedBy(actor.toString());
        record.setCreatedAt(Times.toDb(at));
        record.setRunner(node);
        record.store();
        dsl.update(IMPORT_JOB).set(IMPORT_JOB.LEASE_UNTIL, leaseEnd()).where(IMPORT_JOB.ID.eq(record.getId())).execute();
        record.refresh();
        return toJob(record);
    }

    @Override
    public boolean recordBatch(long jobId, long lastLine, ImportCounts delta, List<ImportReport.Rejection> rejections,
                               List<ImportReport.DuplicateRow> duplicateRows) {
        int mine = dsl.update(IMPORT_JOB)
                .set(IMPORT_JOB.LEASE_UNTIL, leaseEnd())
                .set(IMPORT_JOB.NEXT_LINE, lastLine)
                .set(IMPORT_JOB.TOTAL_ROWS, IMPORT_JOB.TOTAL_ROWS.plus(delta.rows()))
                .set(IMPORT_JOB.IMPORTED, IMPORT_JOB.IMPORTED.plus(delta.imported()))
                .set(IMPORT_JOB.UPDATED, IMPORT_JOB.UPDATED.plus(delta.updated()))
                .set(IMPORT_JOB.DUPLICATES, IMPORT_JOB.DUPLICATES.plus(delta.duplicates()))
                .set(IMPORT_JOB.REJECTED, IMPORT_JOB.REJECTED.plus(delta.rejected()))
                .set(IMPORT_JOB.FLAGGED, IMPORT_JOB.FLAGGED.plus(delta.flagged()))
                .set(IMPORT_JOB.MERGED, IMPORT_JOB.MERGED.plus(delta.merged()))
                .where(IMPORT_JOB.ID.eq(jobId).and(IMPORT_JOB.RUNNER.eq(node).or(IMPORT_JOB.RUNNER.isNull())))
                .execute();
        if (mine == 0) {
            return false;
        }
        if (!rejections.isEmpty()) {
            var insert = dsl.insertInto(IMPORT_REJECTION, IMPORT_REJECTION.JOB_ID, IMPORT_REJECTION.LINE, IMPORT_REJECTION.REASON,
                    IMPORT_REJECTION.ROW_VALUES);
            for (ImportReport.Rejection r : rejections) {
                String reason = r.reason().length() > 1000 ? r.reason().substring(0, 997) + "..." : r.reason();
                insert = insert.values(jobId, r.line(), reason, JsonTree.write(r.values()));
            }
            insert.onDuplicateKeyIgnore().execute();
        }
        recordDuplicateRows(jobId, duplicateRows);
        return true;
    }

    private void recordDuplicateRows(long jobId, List<ImportReport.DuplicateRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        JdbcBatch insert = JdbcBatch.ignoringDuplicates(dsl, IMPORT_DUPLICATE, IMPORT_DUPLICATE.JOB_ID, IMPORT_DUPLICATE.LINE,
                IMPORT_DUPLICATE.ACTION, IMPORT_DUPLICATE.LIKE_LEAD_ID, IMPORT_DUPLICATE.LIKE_CONTACT_ID, IMPORT_DUPLICATE.REFERENCE,
                IMPORT_DUPLICATE.MATCHED, IMPORT_DUPLICATE.ROW_VALUES);
        for (ImportReport.DuplicateRow r : rows) {
            insert.row(jobId, r.line(), r.action().name(), r.lead().map(LeadId::value).orElse(null), r.contact().orElse(null),
                    JooqDuplicateFlags.clip(r.reference()),
                    JooqDuplicateFlags.clip(String.join(",", r.matched())), JsonTree.write(r.values()));
        }
        insert.execute();
    }

    @Override
    public void finish(long jobId, ImportStatus status, String error, Instant at) {
        dsl.update(IMPORT_JOB)
                .set(IMPORT_JOB.STATUS, status.name())
                .set(IMPORT_JOB.ERROR, error == null || error.length() <= 2000 ? error : error.substring(0, 2000))
                .set(IMPORT_JOB.FINISHED_AT, Times.toDb(at))
                .where(IMPORT_JOB.ID.eq(jobId))
                .execute();
    }

    @Override
    public Optional<ImportJob> find(long jobId) {
        return dsl.selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(jobId)).fetchOptional().map(JooqImportJobRepository::toJob);
    }

    @Override
    public void recordHeader(long jobId, List<String> header) {
        dsl.update(IMPORT_JOB).set(IMPORT_JOB.HEADER, JsonTree.write(header)).where(IMPORT_JOB.ID.eq(jobId)).execute();
    }

    @Override
    public List<String> header(long jobId) {
        return dsl.select(IMPORT_JOB.HEADER).from(IMPORT_JOB).where(IMPORT_JOB.ID.eq(jobId)).fetchOptional(IMPORT_JOB.HEADER)
                .map(JooqImportJobRepository::strings).orElse(List.of());
    }

    @Override
    public List<ImportReport.Rejection> rejections(long jobId, long afterLine, int limit) {
        return dsl.selectFrom(IMPORT_REJECTION).where(IMPORT_REJECTION.JOB_ID.eq(jobId)).and(IMPORT_REJECTION.LINE.gt(afterLine))
                .orderBy(IMPORT_REJECTION.LINE).limit(limit)
                .fetch(r -> new ImportReport.Rejection(r.getLine(), r.getReason(), strings(r.getRowValues())));
    }

    @Override
    public List<ImportReport.DuplicateRow> duplicateRows(long jobId, long afterLine, int limit, boolean withValues) {
        var values = withValues ? IMPORT_DUPLICATE.ROW_VALUES : DSL.inline((String) null).as(IMPORT_DUPLICATE.ROW_VALUES);
        return dsl.select(IMPORT_DUPLICATE.LINE, IMPORT_DUPLICATE.ACTION, IMPORT_DUPLICATE.LIKE_LEAD_ID, IMPORT_DUPLICATE.LIKE_CONTACT_ID,
                        IMPORT_DUPLICATE.REFERENCE, IMPORT_DUPLICATE.MATCHED, values)
                .from(IMPORT_DUPLICATE).where(IMPORT_DUPLICATE.JOB_ID.eq(jobId)).and(IMPORT_DUPLICATE.LINE.gt(afterLine))
                .orderBy(IMPORT_DUPLICATE.LINE).limit(limit)
                .fetch(r -> new ImportReport.DuplicateRow(r.value1(), DuplicateAction.valueOf(r.value2()),
                        Optional.ofNullable(r.value3()).map(LeadId::new), Optional.ofNullable(r.value4()), r.value5(),
                        r.value6().isEmpty() ? List.of() : List.of(r.value6().split(",")), strings(r.value7())));
    }

    /** A stored JSON list of strings; none for rows stored before values were kept. */
    private static List<String> strings(String json) {
        return json == null ? List.of() : JsonTree.readList(json).stream().map(String::valueOf).toList();
    }

    @Override
    public List<ImportJob> unfinished() {
        List<Long> idle = dsl.select(IMPORT_JOB.ID).from(IMPORT_JOB).where(IMPORT_JOB.STATUS.eq(ImportStatus.RUNNING.name()).and(takeable()))
                .orderBy(IMPORT_JOB.ID).fetch(IMPORT_JOB.ID);
        List<ImportJob> taken = new java.util.ArrayList<>();
        for (long id : idle) {
            // taken by one node only: the first whose update still finds the lease run out
            int took = dsl.update(IMPORT_JOB).set(IMPORT_JOB.RUNNER, node).set(IMPORT_JOB.LEASE_UNTIL, leaseEnd())
                    .where(IMPORT_JOB.ID.eq(id).and(IMPORT_JOB.STATUS.eq(ImportStatus.RUNNING.name())).and(takeable()))
                    .execute();
            if (took == 1) {
                dsl.selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(id)).fetchOptional(JooqImportJobRepository::toJob).ifPresent(taken::add);
            }
        }
        return taken;
    }

    private static Map<String, String> writeOptions(ImportOptions options) {
        Map<String, String> values = new LinkedHashMap<>();
        options.mapping().forEach((column, target) -> values.put("mapping." + column, target));
        values.put("nullValues", String.join(NULL_SEPARATOR, options.nullValues()));
        values.put("dryRun", Boolean.toString(options.dryRun()));
        values.put("notifyReps", Boolean.toString(options.notifyReps()));
        return values;
    }

    private static ImportOptions readOptions(Map<String, String> values) {
        Map<String, String> mapping = values.entrySet().stream().filter(e -> e.getKey().startsWith("mapping."))
                .collect(Collectors.toMap(e -> e.getKey().substring("mapping.".length()), Map.Entry::getValue));
        String nulls = values.getOrDefault("nullValues", "");
        Set<String> nullValues = nulls.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(nulls.split(NULL_SEPARATOR)));
        return new ImportOptions(mapping, nullValues, Boolean.parseBoolean(values.get("dryRun")),
                !"false".equals(values.get("notifyReps")));
    }

    private static ImportJob toJob(ImportJobRecord r) {
        ImportCounts counts = new ImportCounts(r.getTotalRows(), r.getImported(), r.getUpdated(), r.getDuplicates(), r.getRejected(), r.getFlagged(),
                r.getMerged());
        return new ImportJob(r.getId(), ImportStatus.valueOf(r.getStatus()), r.getFileName(), r.getSpoolPath(),
                readOptions(Json.read(r.getOptions())), r.getNextLine(), counts, r.getError(), Actor.parse(r.getCreatedBy()),
                Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getFinishedAt()));
    }
}
