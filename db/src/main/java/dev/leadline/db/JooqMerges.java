package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACTIVITY;
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
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableField;

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
    public List<LeadMerge.Moved> moveBelongings(List<LeadId> from, LeadId to) {
        List<LeadMerge.Moved> moved = new ArrayList<>();
        List<Long> ids = from.stream().map(LeadId::value).toList();
        move(ACTIVITY, ACTIVITY.ID, ACTIVITY.LEAD_ID, LeadMerge.Kind.ACTIVITY, ids, to, moved);
        move(MEETING, MEETING.ID, MEETING.LEAD_ID, LeadMerge.Kind.MEETING, ids, to, moved);
        move(TASK, TASK.ID, TASK.LEAD_ID, LeadMerge.Kind.TASK, ids, to, moved);
        String survivorKey = cardKey(to);
        java.util.Set<String> taken = new java.util.HashSet<>(dsl.selectFrom(MESSAGE_REF).where(MESSAGE_REF.CARD_KEY.eq(survivorKey))
                .fetch(JooqMerges::where));
        for (LeadId lead : from) {
            for (var ref : dsl.selectFrom(MESSAGE_REF).where(MESSAGE_REF.CARD_KEY.eq(cardKey(lead))).fetch()) {
                if (taken.add(where(ref))) {
                    dsl.update(MESSAGE_REF).set(MESSAGE_REF.CARD_KEY, survivorKey).where(MESSAGE_REF.CARD_KEY.eq(ref.getCardKey())
                            .and(MESSAGE_REF.PLATFORM.eq(ref.getPlatform())).and(MESSAGE_REF.DESTINATION_TYPE.eq(ref.getDestinationType()))
                            .and(MESSAGE_REF.DESTINATION_ID.eq(ref.getDestinationId()))).execute();
                    moved.add(new LeadMerge.Moved(LeadMerge.Kind.CARD, ref.getDestinationId(), lead, ref.getPlatform(), ref.getDestinationType()));
                }
            }
        }
        return moved;
    }

    private <R extends org.jooq.Record> void move(Table<R> table, TableField<R, Long> id, TableField<R, Long> leadId, LeadMerge.Kind kind,
                                                  List<Long> from, LeadId to, List<LeadMerge.Moved> moved) {
        dsl.select(id, leadId).from(table).where(leadId.in(from))
                .forEach(r -> moved.add(LeadMerge.Moved.row(kind, r.value1(), new LeadId(r.value2()))));
        dsl.update(table).set(leadId, to.value()).where(leadId.in(from)).execute();
    }

    @Override
    public void moveBack(List<LeadMerge.Moved> moved, LeadId survivor) {
        for (LeadMerge.Moved m : moved) {
            switch (m.kind()) {
                case ACTIVITY -> back(ACTIVITY.LEAD_ID, ACTIVITY.ID, m, survivor);
                case MEETING -> back(MEETING.LEAD_ID, MEETING.ID, m, survivor);
                case TASK -> back(TASK.LEAD_ID, TASK.ID, m, survivor);
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
    public LeadMerge save(LeadMerge merge) {
        LeadMergeRecord r = dsl.newRecord(LEAD_MERGE);
        r.setSurvivorId(merge.survivor().value());
        r.setSurvivorDataBefore(StoredLeads.data(merge.survivorBefore()));
        r.setSurvivorDataAfter(StoredLeads.data(merge.survivorAfter()));
        r.setSurvivorCreatedBefore(Times.toDb(merge.survivorCreatedBefore()));
        r.setActor(merge.actor());
        r.setCreatedAt(Times.toDb(merge.at()));
        r.store();
        long id = r.getId();
        var members = dsl.insertInto(LEAD_MERGE_MEMBER, LEAD_MERGE_MEMBER.MERGE_ID, LEAD_MERGE_MEMBER.LEAD_ID, LEAD_MERGE_MEMBER.STAGE_BEFORE);
        for (LeadMerge.Member m : merge.members()) {
            members = members.values(id, m.lead().value(), StoredLeads.stage(m.stageBefore()));
        }
        members.execute();
        if (!merge.moved().isEmpty()) {
            var moved = dsl.insertInto(LEAD_MERGE_MOVED, LEAD_MERGE_MOVED.MERGE_ID, LEAD_MERGE_MOVED.KIND, LEAD_MERGE_MOVED.ROW_ID,
                    LEAD_MERGE_MOVED.FROM_LEAD_ID, LEAD_MERGE_MOVED.PLATFORM, LEAD_MERGE_MOVED.DESTINATION_TYPE);
            for (LeadMerge.Moved m : merge.moved()) {
                moved = moved.values(id, m.kind().name(), m.rowId(), m.from().value(), m.platform(), m.destinationType());
            }
            moved.execute();
        }
        List<LeadId> joined = new ArrayList<>(merge.mergedIds());
        joined.add(merge.survivor());
        JooqDuplicateFlags.settle(dsl, joined, id, merge.at());
        return new LeadMerge(id, merge.survivor(), merge.survivorBefore(), merge.survivorAfter(), merge.survivorCreatedBefore(),
                merge.members(), merge.moved(), merge.actor(), merge.at(), null);
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
