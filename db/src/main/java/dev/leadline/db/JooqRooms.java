package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_ROOM;
import static dev.leadline.db.jooq.Tables.MESSAGE_REF;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.rooms.Room;
import dev.leadline.core.rooms.RoomRepository;
import dev.leadline.db.jooq.tables.records.LeadRoomRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Lead rooms in {@code lead_room}; the unique key on the lead keeps one per lead. */
public final class JooqRooms implements RoomRepository {
    private final DSLContext dsl;

    public JooqRooms(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Added add(LeadId lead, String platform, String name, List<Long> invitees, Instant at) {
        int inserted = dsl.insertInto(LEAD_ROOM, LEAD_ROOM.LEAD_ID, LEAD_ROOM.PLATFORM, LEAD_ROOM.NAME, LEAD_ROOM.INVITEES, LEAD_ROOM.OPENED_AT)
                .values(lead.value(), platform, name, invitees.stream().map(String::valueOf).collect(Collectors.joining(",")), Times.toDb(at))
                .onDuplicateKeyIgnore().execute();
        // a locking read sees the row another transaction committed meanwhile, past this one's snapshot
        Room room = dsl.selectFrom(LEAD_ROOM).where(LEAD_ROOM.LEAD_ID.eq(lead.value())).forUpdate().fetchOptional(JooqRooms::room).orElseThrow();
        return new Added(room, inserted == 1);
    }

    @Override
    public Optional<Room> find(long id) {
        return dsl.selectFrom(LEAD_ROOM).where(LEAD_ROOM.ID.eq(id)).fetchOptional(JooqRooms::room);
    }

    @Override
    public Optional<Room> forLead(LeadId lead) {
        return dsl.selectFrom(LEAD_ROOM).where(LEAD_ROOM.LEAD_ID.eq(lead.value())).fetchOptional(JooqRooms::room);
    }

    @Override
    public Optional<Room> at(String platform, String address) {
        if (platform == null || address == null) {
            return Optional.empty();
        }
        return dsl.selectFrom(LEAD_ROOM).where(LEAD_ROOM.PLATFORM.eq(platform)).and(LEAD_ROOM.ADDRESS.eq(address)).fetchOptional(JooqRooms::room);
    }

    @Override
    public void placed(long id, String name, String address) {
        dsl.update(LEAD_ROOM).set(LEAD_ROOM.NAME, name).set(LEAD_ROOM.ADDRESS, address).where(LEAD_ROOM.ID.eq(id)).execute();
    }

    @Override
    public void archived(long id, boolean archived) {
        dsl.update(LEAD_ROOM).set(LEAD_ROOM.ARCHIVED, archived).where(LEAD_ROOM.ID.eq(id)).execute();
    }

    @Override
    public void logging(long id, boolean on) {
        dsl.update(LEAD_ROOM).set(LEAD_ROOM.LOGGING, on).where(LEAD_ROOM.ID.eq(id)).execute();
    }

    @Override
    public Optional<String> cardRef(LeadId lead, String platform) {
        return dsl.select(MESSAGE_REF.REF).from(MESSAGE_REF).where(MESSAGE_REF.CARD_KEY.eq(CardAnnouncer.cardKey(lead)))
                .and(MESSAGE_REF.PLATFORM.eq(platform)).and(MESSAGE_REF.DESTINATION_TYPE.ne(Destination.Type.ROOM.name()))
                .orderBy(MESSAGE_REF.DESTINATION_TYPE, MESSAGE_REF.UPDATED_AT).limit(1).fetchOptional(MESSAGE_REF.REF);
    }

    private static Room room(LeadRoomRecord r) {
        List<Long> invitees = r.getInvitees().isEmpty() ? List.of() : Arrays.stream(r.getInvitees().split(",")).map(Long::valueOf).toList();
        return new Room(r.getId(), new LeadId(r.getLeadId()), r.getPlatform(), r.getName(), r.getAddress(), Boolean.TRUE.equals(r.getArchived()),
                Boolean.TRUE.equals(r.getLogging()), invitees, Times.fromDb(r.getOpenedAt()));
    }
}
