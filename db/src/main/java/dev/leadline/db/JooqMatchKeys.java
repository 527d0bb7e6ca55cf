package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_MATCH_KEY;

import dev.leadline.core.dedupe.MatchKeyIndex;
import dev.leadline.core.dedupe.MatchProfile;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Blocking keys in MariaDB ({@code lead_match_key}) as 64-bit hashes (the first eight bytes of the
 * key's SHA-256), written with their leads.
 */
public final class JooqMatchKeys implements MatchKeyIndex {
    private final DSLContext dsl;

    public JooqMatchKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void index(Collection<Lead> leads) {
        write(leads, true);
    }

    /** Keys of leads just inserted: nothing to replace, one multi-row insert. */
    void indexNew(Collection<Lead> leads) {
        write(leads, false);
    }

    private void write(Collection<Lead> leads, boolean replace) {
        if (leads.isEmpty()) {
            return;
        }
        if (replace) {
            dsl.deleteFrom(LEAD_MATCH_KEY).where(LEAD_MATCH_KEY.LEAD_ID.in(leads.stream().map(l -> l.id().value()).toList())).execute();
        }
        var insert = dsl.insertInto(LEAD_MATCH_KEY, LEAD_MATCH_KEY.KEY_HASH, LEAD_MATCH_KEY.LEAD_ID);
        int rows = 0;
        for (Lead lead : leads) {
            for (String key : MatchProfile.of(lead.data()).blockingKeys()) {
                insert = insert.values(hash(key), lead.id().value());
                rows++;
            }
        }
        if (rows > 0) {
            insert.onDuplicateKeyIgnore().execute();
        }
    }

    @Override
    public void forget(Collection<LeadId> leads) {
        if (!leads.isEmpty()) {
            dsl.deleteFrom(LEAD_MATCH_KEY).where(LEAD_MATCH_KEY.LEAD_ID.in(leads.stream().map(LeadId::value).toList())).execute();
        }
    }

    @Override
    public Map<String, List<LeadId>> candidatesByKey(Set<String> keys, int perKey) {
        Map<Long, List<String>> byHash = new HashMap<>();
        keys.forEach(k -> byHash.computeIfAbsent(hash(k), h -> new ArrayList<>()).add(k));
        Map<String, List<LeadId>> found = new HashMap<>();
        if (byHash.isEmpty()) {
            return found;
        }
        // one statement: each key's first leads by its own index seek, so that a very common key costs no more than perKey rows
        org.jooq.Select<org.jooq.Record2<Long, Long>> union = null;
        for (Long h : byHash.keySet()) {
            var one = dsl.select(LEAD_MATCH_KEY.KEY_HASH, LEAD_MATCH_KEY.LEAD_ID).from(LEAD_MATCH_KEY).where(LEAD_MATCH_KEY.KEY_HASH.eq(h))
                    .limit(perKey);
            union = union == null ? one : union.unionAll(one);
        }
        for (var r : dsl.fetch(union)) {
            for (String key : byHash.get(r.value1())) {
                found.computeIfAbsent(key, k -> new ArrayList<>()).add(new LeadId(r.value2()));
            }
        }
        return found;
    }

    static long hash(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(digest).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
