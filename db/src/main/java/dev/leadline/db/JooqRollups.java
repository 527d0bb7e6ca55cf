package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.REPORT_DELTA;
import static dev.leadline.db.jooq.Tables.REPORT_ROLLUP;
import static dev.leadline.db.jooq.Tables.REPORT_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_DECISION;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.report.DecisionTally;
import dev.leadline.core.report.Rollups;
import dev.leadline.core.routing.Explanation;
import dev.leadline.core.report.Tally;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The sums of the leads' tallies in MariaDB ({@code report_rollup}), and the folding of the waiting
 * changes ({@code report_delta}) into them: a fold takes the oldest changes, adds each to its hour, day
 * and month in every cut, and deletes them, in one transaction; a change committed out of order is
 * folded by a later run. Folds take turns on a lock row; the changes are read without locks, so the
 * transactions that queue them never wait for a fold.
 */
public final class JooqRollups implements Rollups {
    private static final int CHUNK = 400;
    /** Changes folded together by a run that queues many. */
    public static final int BULK = 20_000;
    private final DSLContext dsl;
    private final JooqLeadEvents events;
    private final Transactor transactor;

    public JooqRollups(DSLContext dsl, JooqLeadEvents events, Transactor transactor) {
        this.dsl = dsl;
        this.events = events;
        this.transactor = transactor;
    }

    @Override
    public boolean ready() {
        return !events.summariesMissing();
    }

    @Override
    public boolean decisionsReady() {
        Map<String, Long> state = state();
        return state.getOrDefault("decisions_tallied", 0L) >= state.getOrDefault("decisions_before", 0L);
    }

    private Map<String, Long> state() {
        return dsl.select(REPORT_STATE.NAME, REPORT_STATE.VALUE).from(REPORT_STATE).fetchMap(REPORT_STATE.NAME, REPORT_STATE.VALUE);
    }

    /** Queues the tallies of routing decisions being stored (by lead), for the fairness sums, in the caller's transaction. */
    static void queue(DSLContext dsl, List<Map.Entry<Long, Explanation>> decisions) {
        JdbcBatch changes = JdbcBatch.into(dsl, REPORT_DELTA, REPORT_DELTA.LEAD_ID, REPORT_DELTA.TALLY);
        for (Map.Entry<Long, Explanation> d : decisions) {
            Tally tally = DecisionTally.of(d.getValue());
            if (!tally.isEmpty()) {
                changes.row(d.getKey(), tally.encode());
            }
        }
        changes.execute();
    }

    /**
     * Adds the decisions stored before the upgrade that brought these sums, {@code batch} per transaction
     * (each with how far it got, so a stopped run resumes), folding as it goes.
     *
     * @return how many decisions were added
     */
    public long tallyEarlierDecisions(int batch) {
        long added = 0;
        while (true) {
            int n = transactor.inTransaction(() -> {
                Map<String, Long> state = dsl.select(REPORT_STATE.NAME, REPORT_STATE.VALUE).from(REPORT_STATE).forUpdate()
                        .fetchMap(REPORT_STATE.NAME, REPORT_STATE.VALUE);
                long after = state.getOrDefault("decisions_tallied", 0L);
                long upTo = state.getOrDefault("decisions_before", 0L);
                var rows = dsl.select(ROUTING_DECISION.ID, ROUTING_DECISION.LEAD_ID, ROUTING_DECISION.EXPLANATION).from(ROUTING_DECISION)
                        .where(ROUTING_DECISION.ID.gt(after)).and(ROUTING_DECISION.ID.le(upTo)).orderBy(ROUTING_DECISION.ID).limit(batch).fetch();
                if (rows.isEmpty()) {
                    dsl.update(REPORT_STATE).set(REPORT_STATE.VALUE, upTo).where(REPORT_STATE.NAME.eq("decisions_tallied")).execute();
                    return 0;
                }
                queue(dsl, rows.map(r -> Map.entry(r.value2(), ExplanationJson.read(r.value3()))));
                dsl.update(REPORT_STATE).set(REPORT_STATE.VALUE, rows.get(rows.size() - 1).value1())
                        .where(REPORT_STATE.NAME.eq("decisions_tallied")).execute();
                return rows.size();
            });
            if (n == 0) {
                foldAll(BULK);
                return added;
            }
            added += n;
            foldWhenMany(BULK);
        }
    }

