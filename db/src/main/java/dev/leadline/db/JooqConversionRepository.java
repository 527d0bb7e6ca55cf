package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CONVERSION;

import dev.leadline.core.conversion.Conversion;
import dev.leadline.core.conversion.ConversionRepository;
import dev.leadline.core.lead.LeadId;
import dev.leadline.db.jooq.tables.records.ConversionRecord;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Conversions in MariaDB, with the lead's stage before each one. */
public final class JooqConversionRepository implements ConversionRepository {
    private final DSLContext dsl;

    public JooqConversionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Conversion insert(Conversion c) {
        ConversionRecord r = dsl.newRecord(CONVERSION);
        r.setLeadId(c.leadId().value());
        r.setAccountId(c.accountId());
        r.setAccountCreated(c.accountCreated());
        r.setAccountVersion(c.accountVersion());
        r.setContactId(c.contactId());
        r.setContactVersion(c.contactVersion());
        r.setContactCreated(c.contactCreated());
        r.setOpportunityId(c.opportunityId());
        r.setOpportunityVersion(c.opportunityVersion());
        r.setStageBefore(StoredLeads.stage(c.stageBefore()));
        r.setCreatedAt(Times.toDb(c.createdAt()));
        r.store();
        return toConversion(r);
    }

    @Override
    public Optional<Conversion> current(LeadId leadId) {
        return dsl.selectFrom(CONVERSION).where(CONVERSION.LEAD_ID.eq(leadId.value()).and(CONVERSION.UNDONE_AT.isNull()))
                .orderBy(CONVERSION.ID.desc()).limit(1).fetchOptional().map(JooqConversionRepository::toConversion);
    }

    @Override
    public void markUndone(long conversionId, Instant at) {
        dsl.update(CONVERSION).set(CONVERSION.UNDONE_AT, Times.toDb(at)).where(CONVERSION.ID.eq(conversionId)).execute();
    }

    private static Conversion toConversion(ConversionRecord r) {
        return new Conversion(r.getId(), new LeadId(r.getLeadId()), r.getAccountId(), r.getAccountCreated(), r.getAccountVersion(),
                r.getContactId(), r.getContactCreated(), r.getContactVersion(), r.getOpportunityId(), r.getOpportunityVersion(), StoredLeads.stage(r.getStageBefore()),
                Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getUndoneAt()));
    }
}
