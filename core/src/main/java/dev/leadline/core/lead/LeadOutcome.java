package dev.leadline.core.lead;

import java.time.Instant;

/** What became of something a rep or manager tried to do with a lead. */
public sealed interface LeadOutcome {
    /** It happened; here is the lead as it is now. */
    record Done(Lead lead) implements LeadOutcome {}

    /** Someone else claimed it first. */
    record AlreadyClaimed(Lead lead, long ownerRepId, String ownerName, Instant claimedAt) implements LeadOutcome {}

    /** The acting person may not do this to this lead. */
    record NotAllowed(String reason) implements LeadOutcome {}

    /** The lead is not in a state where this makes sense (e.g. qualifying a converted lead). */
    record WrongState(String reason) implements LeadOutcome {}
}