    @Override
    public void read(Cut cut, int level, List<long[]> spans, List<Long> repIds, Optional<Long> queueId, Tally.Sink sink) {
        Condition when = DSL.or(spans.stream().map(s -> REPORT_ROLLUP.BUCKET.ge(s[0]).and(REPORT_ROLLUP.BUCKET.lt(s[1]))).toList());
        Condition where = REPORT_ROLLUP.CUT.eq((byte) cut.ordinal()).and(REPORT_ROLLUP.GRAIN.eq((byte) level))
                .and(!cut.keeps(Rollups.REP) ? REPORT_ROLLUP.REP_ID.eq(0L) : repIds.isEmpty() ? DSL.noCondition() : REPORT_ROLLUP.REP_ID.in(repIds))
                .and(narrowed(REPORT_ROLLUP.QUEUE_ID, cut.keeps(Rollups.QUEUE), queueId))
                .and(when);
        dsl.select(REPORT_ROLLUP.BUCKET, REPORT_ROLLUP.QUEUE_ID, REPORT_ROLLUP.REP_ID, REPORT_ROLLUP.SOURCE, REPORT_ROLLUP.CAMPAIGN,
                        REPORT_ROLLUP.TALLY).from(REPORT_ROLLUP).where(where)
                .fetchStream().forEach(r -> {
                    long bucket = r.value1();
                    long queue = r.value2();
                    long rep = r.value3();
                    String source = text(r.value4());
                    String campaign = text(r.value5());
                    Tally.decode(r.value6(), (hour, q, p, s, c, metric, detail, n, amount) ->
                            sink.add(bucket, queue, rep, source, campaign, metric, detail, n, amount));
                });
    }

    /** A dimension the cut keeps is narrowed when asked; one it does not keep is always 0. */
    private static Condition narrowed(org.jooq.TableField<?, Long> field, boolean kept, Optional<Long> id) {
        if (!kept) {
            return field.eq(0L);
        }
        return id.map(field::eq).orElse(DSL.noCondition());
    }

    @Override
    public void pending(Tally.Sink sink) {
        dsl.select(REPORT_DELTA.TALLY).from(REPORT_DELTA).fetchStream().forEach(r -> Tally.decode(r.value1(), sink));
    }

    /** How many changes wait to be folded. */
    public long waiting() {
        return dsl.fetchCount(REPORT_DELTA);
    }

    /**
     * Folds up to {@code limit} of the oldest waiting changes into the sums, in one transaction.
     *
     * @return how many changes were folded
     */
    public int fold(int limit) {
        return transactor.inTransaction(() -> {
            // folds take turns on this row; the queue itself is read without locks, so writers never wait for a fold
            dsl.select(REPORT_STATE.VALUE).from(REPORT_STATE).where(REPORT_STATE.NAME.eq("fold")).forUpdate().fetch();
            var deltas = dsl.select(REPORT_DELTA.ID, REPORT_DELTA.TALLY).from(REPORT_DELTA).orderBy(REPORT_DELTA.ID).limit(limit).fetch();
            if (deltas.isEmpty()) {
                return 0;
            }
            // the changes summed first: many leads' entries share their hour, queue, rep, source and metric
            // (a decision over a queue of 200 has 800 entries), and each sum goes to 21 rows below
            Tally merged = new Tally();
            for (var d : deltas) {
                Tally.decode(d.value2(), (hour, queue, rep, source, campaign, metric, detail, n, amount) ->
                        merged.add(new Tally.Key(hour, queue, rep, source, campaign, metric, detail), n, amount));
            }
            Map<RowKey, Tally> changes = new LinkedHashMap<>();
            merged.each((hour, queue, rep, source, campaign, metric, detail, n, amount) -> {
                Tally.Key key = new Tally.Key(0, 0, 0, "", "", metric, detail);
                long[] buckets = {hour, Math.floorDiv(hour, 24) * 24, monthOf(hour)};
                for (Cut cut : Cut.values()) {
                    long r = cut.keeps(Rollups.REP) ? rep : 0;
                    long q = cut.keeps(Rollups.QUEUE) ? queue : 0;
                    String s = cut.keeps(Rollups.SOURCE) ? source : "";
                    String c = cut.keeps(Rollups.CAMPAIGN) ? campaign : "";
                    for (int level = Rollups.HOURS; level <= Rollups.MONTHS; level++) {
                        changes.computeIfAbsent(new RowKey(cut.ordinal(), level, r, q, buckets[level], s, c), k -> new Tally()).add(key, n, amount);
                    }
                }
            });
            List<RowKey> keys = new ArrayList<>(changes.keySet());
            for (int from = 0; from < keys.size(); from += CHUNK) {
                apply(keys.subList(from, Math.min(keys.size(), from + CHUNK)), changes);
            }
            dsl.deleteFrom(REPORT_DELTA).where(REPORT_DELTA.ID.in(deltas.getValues(REPORT_DELTA.ID))).execute();
            return deltas.size();
        });
    }

    /**
     * For a run that queues many changes (a rebuild): folds once {@code many} wait, {@code many} per
     * transaction, so that the hours and days many leads share are written once, not once per lead.
     */
    public void foldWhenMany(int many) {
        if (waiting() >= many) {
            foldAll(many);
        }
    }

