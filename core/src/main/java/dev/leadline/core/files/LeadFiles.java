package dev.leadline.core.files;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The files leads hold. Calls join the caller's transaction. */
public interface LeadFiles {
    /** Stores a new file on the lead (its home lead too); returns it with its id. */
    LeadFile insert(LeadId lead, String name, String contentType, long size, String sha256, String blobKey, Actor addedBy, Instant at);

    Optional<LeadFile> find(long id);

    /** The lead's files, newest first. */
    List<LeadFile> ofLead(LeadId lead);

    /** A file with this content on the lead now, if any. */
    Optional<LeadFile> withContent(LeadId lead, String sha256);

    /** The bytes of all files on the lead. */
    long bytesOf(LeadId lead);

    /** The files of the leads converted into the account (while they stay converted), newest first; empty when there is no such account. */
    Optional<List<LeadFile>> ofAccount(long accountId);

    /** The files of the leads converted into the contact (while they stay converted), newest first; empty when there is no such contact. */
    Optional<List<LeadFile>> ofContact(long contactId);

    void delete(long id);

    /** Whether any file still has its content under the key. */
    boolean blobInUse(String blobKey);
}
