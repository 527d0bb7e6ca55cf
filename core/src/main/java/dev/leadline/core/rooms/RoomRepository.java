package dev.leadline.core.rooms;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The lead rooms: at most one per lead (the store's unique key keeps it so across nodes). */
public interface RoomRepository {
    /**
     * Records a room for the lead in the caller's transaction, unless it has one: the lead's room as it
     * is now (read past the caller's snapshot), and whether this call recorded it.
     */
    Added add(LeadId lead, String platform, String name, List<Long> invitees, Instant at);

    /** The lead's room, and whether it is new. */
    record Added(Room room, boolean fresh) {}

    Optional<Room> find(long id);

    Optional<Room> forLead(LeadId lead);

    /** The room a platform made at {@code address} (a channel's id). */
    Optional<Room> at(String platform, String address);

    /** Where the platform made the room, and under which name (a taken name gets a suffix). */
    void placed(long id, String name, String address);

    void archived(long id, boolean archived);

    void logging(long id, boolean on);

    /**
     * Where the lead's card was posted on the platform before it had a room (its queue's channel or its
     * owner's chat), as the platform's reference: a room that cannot be a channel becomes a thread under it.
     */
    Optional<String> cardRef(LeadId lead, String platform);
}
