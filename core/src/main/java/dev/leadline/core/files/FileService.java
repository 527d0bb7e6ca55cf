package dev.leadline.core.files;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Permissions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches files to leads, lists, opens and removes them. The lead's owner and managers may attach and
 * remove (as with notes); anyone who may read the lead may read its files. The content is stored before
 * the row that names it is committed, under a key made of the home lead and the checksum, so a retry or a
 * second upload of the same content finds it there and stores nothing twice.
 */
public final class FileService {
    private static final Logger LOG = LoggerFactory.getLogger(FileService.class);
    private final LeadRepository leads;
    private final LeadFiles files;
    private final FileStore store;
    private final Transactor transactor;
    private final LeadJournal journal;
    private final FileRules rules;
    private final Clock clock;

    public FileService(LeadRepository leads, LeadFiles files, FileStore store, Transactor transactor, LeadJournal journal, FileRules rules,
                       Clock clock) {
        this.leads = leads;
        this.files = files;
        this.store = store;
        this.transactor = transactor;
        this.journal = journal;
        this.rules = rules;
        this.clock = clock;
    }

    public FileRules rules() {
        return rules;
    }

    /** Attaches an upload to the lead as the rep, said on its timeline ("Jane attached quote.pdf"). */
    public FileOutcome attach(LeadId id, Upload upload, ActingRep by) {
        rules.check(upload);
        Optional<FileOutcome> early = settled(lead(id), upload, by);
        if (early.isPresent()) {
            return early.get();
        }
        String key = "lead/" + id.value() + "/" + upload.sha256();
        try {
            store.put(key, upload.content(), upload.size(), upload.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the file", e);
        }
        FileOutcome outcome = transactor.inTransaction(() -> {
            Lead lead = leads.findForUpdate(id).orElseThrow(() -> new NotFoundException("lead", id));
            return settled(lead, upload, by).orElseGet(() -> {
                String name = FileRules.safeName(upload.name());
                // the database keeps microseconds: the answer says what a later read says
                LeadFile file = files.insert(id, name, upload.contentType(), upload.size(), upload.sha256(), key, by.actor(),
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
                journal.remarked(lead, ActivityType.FILE, by.actor(), by.rep().name() + " attached " + name,
                        Map.of("file", String.valueOf(file.id()), "name", name, "sha256", upload.sha256()), file.addedAt());
                return new FileOutcome.Attached(file);
            });
        });
        if (outcome instanceof FileOutcome.Refused) {
            forget(key);
        }
        return outcome;
    }

    /** Refused, or already there: then nothing is stored. Empty when the file is to be attached. */
    private Optional<FileOutcome> settled(Lead lead, Upload upload, ActingRep by) {
        if (lead.status() == dev.leadline.core.lead.LeadStatus.MERGED) {
            return Optional.of(new FileOutcome.WrongState(lead.id() + " was merged into " + lead.stage().statusReason()
                    + ", which holds its files: attach there"));
        }
        Optional<String> refusal = Permissions.mayWork(by.rep(), lead);
        if (refusal.isPresent()) {
            return Optional.of(new FileOutcome.NotAllowed(refusal.get()));
        }
        Optional<LeadFile> same = files.withContent(lead.id(), upload.sha256());
        if (same.isPresent()) {
            return Optional.of(new FileOutcome.AlreadyAttached(same.get()));
        }
        rules.checkRoom(files.bytesOf(lead.id()), upload);
        return Optional.empty();
    }

    /** Removes a file from its lead (said on the timeline) and then its content. */
    public FileOutcome remove(long fileId, ActingRep by) {
        FileOutcome outcome = transactor.inTransaction(() -> {
            LeadFile file = file(fileId);
            Lead lead = leads.findForUpdate(file.lead()).orElseThrow(() -> new NotFoundException("lead", file.lead()));
            Optional<String> refusal = Permissions.mayWork(by.rep(), lead);
            if (refusal.isPresent()) {
                return new FileOutcome.NotAllowed(refusal.get());
            }
            files.delete(fileId);
            journal.remarked(lead, ActivityType.FILE, by.actor(), by.rep().name() + " removed " + file.name(),
                    Map.of("file", String.valueOf(file.id()), "name", file.name(), "removed", "true"), clock.instant());
            return new FileOutcome.Removed(file);
        });
        if (outcome instanceof FileOutcome.Removed removed) {
            forget(removed.file().blobKey());
        }
        return outcome;
    }

    public LeadFile file(long fileId) {
        return files.find(fileId).orElseThrow(() -> new NotFoundException("file", fileId));
    }

    /** The lead's files, newest first. */
    public List<LeadFile> ofLead(LeadId id) {
        lead(id);
        return files.ofLead(id);
    }

    public List<LeadFile> ofAccount(long accountId) {
        return files.ofAccount(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
    }

    public List<LeadFile> ofContact(long contactId) {
        return files.ofContact(contactId).orElseThrow(() -> new NotFoundException("contact", contactId));
    }

    /** The file's content; the caller closes it. */
    public InputStream open(LeadFile file) throws IOException {
        return store.open(file.blobKey());
    }

    private Lead lead(LeadId id) {
        return leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
    }

    /** Drops stored content no file names (any longer); a failure leaves it for the next removal of the same content. */
    private void forget(String key) {
        if (!files.blobInUse(key)) {
            try {
                store.delete(key);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not remove file content {} from {}; it stays until the same content is removed again", key, store.describe(), e);
            }
        }
    }
}
