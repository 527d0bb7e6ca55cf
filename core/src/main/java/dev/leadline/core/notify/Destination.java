package dev.leadline.core.notify;

/** Where a new card goes: a rep's direct messages, a queue's channel, or a lead's room (by the room's id). */
public record Destination(Type type, long id) {
    /** Kinds of destination. */
    public enum Type { REP, QUEUE, ROOM }

    public static Destination rep(long repId) {
        return new Destination(Type.REP, repId);
    }

    public static Destination queue(long queueId) {
        return new Destination(Type.QUEUE, queueId);
    }

    /** A lead's room: the platform makes it on the first post there, and finds it again by its id. */
    public static Destination room(long roomId) {
        return new Destination(Type.ROOM, roomId);
    }

    /** A channel many people share (a queue's, a room): it shows only the buttons anyone may use. */
    public boolean shared() {
        return type != Type.REP;
    }
}
