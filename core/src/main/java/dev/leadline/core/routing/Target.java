package dev.leadline.core.routing;

/** Where a rule entry sends a lead. */
public sealed interface Target {
    /** To this rep directly. */
    record ToRep(long repId) implements Target {}

    /** To this queue, which hands it out by its strategy. */
    record ToQueue(long queueId) implements Target {}

    /** To the owner of the account the lead matches; when there is none, the next matching entry decides. */
    record AccountOwner() implements Target {}

    /** Leave it with the rep who has it; when nobody has it, the next matching entry decides. */
    record KeepOwner() implements Target {}
}
