package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACCOUNT;
import static dev.leadline.db.jooq.Tables.CONTACT;
import static dev.leadline.db.jooq.Tables.CONVERSION;
import static dev.leadline.db.jooq.Tables.LEAD_FILE;

import dev.leadline.core.common.Actor;
import dev.leadline.core.files.LeadFile;
import dev.leadline.core.files.LeadFiles;
import dev.leadline.core.lead.LeadId;
import dev.leadline.db.jooq.tables.records.LeadFileRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Files on leads in MariaDB ({@code lead_file}); an account's and a contact's through their current conversions. */
public final class JooqLeadFiles implements LeadFiles {
    private final DSLContext dsl;

    public JooqLeadFiles(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public LeadFile insert(LeadId lead, String name, String contentType, long size, String sha256, String blobKey, Actor addedBy, Instant at) {
        long id = dsl.insertInto(LEAD_FILE).set(LEAD_FILE.LEAD_ID, lead.value()).set(LEAD_FILE.HOME_LEAD_ID, lead.value())
                .set(LEAD_FILE.NAME, name).set(LEAD_FILE.CONTENT_TYPE, contentType).set(LEAD_FILE.SIZE_BYTES, size)
                .set(LEAD_FILE.SHA256, sha256).set(LEAD_FILE.BLOB_KEY, blobKey).set(LEAD_FILE.ADDED_BY, addedBy.toString())
                .set(LEAD_FILE.ADDED_AT, Times.toDb(at)).returning(LEAD_FILE.ID).fetchOne(LEAD_FILE.ID);
        return new LeadFile(id, lead, lead, name, contentType, size, sha256, blobKey, addedBy, at);
    }

    @Override
    public Optional<LeadFile> find(long id) {
        return dsl.selectFrom(LEAD_FILE).where(LEAD_FILE.ID.eq(id)).fetchOptional(JooqLeadFiles::file);
    }

    @Override
    public List<LeadFile> ofLead(LeadId lead) {
        return dsl.selectFrom(LEAD_FILE).where(LEAD_FILE.LEAD_ID.eq(lead.value())).orderBy(LEAD_FILE.ID.desc()).fetch(JooqLeadFiles::file);
    }

    @Override
    public Optional<LeadFile> withContent(LeadId lead, String sha256) {
        return dsl.selectFrom(LEAD_FILE).where(LEAD_FILE.LEAD_ID.eq(lead.value()).and(LEAD_FILE.SHA256.eq(sha256))).orderBy(LEAD_FILE.ID)
                .limit(1).fetchOptional(JooqLeadFiles::file);
    }

    @Override
    public long bytesOf(LeadId lead) {
        Number sum = dsl.select(DSL.sum(LEAD_FILE.SIZE_BYTES)).from(LEAD_FILE).where(LEAD_FILE.LEAD_ID.eq(lead.value())).fetchOne(0, Number.class);
        return sum == null ? 0 : sum.longValue();
    }

    @Override
    public Optional<List<LeadFile>> ofAccount(long accountId) {
        return dsl.fetchExists(ACCOUNT, ACCOUNT.ID.eq(accountId)) ? Optional.of(converted(CONVERSION.ACCOUNT_ID.eq(accountId))) : Optional.empty();
    }

    @Override
    public Optional<List<LeadFile>> ofContact(long contactId) {
        return dsl.fetchExists(CONTACT, CONTACT.ID.eq(contactId)) ? Optional.of(converted(CONVERSION.CONTACT_ID.eq(contactId))) : Optional.empty();
    }

    private List<LeadFile> converted(Condition into) {
        return dsl.select(LEAD_FILE.fields()).from(LEAD_FILE).join(CONVERSION).on(CONVERSION.LEAD_ID.eq(LEAD_FILE.LEAD_ID))
                .where(into.and(CONVERSION.UNDONE_AT.isNull())).orderBy(LEAD_FILE.ID.desc())
                .fetch(r -> file(r.into(LEAD_FILE)));
    }

    @Override
    public void delete(long id) {
        dsl.deleteFrom(LEAD_FILE).where(LEAD_FILE.ID.eq(id)).execute();
    }

    @Override
    public boolean blobInUse(String blobKey) {
        return dsl.fetchExists(LEAD_FILE, LEAD_FILE.BLOB_KEY.eq(blobKey));
    }

    private static LeadFile file(LeadFileRecord r) {
        return new LeadFile(r.getId(), new LeadId(r.getLeadId()), new LeadId(r.getHomeLeadId()), r.getName(), r.getContentType(), r.getSizeBytes(),
                r.getSha256(), r.getBlobKey(), Actor.parse(r.getAddedBy()), Times.fromDb(r.getAddedAt()));
    }
}
