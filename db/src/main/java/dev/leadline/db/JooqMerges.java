package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACTIVITY;
import static dev.leadline.db.jooq.Tables.LEAD_FILE;
import static dev.leadline.db.jooq.Tables.LEAD_MERGE;
import static dev.leadline.db.jooq.Tables.LEAD_MERGE_MEMBER;
import static dev.leadline.db.jooq.Tables.LEAD_MERGE_MOVED;
import static dev.leadline.db.jooq.Tables.MEETING;
import static dev.leadline.db.jooq.Tables.MESSAGE_REF;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static dev.leadline.db.jooq.Tables.TASK;

import dev.leadline.core.dedupe.LeadMerge;
import dev.leadline.core.dedupe.MergeStore;
import dev.leadline.core.lead.LeadId;
import dev.leadline.db.jooq.tables.records.LeadMergeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Merges in MariaDB: {@code lead_merge} with its members and what moved, and the moves themselves
 * (timeline, meetings, tasks by {@code lead_id}; chat cards by re-keying {@code message_ref}). A merge
 * settles the duplicate flags between the leads it joins; undoing it opens them again.
 */
public final class JooqMerges implements MergeStore {
    private final DSLContext dsl;

    public JooqMerges(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<LeadMerge.Moved> moveBelongings(Map<LeadId, LeadId> survivorOf) {
        List<LeadMerge.Moved> moved = new ArrayList<>();
        move(ACTIVITY, ACTIVITY.ID, ACTIVITY.LEAD_ID, LeadMerge.Kind.ACTIVITY, survivorOf, moved);
        move(MEETING, MEETING.ID, MEETING.LEAD_ID, LeadMerge.Kind.MEETING, survivorOf, moved);
        move(TASK, TASK.ID, TASK.LEAD_ID, LeadMerge.Kind.TASK, survivorOf, moved);
        move(LEAD_FILE, LEAD_FILE.ID, LEAD_FILE.LEAD_ID, LeadMerge.Kind.FILE, survivorOf, moved);
        moveCards(survivorOf, moved);
        return moved;
    }

    @Override
    public List<LeadMerge.Moved> moveTimelines(Map<LeadId, LeadId> survivorOf) {
        List<LeadMerge.Moved> moved = new ArrayList<>();
        move(ACTIVITY, ACTIVITY.ID, ACTIVITY.LEAD_ID, LeadMerge.Kind.ACTIVITY, survivorOf, moved);
        return moved;
    }

    /** One read of the rows of every merged lead, and one batch that moves each lead's rows to its survivor. */
    private <R extends org.jooq.Record> void move(Table<R> table, TableField<R, Long> id, TableField<R, Long> leadId, LeadMerge.Kind kind,
                                                  Map<LeadId, LeadId> survivorOf, List<LeadMerge.Moved> moved) {
        List<Long> from = survivorOf.keySet().stream().map(LeadId::value).toList();
        Set<Long> having = new LinkedHashSet<>();
        dsl.select(id, leadId).from(table).where(leadId.in(from)).forEach(r -> {
            moved.add(LeadMerge.Moved.row(kind, r.value1(), new LeadId(r.value2())));
            having.add(r.value2());
        });
        JdbcBatch move = JdbcBatch.of(dsl, dsl.update(table).set(leadId, DSL.val(null, leadId)).where(leadId.eq(DSL.val(null, leadId))));
        having.forEach(lead -> move.row(survivorOf.get(new LeadId(lead)).value(), lead));
        move.execute();
    }

    /** Re-keys each merged lead's chat cards to its survivor, except where the survivor has a card already; one read for all. */
    private void moveCards(Map<LeadId, LeadId> survivorOf, List<LeadMerge.Moved> moved) {
        Map<String, LeadId> merged = new LinkedHashMap<>();
        survivorOf.keySet().forEach(lead -> merged.put(cardKey(lead), lead));
        Set<String> survivorKeys = new LinkedHashSet<>();
        survivorOf.values().forEach(lead -> survivorKeys.add(cardKey(lead)));
        var refs = dsl.selectFrom(MESSAGE_REF).where(MESSAGE_REF.CARD_KEY.in(merged.keySet()).or(MESSAGE_REF.CARD_KEY.in(survivorKeys)))
                .orderBy(MESSAGE_REF.CARD_KEY).fetch();
        Set<String> taken = new HashSet<>();
        refs.stream().filter(ref -> survivorKeys.contains(ref.getCardKey())).forEach(ref -> taken.add(ref.getCardKey() + "|" + where(ref)));
        for (LeadId lead : survivorOf.keySet()) {
            String survivorKey = cardKey(survivorOf.get(lead));
            for (var ref : refs.stream().filter(r -> r.getCardKey().equals(cardKey(lead))).toList()) {
                if (taken.add(survivorKey + "|" + where(ref))) {
                    dsl.update(MESSAGE_REF).set(MESSAGE_REF.CARD_KEY, survivorKey).where(MESSAGE_REF.CARD_KEY.eq(ref.getCardKey())
                            .and(MESSAGE_REF.PLATFORM.eq(ref.getPlatform())).and(MESSAGE_REF.DESTINATION_TYPE.eq(ref.getDestinationType()))
                            .and(MESSAGE_REF.DESTINATION_ID.eq(ref.getDestinationId()))).execute();
                    moved.add(new LeadMerge.Moved(LeadMerge.Kind.CARD, ref.getDestinationId(), lead, ref.getPlatform(), ref.getDestinationType()));
                }
            }
        }
    }

    @Override
    public void moveBack(List<LeadMerge.Moved> moved, LeadId survivor) {
        for (LeadMerge.Moved m : moved) {
            switch (m.kind()) {
                case ACTIVITY -> back(ACTIVITY.LEAD_ID, ACTIVITY.ID, m, survivor);
                case MEETING -> back(MEETING.LEAD_ID, MEETING.ID, m, survivor);
                case TASK -> back(TASK.LEAD_ID, TASK.ID, m, survivor);
                case FILE -> back(LEAD_FILE.LEAD_ID, LEAD_FILE.ID, m, survivor);
                case CARD -> dsl.update(MESSAGE_REF).set(MESSAGE_REF.CARD_KEY, cardKey(m.from()))
                        .where(MESSAGE_REF.CARD_KEY.eq(cardKey(survivor)).and(MESSAGE_REF.PLATFORM.eq(m.platform()))
                                .and(MESSAGE_REF.DESTINATION_TYPE.eq(m.destinationType())).and(MESSAGE_REF.DESTINATION_ID.eq(m.rowId())))
                        .execute();
            }
        }
    }

    private void back(TableField<?, Long> leadId, TableField<?, Long> id, LeadMerge.Moved m, LeadId survivor) {
        dsl.update(leadId.getTable()).set(leadId, m.from().value()).where(id.eq(m.rowId()).and(leadId.eq(survivor.value()))).execute();
    }

    @Override
    public void setCreatedAt(LeadId lead, Instant createdAt) {
        dsl.update(SALES_LEAD).set(SALES_LEAD.CREATED_AT, Times.toDb(createdAt)).where(SALES_LEAD.ID.eq(lead.value())).execute();
    }

    @Override
    public List<LeadMerge> saveAll(List<LeadMerge> merges) {
        JdbcBatch insert = JdbcBatch.into(dsl, LEAD_MERGE, LEAD_MERGE.SURVIVOR_ID, LEAD_MERGE.SURVIVOR_DATA_BEFORE, LEAD_MERGE.SURVIVOR_DATA_AFTER,
                LEAD_MERGE.SURVIVOR_CREATED_BEFORE, LEAD_MERGE.ACTOR, LEAD_MERGE.CREATED_AT);
        for (LeadMerge m : merges) {
            String before = StoredLeads.data(m.survivorBefore());
            String after = m.survivorAfter().equals(m.survivorBefore()) ? before : StoredLeads.data(m.survivorAfter());
            insert.row(m.survivor().value(), before, after, Times.toDb(m.survivorCreatedBefore()), m.actor(), Times.toDb(m.at()));
        }
        List<Long> ids = insert.insertReturningIds(LEAD_MERGE.ID);
        JdbcBatch members = JdbcBatch.into(dsl, LEAD_MERGE_MEMBER, LEAD_MERGE_MEMBER.MERGE_ID, LEAD_MERGE_MEMBER.LEAD_ID,
                LEAD_MERGE_MEMBER.STAGE_BEFORE);
        JdbcBatch moved = JdbcBatch.into(dsl, LEAD_MERGE_MOVED, LEAD_MERGE_MOVED.MERGE_ID, LEAD_MERGE_MOVED.KIND, LEAD_MERGE_MOVED.ROW_ID,
                LEAD_MERGE_MOVED.FROM_LEAD_ID, LEAD_MERGE_MOVED.PLATFORM, LEAD_MERGE_MOVED.DESTINATION_TYPE);
        Map<Long, List<LeadId>> joined = new LinkedHashMap<>();
        List<LeadMerge> saved = new ArrayList<>(merges.size());
        for (int i = 0; i < merges.size(); i++) {
            LeadMerge m = merges.get(i);
            long id = ids.get(i);
            m.members().forEach(member -> members.row(id, member.lead().value(), StoredLeads.stage(member.stageBefore())));
            m.moved().forEach(move -> moved.row(id, move.kind().name(), move.rowId(), move.from().value(), move.platform(), move.destinationType()));
            List<LeadId> leads = new ArrayList<>(m.mergedIds());
            leads.add(m.survivor());
            joined.put(id, leads);
            saved.add(new LeadMerge(id, m.survivor(), m.survivorBefore(), m.survivorAfter(), m.survivorCreatedBefore(), m.members(), m.moved(),
                    m.actor(), m.at(), null));
        }
        members.execute();
        moved.execute();
        if (!merges.isEmpty()) {
            JooqDuplicateFlags.settle(dsl, joined, merges.get(0).at());
        }
        return saved;
    }

    @Override
    public Optional<LeadMerge> latestInto(LeadId survivor) {
        return dsl.selectFrom(LEAD_MERGE).where(LEAD_MERGE.SURVIVOR_ID.eq(survivor.value()).and(LEAD_MERGE.UNDONE_AT.isNull()))
                .orderBy(LEAD_MERGE.ID.desc()).limit(1).fetchOptional().map(this::read);
    }

    private LeadMerge read(LeadMergeRecord r) {
        List<LeadMerge.Member> members = dsl.selectFrom(LEAD_MERGE_MEMBER).where(LEAD_MERGE_MEMBER.MERGE_ID.eq(r.getId()))
                .orderBy(LEAD_MERGE_MEMBER.LEAD_ID).fetch(m -> new LeadMerge.Member(new LeadId(m.getLeadId()), StoredLeads.stage(m.getStageBefore())));
        List<LeadMerge.Moved> moved = dsl.selectFrom(LEAD_MERGE_MOVED).where(LEAD_MERGE_MOVED.MERGE_ID.eq(r.getId()))
                .fetch(m -> new LeadMerge.Moved(LeadMerge.Kind.valueOf(m.getKind()), m.getRowId(), new LeadId(m.getFromLeadId()), m.getPlatform(),
                        m.getDestinationType()));
        return new LeadMerge(r.getId(), new LeadId(r.getSurvivorId()), StoredLeads.data(r.getSurvivorDataBefore()),
                StoredLeads.data(r.getSurvivorDataAfter()), Times.fromDb(r.getSurvivorCreatedBefore()), members, moved, r.getActor(),
                Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getUndoneAt()));
    }

    @Override
    public void markUndone(long mergeId, Instant at) {
        dsl.update(LEAD_MERGE).set(LEAD_MERGE.UNDONE_AT, Times.toDb(at)).where(LEAD_MERGE.ID.eq(mergeId)).execute();
        JooqDuplicateFlags.reopen(dsl, mergeId);
    }

    /** Where a card was posted: platform, destination type and id. */
    private static String where(dev.leadline.db.jooq.tables.records.MessageRefRecord ref) {
        return ref.getPlatform() + "|" + ref.getDestinationType() + "|" + ref.getDestinationId();
    }

    /** The chat card key of a lead, as {@code CardAnnouncer.cardKey} writes it. */
    private static String cardKey(LeadId lead) {
        return dev.leadline.core.notify.CardAnnouncer.cardKey(lead);
    }
}
