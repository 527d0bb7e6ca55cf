package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.common.Page;
import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadCursor;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadSort;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.lead.NewLead;
import dev.leadline.db.jooq.tables.records.SalesLeadRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/** Leads in MariaDB. */
public final class JooqLeadRepository implements LeadRepository {
    private static final Map<LeadField, TableField<SalesLeadRecord, String>> TEXT_COLUMNS = textColumns();

    private final DSLContext dsl;
    /** Duplicate candidate keys are kept with the lead, in its transaction. */
    private final JooqMatchKeys matchKeys;

    /** Leads whose duplicate keys include these identifiers (the installation's, see {@link JooqMatchKeys}). */
    public JooqLeadRepository(DSLContext dsl, Identifiers identifiers) {
        this.dsl = dsl;
        this.matchKeys = new JooqMatchKeys(dsl, identifiers);
    }

    @Override
    public Lead insert(NewLead lead) {
        SalesLeadRecord record = toRecord(lead);
        record.attach(dsl.configuration());
        record.store();
        Lead stored = toLead(record);
        matchKeys.indexNew(List.of(stored));
        return stored;
    }

    @Override
    public List<Lead> insertAll(List<NewLead> leads) {
        List<Lead> stored = insertRows(leads.stream().map(JooqLeadRepository::toRecord).toList());
        matchKeys.indexNew(stored);
        return stored;
    }

