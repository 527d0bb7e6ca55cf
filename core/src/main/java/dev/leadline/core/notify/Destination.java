package dev.leadline.core.notify;

/** Where a new card goes: a rep's direct messages, or a queue's channel. */
public record Destination(Type type, long id) {
    /** Kinds of destination. */
    public enum Type { REP, QUEUE }

    public static Destination rep(long repId) {
        return new Destination(Type.REP, repId);
    }

    public static Destination queue(long queueId) {
        return new Destination(Type.QUEUE, queueId);
    }
}
