package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CONFIG_APPLIED;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** The digest of each section of the configuration file as it was last applied. */
public final class JooqConfigApplied {
    private final DSLContext dsl;

    public JooqConfigApplied(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<String> digest(String section) {
        return Optional.ofNullable(dsl.select(CONFIG_APPLIED.DIGEST).from(CONFIG_APPLIED).where(CONFIG_APPLIED.SECTION.eq(section))
                .fetchOne(CONFIG_APPLIED.DIGEST));
    }

    public void applied(String section, String digest, Instant at) {
        LocalDateTime when = Times.toDb(at);
        dsl.insertInto(CONFIG_APPLIED, CONFIG_APPLIED.SECTION, CONFIG_APPLIED.DIGEST, CONFIG_APPLIED.APPLIED_AT).values(section, digest, when)
                .onDuplicateKeyUpdate().set(CONFIG_APPLIED.DIGEST, digest).set(CONFIG_APPLIED.APPLIED_AT, when).execute();
    }
}