    /** Tombstones from the start: no keys, and no second write to mark them merged. */
    @Override
    public List<Lead> insertAllMerged(List<NewLead> leads, List<LeadId> into) {
        List<SalesLeadRecord> records = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            SalesLeadRecord record = toRecord(leads.get(i));
            record.setStatus(LeadStatus.MERGED.name());
            record.setStatusReason(into.get(i).toString());
            records.add(record);
        }
        return insertRows(records);
    }

    private List<Lead> insertRows(List<SalesLeadRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        // toRecord sets the same columns of every lead
        Field<?>[] columns = Arrays.stream(records.get(0).fields()).filter(records.get(0)::changed).toArray(Field<?>[]::new);
        JdbcBatch insert = JdbcBatch.into(dsl, SALES_LEAD, columns);
        for (SalesLeadRecord record : records) {
            insert.row(Arrays.stream(columns).map(record::get).toArray());
        }
        List<Long> ids = insert.executeReturningIds();
        List<Lead> stored = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            SalesLeadRecord record = records.get(i);
            record.setId(ids.get(i));
            stored.add(toLead(record));
        }
        return stored;
    }

    @Override
    public Optional<Lead> find(LeadId id) {
        return dsl.selectFrom(SALES_LEAD).where(SALES_LEAD.ID.eq(id.value())).fetchOptional().map(JooqLeadRepository::toLead);
    }

    @Override
    public Optional<Lead> findForUpdate(LeadId id) {
        return dsl.selectFrom(SALES_LEAD).where(SALES_LEAD.ID.eq(id.value())).forUpdate().fetchOptional().map(JooqLeadRepository::toLead);
    }

    @Override
    public List<Lead> findAll(Collection<LeadId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return dsl.selectFrom(SALES_LEAD).where(SALES_LEAD.ID.in(ids.stream().map(LeadId::value).toList())).fetch(JooqLeadRepository::toLead);
    }

    @Override
    public Page<Lead> list(LeadQuery query) {
        List<Condition> where = LeadViewConditions.of(query);
        LeadSort sort = query.sort();
        Optional<LeadCursor> after = query.after().map(cursor -> cursor.forSort(sort));
        if (sort.field().isEmpty()) {
            if (EveryonesPages.indexFirst(query)) {
                return page(EveryonesPages.indexFirst(dsl, query, after), query.limit(), last -> new LeadCursor(last.getId()));
            }
            after.ifPresent(cursor -> where.add(SALES_LEAD.ID.lt(cursor.lastId())));
            var select = dsl.selectFrom(SALES_LEAD).where(where).orderBy(SALES_LEAD.ID.desc()).limit(query.limit() + 1);
            List<SalesLeadRecord> rows = query.view() == LeadView.NO_UPCOMING
                    ? EveryonesPages.probingNewestFirst(dsl, select) : select.fetch();
            return page(rows, query.limit(), last -> new LeadCursor(last.getId()));
        }
        @SuppressWarnings("unchecked")
        Field<Object> column = (Field<Object>) LeadColumns.column(sort.field().get());
        after.ifPresent(cursor -> where.add(seek(column, sort.descending(), cursor)));
        List<SalesLeadRecord> rows = dsl.selectFrom(SALES_LEAD).where(where)
                .orderBy(DSL.when(column.isNull(), 1).else_(0), sort.descending() ? column.desc() : column.asc(),
                        sort.descending() ? SALES_LEAD.ID.desc() : SALES_LEAD.ID.asc())
                .limit(query.limit() + 1).fetch();
        return page(rows, query.limit(), last -> new LeadCursor(last.getId(), sort.label(),
                Optional.ofNullable(last.get(column)).map(Object::toString).orElse(null)));
    }

    private static Page<Lead> page(List<SalesLeadRecord> rows, int limit, Function<SalesLeadRecord, LeadCursor> cursorAt) {
        if (rows.size() <= limit) {
            return new Page<>(rows.stream().map(JooqLeadRepository::toLead).toList(), Optional.empty());
        }
        List<SalesLeadRecord> page = rows.subList(0, limit);
        return new Page<>(page.stream().map(JooqLeadRepository::toLead).toList(), Optional.of(cursorAt.apply(page.get(limit - 1)).encode()));
    }

    /** Rows after the cursor in (value, id) order, leads without a value last. */
    private static Condition seek(Field<Object> column, boolean descending, LeadCursor cursor) {
        Condition laterId = descending ? SALES_LEAD.ID.lt(cursor.lastId()) : SALES_LEAD.ID.gt(cursor.lastId());
        if (cursor.value().isEmpty()) {
            return column.isNull().and(laterId);
        }
        Object value = column.getDataType().convert(cursor.value().get());
        Condition beyond = descending ? column.lt(value) : column.gt(value);
        return beyond.or(column.eq(value).and(laterId)).or(column.isNull());
    }

    static TableField<SalesLeadRecord, String> textColumn(LeadField field) {
        return TEXT_COLUMNS.get(field);
    }

    @Override
    public Map<String, Lead> findByIntakeKeys(Collection<String> intakeKeys) {
        Map<String, Lead> found = new HashMap<>();
        if (!intakeKeys.isEmpty()) {
            dsl.selectFrom(SALES_LEAD).where(SALES_LEAD.INTAKE_KEY.in(intakeKeys))
                    .forEach(record -> found.put(record.getIntakeKey(), toLead(record)));
        }
        return found;
    }

    @Override
    public Map<String, LeadId> findByEmailKeys(Collection<String> emailKeys) {
        Map<String, LeadId> found = new HashMap<>();
        if (!emailKeys.isEmpty()) {
            dsl.select(SALES_LEAD.EMAIL_KEY, DSL.min(SALES_LEAD.ID)).from(SALES_LEAD).where(SALES_LEAD.EMAIL_KEY.in(emailKeys))
                    .groupBy(SALES_LEAD.EMAIL_KEY)
                    .forEach(row -> found.put(row.value1(), new LeadId(row.value2())));
        }
        return found;
    }

    @Override
    public Lead updateData(Lead lead, LeadData data, Instant at) {
        SalesLeadRecord changes = new SalesLeadRecord();
        writeData(changes, data);
        changes.setUpdatedAt(Times.toDb(at));
        changes.setVersion(lead.version() + 1);
        int updated = dsl.update(SALES_LEAD).set(changes)
                .where(SALES_LEAD.ID.eq(lead.id().value()).and(SALES_LEAD.VERSION.eq(lead.version())))
                .execute();
        if (updated == 0) {
            throw new ConcurrentUpdateException("lead", lead.id(), lead.version());
        }
        Lead changed = find(lead.id()).orElseThrow();
        matchKeys.index(List.of(changed));
        return changed;
    }

    @Override
    public Lead updateStage(Lead lead, LeadStage stage, Instant at) {
        int updated = dsl.update(SALES_LEAD)
                .set(SALES_LEAD.STATUS, stage.status().name())
                .set(SALES_LEAD.STATUS_REASON, stage.statusReason())
                .set(SALES_LEAD.QUEUE_ID, stage.queueId())
                .set(SALES_LEAD.OWNER_REP_ID, stage.ownerRepId())
                .set(SALES_LEAD.OFFERED_AT, Times.toDb(stage.offeredAt()))
                .set(SALES_LEAD.CLAIMED_AT, Times.toDb(stage.claimedAt()))
                .set(SALES_LEAD.FIRST_TOUCHED_AT, Times.toDb(stage.firstTouchedAt()))
                .set(SALES_LEAD.ASSIGNED_AT, Times.toDb(stage.assignedAt()))
                .set(SALES_LEAD.UPDATED_AT, Times.toDb(at))
                .set(SALES_LEAD.LAST_ACTIVITY_AT, activityAt(at))
                .set(SALES_LEAD.VERSION, lead.version() + 1)
                .where(SALES_LEAD.ID.eq(lead.id().value()).and(SALES_LEAD.VERSION.eq(lead.version())))
                .execute();
        if (updated == 0) {
            throw new ConcurrentUpdateException("lead", lead.id(), lead.version());
        }
        return find(lead.id()).orElseThrow();
    }

    /**
     * A change of stage is on the lead's timeline at {@code at} (its callers journal it): the row's
     * {@code last_activity_at} moves with the change, in the same write, rather than in a second
     * update of the same row when the timeline entry is appended.
     */
    private static Field<java.time.LocalDateTime> activityAt(Instant at) {
        return activityAt(DSL.val(Times.toDb(at), SALES_LEAD.LAST_ACTIVITY_AT.getDataType()));
    }

    private static Field<java.time.LocalDateTime> activityAt(Field<java.time.LocalDateTime> when) {
        return DSL.greatest(DSL.coalesce(SALES_LEAD.LAST_ACTIVITY_AT, when), when);
    }

    /**
     * One batch of one-row updates, each at the lead's version: if any lead has moved on, the change
     * fails naming that lead and none of the leads changes (the batch runs in its own transaction, or
     * in a savepoint of the caller's).
     */
    @Override
    public List<Lead> updateStages(List<Lead> leads, List<LeadStage> stages, Instant at) {
        if (leads.isEmpty()) {
            return List.of();
        }
        JdbcBatch batch = JdbcBatch.of(dsl, dsl.update(SALES_LEAD)
                .set(SALES_LEAD.STATUS, DSL.val(null, SALES_LEAD.STATUS))
                .set(SALES_LEAD.STATUS_REASON, DSL.val(null, SALES_LEAD.STATUS_REASON))
                .set(SALES_LEAD.QUEUE_ID, DSL.val(null, SALES_LEAD.QUEUE_ID))
                .set(SALES_LEAD.OWNER_REP_ID, DSL.val(null, SALES_LEAD.OWNER_REP_ID))
                .set(SALES_LEAD.OFFERED_AT, DSL.val(null, SALES_LEAD.OFFERED_AT))
                .set(SALES_LEAD.CLAIMED_AT, DSL.val(null, SALES_LEAD.CLAIMED_AT))
                .set(SALES_LEAD.FIRST_TOUCHED_AT, DSL.val(null, SALES_LEAD.FIRST_TOUCHED_AT))
                .set(SALES_LEAD.ASSIGNED_AT, DSL.val(null, SALES_LEAD.ASSIGNED_AT))
                .set(SALES_LEAD.UPDATED_AT, DSL.val(null, SALES_LEAD.UPDATED_AT))
                .set(SALES_LEAD.LAST_ACTIVITY_AT, activityAt(DSL.val(null, SALES_LEAD.LAST_ACTIVITY_AT)))
                .set(SALES_LEAD.VERSION, SALES_LEAD.VERSION.plus(DSL.inline(1)))
                .where(SALES_LEAD.ID.eq(DSL.val(null, SALES_LEAD.ID)).and(SALES_LEAD.VERSION.eq(DSL.val(null, SALES_LEAD.VERSION)))));
        var when = Times.toDb(at);
        int[] order = idOrder(leads);
        for (int i : order) {
            LeadStage stage = stages.get(i);
            batch.row(stage.status().name(), stage.statusReason(), stage.queueId(), stage.ownerRepId(), Times.toDb(stage.offeredAt()),
                    Times.toDb(stage.claimedAt()), Times.toDb(stage.firstTouchedAt()), Times.toDb(stage.assignedAt()),
                    when, when, when, // updated_at, activityAt's two
                    leads.get(i).id().value(), leads.get(i).version());
        }
        executeAtVersions(batch, leads, order);
        List<Lead> updated = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            updated.add(new Lead(lead.id(), lead.data(), stages.get(i), lead.score(), lead.enrichment(), lead.createdAt(), at, lead.version() + 1));
        }
        return updated;
    }

    /** As {@link #updateStages}: one batch of one-row updates at each lead's version, then one read and one re-indexing of them all. */
    @Override
    public List<Lead> updateAllData(List<Lead> leads, List<LeadData> data, Instant at) {
        if (leads.isEmpty()) {
            return List.of();
        }
        SalesLeadRecord probe = new SalesLeadRecord();
        writeData(probe, data.get(0));
        // writeData sets the same columns for any data
        List<Field<?>> columns = Arrays.stream(probe.fields()).filter(probe::changed).toList();
        Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
        values.put(SALES_LEAD.UPDATED_AT, DSL.val(null, SALES_LEAD.UPDATED_AT));
        columns.forEach(column -> values.put(column, DSL.val(null, column)));
        values.put(SALES_LEAD.VERSION, SALES_LEAD.VERSION.plus(DSL.inline(1)));
        JdbcBatch batch = JdbcBatch.of(dsl, dsl.update(SALES_LEAD).set(values)
                .where(SALES_LEAD.ID.eq(DSL.val(null, SALES_LEAD.ID)).and(SALES_LEAD.VERSION.eq(DSL.val(null, SALES_LEAD.VERSION)))));
        int[] order = idOrder(leads);
        for (int i : order) {
            SalesLeadRecord record = new SalesLeadRecord();
            writeData(record, data.get(i));
            List<Object> row = new ArrayList<>(columns.size() + 3);
            row.add(Times.toDb(at));
            columns.forEach(column -> row.add(record.get(column)));
            row.add(leads.get(i).id().value());
            row.add(leads.get(i).version());
            batch.row(row.toArray());
        }
        executeAtVersions(batch, leads, order);
        Map<LeadId, Lead> now = new HashMap<>();
        findAll(leads.stream().map(Lead::id).toList()).forEach(lead -> now.put(lead.id(), lead));
        List<Lead> updated = leads.stream().map(lead -> now.get(lead.id())).toList();
        matchKeys.index(updated);
        return updated;
    }

    /** The indexes of the leads in id order, as every statement that locks several leads takes them, so two batches cannot deadlock. */
    private static int[] idOrder(List<Lead> leads) {
        return IntStream.range(0, leads.size()).boxed().sorted(Comparator.comparingLong(i -> leads.get(i).id().value()))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Runs a batch of one-row updates (rows in {@code order}), each at its lead's version: all or none, naming a lead that moved on. */
    private void executeAtVersions(JdbcBatch batch, List<Lead> leads, int[] order) {
        new JooqTransactor(dsl).inTransaction(() -> {
            int[] counts = batch.execute();
            for (int row = 0; row < counts.length; row++) {
                if (counts[row] != 1) {
                    Lead stale = leads.get(order[row]);
                    throw new ConcurrentUpdateException("lead", stale.id(), stale.version());
                }
            }
        });
    }

    @Override
    public boolean claim(LeadId id, long queueId, long repId, Instant at) {
        return dsl.update(SALES_LEAD)
                .set(SALES_LEAD.OWNER_REP_ID, repId)
                .set(SALES_LEAD.CLAIMED_AT, DSL.coalesce(SALES_LEAD.CLAIMED_AT, DSL.val(Times.toDb(at), SALES_LEAD.CLAIMED_AT.getDataType())))
                .set(SALES_LEAD.OFFERED_AT, DSL.coalesce(SALES_LEAD.OFFERED_AT, DSL.val(Times.toDb(at), SALES_LEAD.OFFERED_AT.getDataType())))
                .set(SALES_LEAD.ASSIGNED_AT, Times.toDb(at))
                .set(SALES_LEAD.UPDATED_AT, Times.toDb(at))
                .set(SALES_LEAD.VERSION, SALES_LEAD.VERSION.plus(1))
                .where(SALES_LEAD.ID.eq(id.value()).and(SALES_LEAD.OWNER_REP_ID.isNull()).and(SALES_LEAD.QUEUE_ID.eq(queueId)))
                .execute() == 1;
    }

    @Override
    public long count() {
        return dsl.fetchCount(SALES_LEAD);
    }

    @Override
    public long count(LeadQuery query) {
        if (EveryonesCounts.applies(query)) {
            return EveryonesCounts.count(dsl, query);
        }
        return dsl.fetchCount(SALES_LEAD, LeadViewConditions.of(query));
    }

    @Override
    public Map<Long, Long> countByOwner(LeadQuery query, java.util.Collection<Long> owners) {
        LeadQuery everyone = query.withOwner(java.util.Optional.empty());
        if (!owners.isEmpty() && EveryonesCounts.applies(everyone) && (query.view() == LeadView.OVERDUE || query.view() == LeadView.NO_UPCOMING)) {
            return EveryonesCounts.countByOwner(dsl, everyone, owners);
        }
        return LeadRepository.super.countByOwner(query, owners);
    }

    private static SalesLeadRecord toRecord(NewLead lead) {
        SalesLeadRecord record = new SalesLeadRecord();
        writeData(record, lead.data());
        record.setIntakeKey(lead.intakeKey());
        record.setStatus(LeadStatus.NEW.name());
        record.setQueueId(lead.queueId());
        record.setOfferedAt(lead.queueId() == null ? null : Times.toDb(lead.createdAt()));
        record.setCreatedAt(Times.toDb(lead.createdAt()));
        record.setUpdatedAt(Times.toDb(lead.createdAt()));
        // its timeline starts with its creation: written here, the journal's touch of a new lead changes nothing
        record.setLastActivityAt(Times.toDb(lead.createdAt()));
        record.setVersion(0);
        return record;
    }

    private static void writeData(SalesLeadRecord record, LeadData data) {
        TEXT_COLUMNS.forEach((field, column) -> record.set(column, data.getOrNull(field)));
        record.setEmployeeCount(data.employeeCount());
        record.setBirthDate(data.get(LeadField.BIRTH_DATE).map(LocalDate::parse).orElse(null));
        record.setEmailKey(data.emailKey());
        record.setCustomFields(Json.write(data.customFields()));
    }

    static Lead toLead(SalesLeadRecord record) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        TEXT_COLUMNS.forEach((field, column) -> {
            String value = record.get(column);
            if (value != null) {
                fields.put(field, value);
            }
        });
        if (record.getEmployeeCount() != null) {
            fields.put(LeadField.EMPLOYEE_COUNT, record.getEmployeeCount().toString());
        }
        if (record.getBirthDate() != null) {
            fields.put(LeadField.BIRTH_DATE, record.getBirthDate().toString());
        }
        LeadStage stage = new LeadStage(LeadStatus.valueOf(record.getStatus()), record.getStatusReason(), record.getQueueId(),
                record.getOwnerRepId(), Times.fromDb(record.getOfferedAt()), Times.fromDb(record.getClaimedAt()),
                Times.fromDb(record.getFirstTouchedAt()), Times.fromDb(record.getAssignedAt()));
        return new Lead(new LeadId(record.getId()), new LeadData(fields, Json.read(record.getCustomFields())), stage, record.getScore(),
                Json.read(record.getEnrichment()), Times.fromDb(record.getCreatedAt()), Times.fromDb(record.getUpdatedAt()),
                record.getVersion());
    }

    private static Map<LeadField, TableField<SalesLeadRecord, String>> textColumns() {
        Map<LeadField, TableField<SalesLeadRecord, String>> columns = new EnumMap<>(LeadField.class);
        columns.put(LeadField.FIRST_NAME, SALES_LEAD.FIRST_NAME);
        columns.put(LeadField.LAST_NAME, SALES_LEAD.LAST_NAME);
        columns.put(LeadField.EMAIL, SALES_LEAD.EMAIL);
        columns.put(LeadField.PHONE, SALES_LEAD.PHONE);
        columns.put(LeadField.COMPANY, SALES_LEAD.COMPANY);
        columns.put(LeadField.TITLE, SALES_LEAD.TITLE);
        columns.put(LeadField.WEBSITE, SALES_LEAD.WEBSITE);
        columns.put(LeadField.DOMAIN, SALES_LEAD.DOMAIN);
        columns.put(LeadField.STREET, SALES_LEAD.STREET);
        columns.put(LeadField.COUNTRY, SALES_LEAD.COUNTRY);
        columns.put(LeadField.STATE, SALES_LEAD.STATE);
        columns.put(LeadField.CITY, SALES_LEAD.CITY);
        columns.put(LeadField.POSTAL_CODE, SALES_LEAD.POSTAL_CODE);
        columns.put(LeadField.INDUSTRY, SALES_LEAD.INDUSTRY);
        columns.put(LeadField.SOURCE, SALES_LEAD.SOURCE);
        columns.put(LeadField.CAMPAIGN, SALES_LEAD.CAMPAIGN);
        columns.put(LeadField.EXTERNAL_ID, SALES_LEAD.EXTERNAL_ID);
        return Map.copyOf(columns);
    }
}
