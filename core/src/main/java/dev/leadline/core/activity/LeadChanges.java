package dev.leadline.core.activity;

import dev.leadline.core.lead.LeadId;
import java.util.List;

/**
 * The timeline read as a feed of changes, in the order they were stored, on whichever node made
 * them: what a live page polls to learn that leads changed elsewhere.
 */
public interface LeadChanges {
    /** One timeline entry as a change to a lead, at {@code position} in the feed. */
    record Change(long position, LeadId lead, ActivityType type) {}

    /** Where the feed ends now. */
    long head();

    /** Up to {@code limit} changes after {@code position}, oldest first. */
    List<Change> after(long position, int limit);
}
