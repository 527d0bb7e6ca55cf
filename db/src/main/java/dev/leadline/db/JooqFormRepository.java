package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.WEB_FORM;

import dev.leadline.core.booking.BookingSpec;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.intake.FormRepository;
import dev.leadline.db.jooq.tables.records.WebFormRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Web-to-lead form definitions in MariaDB. */
public final class JooqFormRepository implements FormRepository {
    private final DSLContext dsl;

    public JooqFormRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public FormDefinition upsert(FormDefinition form, Instant at) {
        WebFormRecord record = dsl.selectFrom(WEB_FORM).where(WEB_FORM.FORM_KEY.eq(form.key())).fetchOptional()
                .orElseGet(() -> {
                    WebFormRecord created = dsl.newRecord(WEB_FORM);
                    created.setFormKey(form.key());
                    created.setCreatedAt(Times.toDb(at));
                    created.setVersion(0);
                    return created;
                });
        record.setName(form.name());
        record.setFieldMapping(Json.write(form.fieldMapping()) == null ? "{}" : Json.write(form.fieldMapping()));
        record.setDefaultSource(form.defaultSource());
        record.setDefaultCampaign(form.defaultCampaign());
        record.setThankYouUrl(form.thankYouUrl());
        record.setAllowedOrigins(form.allowedOrigins().isEmpty() ? null : String.join(" ", form.allowedOrigins()));
        record.setBooking(form.booking() == null ? null : JsonTree.write(form.booking().toMap()));
        record.setUpdatedAt(Times.toDb(at));
        if (record.changed() && record.getId() != null) {
            record.setVersion(record.getVersion() + 1);
        }
        record.store();
        return toForm(record);
    }

    @Override
    public Optional<FormDefinition> findByKey(String key) {
        return dsl.selectFrom(WEB_FORM).where(WEB_FORM.FORM_KEY.eq(key)).fetchOptional().map(JooqFormRepository::toForm);
    }

    @Override
    public List<FormDefinition> list() {
        return dsl.selectFrom(WEB_FORM).orderBy(WEB_FORM.FORM_KEY).fetch(JooqFormRepository::toForm);
    }

    private static FormDefinition toForm(WebFormRecord r) {
        List<String> origins = r.getAllowedOrigins() == null ? List.of() : Arrays.asList(r.getAllowedOrigins().split(" "));
        return new FormDefinition(r.getFormKey(), r.getName(), Json.read(r.getFieldMapping()), r.getDefaultSource(),
                r.getDefaultCampaign(), r.getThankYouUrl(), origins,
                r.getBooking() == null ? null : BookingSpec.parse(JsonTree.readMap(r.getBooking()), "booking"));
    }
}
