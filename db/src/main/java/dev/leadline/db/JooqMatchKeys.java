package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_MATCH_KEY;

import dev.leadline.core.dedupe.MatchKeyIndex;
import dev.leadline.core.dedupe.MatchProfile;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Query;

/** Blocking keys in MariaDB ({@code lead_match_key}), written with their leads. */
public final class JooqMatchKeys implements MatchKeyIndex {
    private static final int MAX_KEY = 250;
    private final DSLContext dsl;

    public JooqMatchKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void index(Collection<Lead> leads) {
        if (leads.isEmpty()) {
            return;
        }
        List<Query> batch = new ArrayList<>();
        batch.add(dsl.deleteFrom(LEAD_MATCH_KEY).where(LEAD_MATCH_KEY.LEAD_ID.in(leads.stream().map(l -> l.id().value()).toList())));
        for (Lead lead : leads) {
            for (String key : MatchProfile.of(lead.data()).blockingKeys()) {
                batch.add(dsl.insertInto(LEAD_MATCH_KEY).set(LEAD_MATCH_KEY.MATCH_KEY, key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key)
                        .set(LEAD_MATCH_KEY.LEAD_ID, lead.id().value()).onDuplicateKeyIgnore());
            }
        }
        dsl.batch(batch).execute();
    }

    @Override
    public List<LeadId> candidates(Set<String> keys, int perKey) {
        List<LeadId> found = new ArrayList<>();
        for (String key : keys) {
            String k = key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
            dsl.select(LEAD_MATCH_KEY.LEAD_ID).from(LEAD_MATCH_KEY).where(LEAD_MATCH_KEY.MATCH_KEY.eq(k)).limit(perKey)
                    .forEach(r -> found.add(new LeadId(r.value1())));
        }
        return found;
    }
}
