package dev.leadline.core.chat;

import dev.leadline.core.rooms.Room;
import dev.leadline.core.rooms.RoomOutcome;

/** What the bot says about a lead's room. */
final class RoomReplies {
    private RoomReplies() {}

    static ChatReply of(RoomOutcome outcome) {
        if (outcome instanceof RoomOutcome.Opening o) {
            return ChatReply.text(Rich.of("Opening a room for " + o.room().lead() + ": ").code("#" + o.room().name())
                    .text("; its card is pinned there and kept current. ").code("/lead room log on").text(" in the room puts its messages on the timeline."));
        } else if (outcome instanceof RoomOutcome.AlreadyOpen a) {
            return ChatReply.text(Rich.of(a.room().lead() + " has a room already: ").code("#" + name(a.room()))
                    .text(a.room().archived() ? " (archived)." : "."));
        } else if (outcome instanceof RoomOutcome.Logging l) {
            return ChatReply.text(l.room().logging() ? "Messages in this room go on " + l.room().lead() + "'s timeline from now on."
                    : "Messages in this room no longer go on " + l.room().lead() + "'s timeline.");
        } else if (outcome instanceof RoomOutcome.NotAllowed n) {
            return ChatReply.forbidden("Not allowed: " + n.reason() + ".");
        }
        return ChatReply.refused(((RoomOutcome.Closed) outcome).reason() + ".");
    }

    private static String name(Room room) {
        return room.name();
    }
}