    /**
     * Folds what waits, {@code batch} changes per transaction, until a fold finds fewer than that. Changes
     * that busy writers queue meanwhile wait for the next run: a fold writes every sum its changes touch
     * however few they are (a decision over a queue of 200 touches 1,200 sums), so folding each handful
     * as it arrives kept the database busy without end.
     */
    public long foldAll(int batch) {
        long folded = 0;
        int n;
        do {
            n = fold(batch);
            folded += n;
        } while (n == batch);
        return folded;
    }

    private void apply(List<RowKey> keys, Map<RowKey, Tally> changes) {
        Map<RowKey, Tally> sums = new HashMap<>();
        dsl.select(REPORT_ROLLUP.CUT, REPORT_ROLLUP.GRAIN, REPORT_ROLLUP.REP_ID, REPORT_ROLLUP.QUEUE_ID, REPORT_ROLLUP.BUCKET,
                        REPORT_ROLLUP.SOURCE, REPORT_ROLLUP.CAMPAIGN, REPORT_ROLLUP.TALLY).from(REPORT_ROLLUP)
                .where(DSL.or(keys.stream().map(RowKey::is).toList()))
                .forEach(r -> sums.put(new RowKey(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), text(r.value6()), text(r.value7())),
                        Tally.decode(r.value8())));
        // new rows go in one bulk insert, rows there already are updated by key, in one pipelined batch
        JdbcBatch insert = JdbcBatch.into(dsl, REPORT_ROLLUP, REPORT_ROLLUP.CUT, REPORT_ROLLUP.GRAIN, REPORT_ROLLUP.REP_ID, REPORT_ROLLUP.QUEUE_ID,
                REPORT_ROLLUP.BUCKET, REPORT_ROLLUP.SOURCE, REPORT_ROLLUP.CAMPAIGN, REPORT_ROLLUP.TALLY);
        JdbcBatch update = JdbcBatch.of(dsl, dsl.update(REPORT_ROLLUP).set(REPORT_ROLLUP.TALLY, DSL.val(null, REPORT_ROLLUP.TALLY))
                .where(REPORT_ROLLUP.CUT.eq(DSL.val(null, REPORT_ROLLUP.CUT))).and(REPORT_ROLLUP.GRAIN.eq(DSL.val(null, REPORT_ROLLUP.GRAIN)))
                .and(REPORT_ROLLUP.REP_ID.eq(DSL.val(null, REPORT_ROLLUP.REP_ID))).and(REPORT_ROLLUP.QUEUE_ID.eq(DSL.val(null, REPORT_ROLLUP.QUEUE_ID)))
                .and(REPORT_ROLLUP.BUCKET.eq(DSL.val(null, REPORT_ROLLUP.BUCKET))).and(REPORT_ROLLUP.SOURCE.eq(DSL.val(null, REPORT_ROLLUP.SOURCE)))
                .and(REPORT_ROLLUP.CAMPAIGN.eq(DSL.val(null, REPORT_ROLLUP.CAMPAIGN))));
        List<RowKey> emptied = new ArrayList<>();
        for (RowKey key : keys) {
            boolean there = sums.containsKey(key);
            Tally sum = there ? sums.get(key) : new Tally();
            sum.add(changes.get(key), 1);
            if (sum.isEmpty()) {
                if (there) {
                    emptied.add(key);
                }
            } else if (there) {
                update.row(sum.encode(), (byte) key.cut(), (byte) key.level(), key.rep(), key.queue(), key.bucket(), bytes(key.source()), bytes(key.campaign()));
            } else {
                insert.row((byte) key.cut(), (byte) key.level(), key.rep(), key.queue(), key.bucket(), bytes(key.source()), bytes(key.campaign()),
                        sum.encode());
            }
        }
        insert.execute();
        update.execute();
        if (!emptied.isEmpty()) {
            dsl.deleteFrom(REPORT_ROLLUP).where(DSL.or(emptied.stream().map(RowKey::is).toList())).execute();
        }
    }

    /** The first hour of the UTC month of {@code hour}. */
    static long monthOf(long hour) {
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(hour, 24));
        return day.withDayOfMonth(1).toEpochDay() * 24;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A row of the sums. */
    private record RowKey(int cut, int level, long rep, long queue, long bucket, String source, String campaign) {
        /** This row, as equalities on the key's columns (which MariaDB reads as one point of the key each). */
        Condition is() {
            return REPORT_ROLLUP.CUT.eq((byte) cut).and(REPORT_ROLLUP.GRAIN.eq((byte) level)).and(REPORT_ROLLUP.REP_ID.eq(rep))
                    .and(REPORT_ROLLUP.QUEUE_ID.eq(queue)).and(REPORT_ROLLUP.BUCKET.eq(bucket)).and(REPORT_ROLLUP.SOURCE.eq(bytes(source)))
                    .and(REPORT_ROLLUP.CAMPAIGN.eq(bytes(campaign)));
        }
    }
}
