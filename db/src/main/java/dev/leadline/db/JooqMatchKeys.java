package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_MATCH_KEY;

import dev.leadline.core.dedupe.Identifiers;
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
 * key's SHA-256), written with their leads; with the installation's identifiers, which must be the
 * ones its duplicate checks use.
 */
public final class JooqMatchKeys implements MatchKeyIndex {
    /** Up to this many keys (one lead's), candidates are read by one seek per key; more (a batch's), by one numbered range read. */
    private static final int FEW_KEYS = 16;
    private final DSLContext dsl;
    private final Identifiers identifiers;

    public JooqMatchKeys(DSLContext dsl, Identifiers identifiers) {
        this.dsl = dsl;
        this.identifiers = identifiers;
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
        JdbcBatch insert = JdbcBatch.ignoringDuplicates(dsl, LEAD_MATCH_KEY, LEAD_MATCH_KEY.KEY_HASH, LEAD_MATCH_KEY.LEAD_ID);
        for (Lead lead : leads) {
            for (String key : MatchProfile.of(lead.data(), identifiers).blockingKeys()) {
                insert.row(hash(key), lead.id().value());
            }
        }
        insert.execute();
    }

    @Override
    public void lock(Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        var hash = dev.leadline.db.jooq.Tables.MATCH_KEY_LOCK.KEY_HASH;
        var insert = dsl.insertInto(dev.leadline.db.jooq.Tables.MATCH_KEY_LOCK, hash);
        for (long h : keys.stream().map(JooqMatchKeys::hash).sorted().toList()) { // one order for everyone: no deadlocks
            insert = insert.values(h);
        }
        insert.onDuplicateKeyUpdate().set(hash, hash).execute();
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
        org.jooq.Select<org.jooq.Record2<Long, Long>> union;
        if (byHash.size() <= FEW_KEYS) {
            // a lead's own keys: each key's first leads by its own index seek, in one statement
            org.jooq.Select<org.jooq.Record2<Long, Long>> seeks = null;
            for (Long h : byHash.keySet()) {
                var one = dsl.select(LEAD_MATCH_KEY.KEY_HASH, LEAD_MATCH_KEY.LEAD_ID).from(LEAD_MATCH_KEY).where(LEAD_MATCH_KEY.KEY_HASH.eq(h))
                        .limit(perKey);
                seeks = seeks == null ? one : seeks.unionAll(one);
            }
            union = seeks;
        } else {
            // a batch's keys: one range read, each key's rows numbered so that a very common key yields only perKey of them
            // (thousands of UNIONed seeks cost more to plan than to run)
            var numbered = dsl.select(LEAD_MATCH_KEY.KEY_HASH, LEAD_MATCH_KEY.LEAD_ID,
                            org.jooq.impl.DSL.rowNumber().over(org.jooq.impl.DSL.partitionBy(LEAD_MATCH_KEY.KEY_HASH).orderBy(LEAD_MATCH_KEY.LEAD_ID))
                                    .as("n"))
                    .from(LEAD_MATCH_KEY).where(LEAD_MATCH_KEY.KEY_HASH.in(byHash.keySet())).asTable("k");
            union = dsl.select(numbered.field(LEAD_MATCH_KEY.KEY_HASH), numbered.field(LEAD_MATCH_KEY.LEAD_ID)).from(numbered)
                    .where(numbered.field("n", Integer.class).le(perKey));
        }
        for (var r : dsl.fetch(union)) {
            for (String key : byHash.get(r.value1())) {
                found.computeIfAbsent(key, k -> new ArrayList<>()).add(new LeadId(r.value2()));
            }
        }
        return found;
    }

    /**
     * Writes the keys of every lead that has none (leads stored before keys existed), a page at a time;
     * returns how many. Identifiers are not known to a migration: their keys come with {@link #indexNewIdentifiers}.
     */
    public static int indexLeadsWithoutKeys(DSLContext dsl) {
        JooqMatchKeys keys = new JooqMatchKeys(dsl, Identifiers.NONE);
        int written = 0;
        long after = 0;
        while (true) {
            var page = page(dsl, after);
            if (page.isEmpty()) {
                return written;
            }
            after = page.get(page.size() - 1).getId();
            java.util.Set<Long> indexed = new java.util.HashSet<>(dsl.selectDistinct(LEAD_MATCH_KEY.LEAD_ID).from(LEAD_MATCH_KEY)
                    .where(LEAD_MATCH_KEY.LEAD_ID.in(page.getValues(dev.leadline.db.jooq.Tables.SALES_LEAD.ID))).fetch(LEAD_MATCH_KEY.LEAD_ID));
            List<Lead> missing = page.stream().filter(r -> !indexed.contains(r.getId()) && !"MERGED".equals(r.getStatus()))
                    .map(JooqLeadRepository::toLead).toList();
            keys.indexNew(missing);
            written += missing.size();
        }
    }

    /**
     * Writes the keys of stored leads for identifiers configured since the last start (so that a lead
     * stored before is found by its identifier), a page of leads at a time, and lists them as done;
     * forgets identifiers no longer configured (their keys come back if they are named again).
     *
     * @return how many leads had a value of a new identifier
     */
    public int indexNewIdentifiers() {
        var done = dev.leadline.db.jooq.Tables.MATCH_KEY_IDENTIFIER;
        List<String> indexed = dsl.select(done.IDENTIFIER_FIELD).from(done).fetch(done.IDENTIFIER_FIELD);
        dsl.deleteFrom(done).where(done.IDENTIFIER_FIELD.notIn(identifiers.fields())).execute();
        List<String> fresh = identifiers.fields().stream().filter(f -> !indexed.contains(f)).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        Identifiers only = new Identifiers(fresh);
        int written = 0;
        long after = 0;
        for (var page = page(dsl, after); !page.isEmpty(); page = page(dsl, after)) {
            after = page.get(page.size() - 1).getId();
            List<Lead> identified = page.stream().filter(r -> !"MERGED".equals(r.getStatus())).map(JooqLeadRepository::toLead)
                    .filter(l -> !only.valuesOf(l.data()).isEmpty()).toList();
            indexNew(identified); // every key again, ignoring the ones it has: the new identifiers' are what it lacks
            written += identified.size();
        }
        var insert = dsl.insertInto(done, done.IDENTIFIER_FIELD);
        for (String field : fresh) {
            insert = insert.values(field);
        }
        insert.onDuplicateKeyIgnore().execute();
        return written;
    }

    /** The next thousand leads by id; every column by *, as this runs as migration V23 too, when later columns do not exist yet (they read as null). */
    private static org.jooq.Result<dev.leadline.db.jooq.tables.records.SalesLeadRecord> page(DSLContext dsl, long after) {
        var leads = dev.leadline.db.jooq.Tables.SALES_LEAD;
        return dsl.select(org.jooq.impl.DSL.asterisk()).from(leads).where(leads.ID.gt(after)).orderBy(leads.ID).limit(1000).fetchInto(leads);
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
