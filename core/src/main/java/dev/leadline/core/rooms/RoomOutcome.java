package dev.leadline.core.rooms;

/** What asking for a lead's room came to. */
public sealed interface RoomOutcome {
    /** Recorded; the platform makes it shortly (the outbox delivers it). */
    record Opening(Room room) implements RoomOutcome {}

    /** The lead has a room already: nothing made twice. */
    record AlreadyOpen(Room room) implements RoomOutcome {}

    /** The room's messages go on the lead's timeline now ({@code room.logging()}), or no longer. */
    record Logging(Room room) implements RoomOutcome {}

    /** The rep may not open it (not the owner, a manager or named by the rule). */
    record NotAllowed(String reason) implements RoomOutcome {}

    /** The lead is closed (converted, disqualified, merged): no new room. */
    record Closed(String reason) implements RoomOutcome {}
}
