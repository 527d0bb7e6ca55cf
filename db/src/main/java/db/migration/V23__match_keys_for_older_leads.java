package db.migration;

import dev.leadline.db.JooqMatchKeys;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Leads stored before duplicate detection (V18) have no blocking keys, so no duplicate check could
 * find them; this writes theirs once, in pages, when an installation upgrades.
 */
public class V23__match_keys_for_older_leads extends BaseJavaMigration {
    @Override
    public void migrate(Context context) {
        JooqMatchKeys.indexLeadsWithoutKeys(DSL.using(context.getConnection(), SQLDialect.MARIADB));
    }
}
