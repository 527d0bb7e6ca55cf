package dev.leadline.core.files;

/** What became of attaching or removing a file. */
public sealed interface FileOutcome {
    /** Attached: a new file on the lead. */
    record Attached(LeadFile file) implements FileOutcome {}

    /** The lead holds this content already (under its first name): nothing new was stored. */
    record AlreadyAttached(LeadFile file) implements FileOutcome {}

    /** Removed from the lead, and its content from the store. */
    record Removed(LeadFile file) implements FileOutcome {}

    /** Nothing was done, for a reason to tell the rep. */
    sealed interface Refused extends FileOutcome {
        String reason();
    }

    /** The acting rep may not change this lead's files (not its owner, nor a manager). */
    record NotAllowed(String reason) implements Refused {}

    /** The lead holds no files of its own any more (merged into another, which holds them). */
    record WrongState(String reason) implements Refused {}
}
