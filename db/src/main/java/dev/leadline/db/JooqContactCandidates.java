package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACCOUNT;
import static dev.leadline.db.jooq.Tables.CONTACT;

import dev.leadline.core.account.Contact;
import dev.leadline.core.dedupe.ContactIndex;
import dev.leadline.core.dedupe.MatchKeys;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Contacts by email (the column's collation ignores case) or by surname, with their accounts. */
public final class JooqContactCandidates implements ContactIndex {
    private static final int LIMIT = 50;
    private final DSLContext dsl;

    public JooqContactCandidates(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Candidate> candidates(String email, String lastName, String domain, String company) {
        Condition byEmail = email == null ? DSL.falseCondition() : CONTACT.EMAIL.eq(email);
        Condition bySurname = lastName == null ? DSL.falseCondition() : CONTACT.LAST_NAME.eq(lastName);
        String root = MatchKeys.domainRoot(domain);
        String name = MatchKeys.company(company);
        return dsl.select(CONTACT.fields()).select(ACCOUNT.NAME, ACCOUNT.DOMAIN, ACCOUNT.OWNER_REP_ID).from(CONTACT).join(ACCOUNT)
                .on(ACCOUNT.ID.eq(CONTACT.ACCOUNT_ID)).where(byEmail.or(bySurname)).limit(LIMIT).fetch()
                .stream()
                .filter(r -> email != null && email.equalsIgnoreCase(r.get(CONTACT.EMAIL))
                        || (!root.isEmpty() && root.equals(MatchKeys.domainRoot(r.get(ACCOUNT.DOMAIN))))
                        || (!name.isEmpty() && name.equals(MatchKeys.company(r.get(ACCOUNT.NAME)))))
                .map(r -> new Candidate(new Contact(r.get(CONTACT.ID), r.get(CONTACT.ACCOUNT_ID), r.get(CONTACT.LEAD_ID), r.get(CONTACT.FIRST_NAME),
                        r.get(CONTACT.LAST_NAME), r.get(CONTACT.EMAIL), r.get(CONTACT.PHONE), r.get(CONTACT.TITLE), r.get(CONTACT.VERSION)),
                        r.get(ACCOUNT.NAME), r.get(ACCOUNT.DOMAIN), r.get(ACCOUNT.OWNER_REP_ID)))
                .toList();
    }
}
