package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CONVERSION;

import dev.leadline.core.conversion.Conversion;
import dev.leadline.core.conversion.ConversionRepository;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.db.jooq.tables.records.ConversionRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
        r.setOpportunityId(c.opportunityId());
        r.setOpportunityVersion(c.opportunityVersion());
        r.setStageBefore(Json.write(write(c.stageBefore())));
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

    private static Map<String, String> write(LeadStage s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("status", s.status().name());
        put(values, "statusReason", s.statusReason());
        put(values, "queueId", s.queueId());
        put(values, "ownerRepId", s.ownerRepId());
        put(values, "offeredAt", s.offeredAt());
        put(values, "claimedAt", s.claimedAt());
        put(values, "firstTouchedAt", s.firstTouchedAt());
        return values;
    }

    private static LeadStage read(Map<String, String> v) {
        return new LeadStage(LeadStatus.valueOf(v.get("status")), v.get("statusReason"), longOrNull(v.get("queueId")),
                longOrNull(v.get("ownerRepId")), instantOrNull(v.get("offeredAt")), instantOrNull(v.get("claimedAt")),
                instantOrNull(v.get("firstTouchedAt")));
    }

    private static void put(Map<String, String> values, String name, Object value) {
        if (value != null) {
            values.put(name, value.toString());
        }
    }

    private static Long longOrNull(String text) {
        return text == null ? null : Long.valueOf(text);
    }

    private static Instant instantOrNull(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static Conversion toConversion(ConversionRecord r) {
        return new Conversion(r.getId(), new LeadId(r.getLeadId()), r.getAccountId(), r.getAccountCreated(), r.getAccountVersion(),
                r.getContactId(), r.getContactVersion(), r.getOpportunityId(), r.getOpportunityVersion(), read(Json.read(r.getStageBefore())),
                Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getUndoneAt()));
    }
}
