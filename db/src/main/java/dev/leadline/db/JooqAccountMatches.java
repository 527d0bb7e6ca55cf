package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACCOUNT;
import static dev.leadline.db.jooq.Tables.CONTACT;
import static dev.leadline.db.jooq.Tables.LEAD_ACCOUNT_MATCH;
import static dev.leadline.db.jooq.Tables.OPPORTUNITY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.account.Account;
import dev.leadline.core.account.AccountCandidate;
import dev.leadline.core.account.AccountCandidates;
import dev.leadline.core.account.AccountMatch;
import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.account.AccountTiebreaker;
import dev.leadline.core.account.LeadAccountMatches;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Lead-to-account matching in MariaDB: candidate accounts by {@code domain_root}, {@code name_key}
 * and {@code contact.email_domain} (four queries for a whole batch of leads), and each lead's match
 * in {@code lead_account_match}.
 */
public final class JooqAccountMatches implements AccountCandidates, LeadAccountMatches {
    private static final List<String> CLOSED_STAGES = List.of("closed won", "closed lost");
    private static final List<String> CLOSED_LEADS = List.of(LeadStatus.CONVERTED.name(), LeadStatus.DISQUALIFIED.name());
    private final DSLContext dsl;

    public JooqAccountMatches(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Lead-to-account matching on this database. */
    public static AccountMatching matching(DSLContext dsl, AccountTiebreaker tiebreaker, Clock clock) {
        JooqAccountMatches matches = new JooqAccountMatches(dsl);
        return new AccountMatching(new JooqTransactor(dsl), matches, matches, tiebreaker, clock);
    }

    @Override
    public List<AccountCandidate> find(Collection<String> domainRoots, Collection<String> nameKeys, Collection<String> contactDomains) {
        Map<Long, Map<String, String>> contacts = new HashMap<>();
        if (!contactDomains.isEmpty()) {
            dsl.select(CONTACT.ACCOUNT_ID, CONTACT.EMAIL_DOMAIN, DSL.min(CONTACT.EMAIL)).from(CONTACT).where(CONTACT.EMAIL_DOMAIN.in(contactDomains))
                    .groupBy(CONTACT.ACCOUNT_ID, CONTACT.EMAIL_DOMAIN)
                    .forEach(r -> contacts.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        }
        List<Condition> any = new ArrayList<>();
        if (!domainRoots.isEmpty()) {
            any.add(ACCOUNT.DOMAIN_ROOT.in(domainRoots));
        }
        if (!nameKeys.isEmpty()) {
            any.add(ACCOUNT.NAME_KEY.in(nameKeys));
        }
        if (!contacts.isEmpty()) {
            any.add(ACCOUNT.ID.in(contacts.keySet()));
        }
        if (any.isEmpty()) {
            return List.of();
        }
        List<Account> accounts = dsl.selectFrom(ACCOUNT).where(DSL.or(any)).fetch(JooqAccountRepository::toAccount);
        if (accounts.isEmpty()) {
            return List.of(); // most new leads: no need to ask after the activity of no accounts
        }
        Set<Long> ids = new HashSet<>(accounts.stream().map(Account::id).toList());
        Map<Long, Integer> open = new HashMap<>();
        Map<Long, Instant> lastActivity = new HashMap<>();
        dsl.select(ACCOUNT.ID, ACCOUNT.UPDATED_AT).from(ACCOUNT).where(ACCOUNT.ID.in(ids))
                .forEach(r -> lastActivity.merge(r.value1(), Times.fromDb(r.value2()), JooqAccountMatches::later));
        Field<Integer> openCount = DSL.sum(DSL.when(DSL.lower(OPPORTUNITY.STAGE).notIn(CLOSED_STAGES), 1).otherwise(0)).cast(Integer.class);
        dsl.select(OPPORTUNITY.ACCOUNT_ID, openCount, DSL.max(OPPORTUNITY.UPDATED_AT)).from(OPPORTUNITY).where(OPPORTUNITY.ACCOUNT_ID.in(ids))
                .groupBy(OPPORTUNITY.ACCOUNT_ID).forEach(r -> {
                    open.put(r.value1(), r.value2());
                    lastActivity.merge(r.value1(), Times.fromDb(r.value3()), JooqAccountMatches::later);
                });
        dsl.select(CONTACT.ACCOUNT_ID, DSL.max(CONTACT.UPDATED_AT)).from(CONTACT).where(CONTACT.ACCOUNT_ID.in(ids)).groupBy(CONTACT.ACCOUNT_ID)
                .forEach(r -> lastActivity.merge(r.value1(), Times.fromDb(r.value2()), JooqAccountMatches::later));
        return accounts.stream().map(a -> new AccountCandidate(a, contacts.getOrDefault(a.id(), Map.of()), open.getOrDefault(a.id(), 0),
                lastActivity.get(a.id()))).toList();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void store(Map<LeadId, AccountMatch> matches, Instant at) {
        if (matches.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(LEAD_ACCOUNT_MATCH, LEAD_ACCOUNT_MATCH.LEAD_ID, LEAD_ACCOUNT_MATCH.ACCOUNT_ID, LEAD_ACCOUNT_MATCH.CONFIDENCE,
                LEAD_ACCOUNT_MATCH.MATCHED_BY, LEAD_ACCOUNT_MATCH.MATCHED_AT);
        for (var e : matches.entrySet()) {
            AccountMatch m = e.getValue();
            String by = m.matchedBy().length() > 500 ? m.matchedBy().substring(0, 500) : m.matchedBy();
            insert = insert.values(e.getKey().value(), m.accountId(), BigDecimal.valueOf(m.confidence()).setScale(3, RoundingMode.HALF_UP), by,
                    Times.toDb(at));
        }
        insert.onDuplicateKeyUpdate().set(LEAD_ACCOUNT_MATCH.ACCOUNT_ID, DSL.field("VALUES({0})", Long.class, LEAD_ACCOUNT_MATCH.ACCOUNT_ID))
                .set(LEAD_ACCOUNT_MATCH.CONFIDENCE, DSL.field("VALUES({0})", BigDecimal.class, LEAD_ACCOUNT_MATCH.CONFIDENCE))
                .set(LEAD_ACCOUNT_MATCH.MATCHED_BY, DSL.field("VALUES({0})", String.class, LEAD_ACCOUNT_MATCH.MATCHED_BY))
                .set(LEAD_ACCOUNT_MATCH.MATCHED_AT, DSL.field("VALUES({0})", java.time.LocalDateTime.class, LEAD_ACCOUNT_MATCH.MATCHED_AT))
                .execute();
    }

    @Override
    public Map<LeadId, AccountMatch> of(Collection<LeadId> leads) {
        Map<LeadId, AccountMatch> found = new HashMap<>();
        dsl.select(LEAD_ACCOUNT_MATCH.LEAD_ID, ACCOUNT.ID, ACCOUNT.NAME, ACCOUNT.OWNER_REP_ID, LEAD_ACCOUNT_MATCH.CONFIDENCE,
                        LEAD_ACCOUNT_MATCH.MATCHED_BY)
                .from(LEAD_ACCOUNT_MATCH).join(ACCOUNT).on(ACCOUNT.ID.eq(LEAD_ACCOUNT_MATCH.ACCOUNT_ID))
                .where(LEAD_ACCOUNT_MATCH.LEAD_ID.in(leads.stream().map(LeadId::value).toList()))
                .forEach(r -> found.put(new LeadId(r.value1()), new AccountMatch(r.value2(), r.value3(), r.value4(), r.value5().doubleValue(),
                        r.value6())));
        return found;
    }

    @Override
    public List<Lead> openUnmatched(long afterId, int limit) {
        return dsl.select(SALES_LEAD.fields()).from(SALES_LEAD).leftJoin(LEAD_ACCOUNT_MATCH).on(LEAD_ACCOUNT_MATCH.LEAD_ID.eq(SALES_LEAD.ID))
                .where(LEAD_ACCOUNT_MATCH.LEAD_ID.isNull()).and(SALES_LEAD.ID.gt(afterId)).and(SALES_LEAD.STATUS.notIn(CLOSED_LEADS))
                .orderBy(SALES_LEAD.ID).limit(limit).fetchInto(SALES_LEAD).map(JooqLeadRepository::toLead);
    }
}
