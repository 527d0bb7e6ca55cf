package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everyone's counts of the set views, read from the tally and the planned times on the lead rows, equal
 * the views' own conditions counted lead by lead: on a generated desk of every status, touched or not,
 * with open, done and overdue tasks and meetings with and without an outcome, at several moments, and
 * again after tasks are done, moved and deleted, meetings get an outcome and leads change status.
 */
class EveryonesCountsOnMariaDbTest {
    private static final List<LeadView> VIEWS = List.of(LeadView.OVERDUE, LeadView.UPCOMING, LeadView.NO_UPCOMING, LeadView.IDLE,
            LeadView.NO_ACTIVITY);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static Database database;
    private static DSLContext sql;
    private static JooqLeadRepository leads;

    @BeforeAll
    static void generate() {
        database = TestDatabases.fresh();
        sql = database.dsl();
        leads = new JooqLeadRepository(sql, Identifiers.NONE);
        sql.execute("INSERT INTO rep (email, name, time_zone, active, role, created_at, updated_at, version) "
                + "VALUES ('rep@example.com', 'Rep', 'UTC', TRUE, 'REP', NOW(6), NOW(6), 0)");
        sql.execute("INSERT INTO sales_lead (last_name, email, email_key, source, status, owner_rep_id, created_at, updated_at, "
                + "first_touched_at, last_activity_at, version) SELECT CONCAT('Lead', seq), CONCAT('l', seq, '@example.com'), "
                + "CONCAT('l', seq, '@example.com'), 'Web', ELT(1 + seq % 7, 'NEW', 'ATTEMPTED', 'ENGAGED', 'QUALIFIED', 'DISQUALIFIED', "
                + "'CONVERTED', 'MERGED'), (SELECT MIN(id) FROM rep), ? - INTERVAL 100 DAY, ? - INTERVAL 100 DAY, "
                + "IF(seq % 3 = 0, NULL, ? - INTERVAL (seq % 50) DAY), IF(seq % 11 = 0, NULL, ? - INTERVAL (seq % 90) DAY), 0 "
                + "FROM seq_1_to_2000", at(NOW), at(NOW), at(NOW), at(NOW));
        sql.execute("INSERT INTO rep (email, name, time_zone, active, role, created_at, updated_at, version) "
                + "VALUES ('bea@example.com', 'Bea', 'UTC', TRUE, 'REP', NOW(6), NOW(6), 0)");
        sql.execute("UPDATE sales_lead SET owner_rep_id = (SELECT MAX(id) FROM rep) WHERE id % 3 = 1");
        sql.execute("CREATE TABLE planned_for SELECT id, owner_rep_id FROM sales_lead");
        sql.execute("INSERT INTO task (lead_id, rep_id, title, due_at, done_at, created_at) SELECT id, owner_rep_id, 'Call', "
                + "? + INTERVAL (id % 40) - 20 DAY, IF(id % 5 = 0, ?, NULL), ? FROM planned_for WHERE id % 2 = 0", at(NOW), at(NOW), at(NOW));
        sql.execute("INSERT INTO task (lead_id, rep_id, title, due_at, done_at, created_at) SELECT id, owner_rep_id, 'Mail', "
                + "? + INTERVAL (id % 13) - 6 HOUR, NULL, ? FROM planned_for WHERE id % 4 = 0", at(NOW), at(NOW));
        sql.execute("INSERT INTO meeting (lead_id, rep_id, starts_at, duration_minutes, title, outcome, created_at, updated_at) "
                + "SELECT id, owner_rep_id, ? + INTERVAL (id % 30) - 15 DAY, 30, 'Demo', ELT(1 + id % 5, NULL, NULL, 'DECLINED', "
                + "'CANCELLED', 'HELD'), ?, ? FROM planned_for WHERE id % 3 = 0", at(NOW), at(NOW), at(NOW));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void countsEqualTheViewsConditionsAtEveryMoment() {
        for (Duration shift : List.of(Duration.ZERO, Duration.ofHours(-30), Duration.ofHours(5), Duration.ofDays(12), Duration.ofDays(-10))) {
            assertCountsAgree(NOW.plus(shift));
        }
    }

    @Test
    void countsFollowTasksMeetingsAndStatusesAsTheyChange() {
        sql.execute("UPDATE task SET done_at = ? WHERE id % 7 = 0 AND done_at IS NULL", at(NOW));
        sql.execute("UPDATE task SET due_at = due_at + INTERVAL 3 DAY WHERE id % 9 = 0");
        sql.execute("UPDATE task SET lead_id = lead_id + 1 WHERE id % 11 = 0 AND lead_id < 2000");
        sql.execute("DELETE FROM task WHERE id % 13 = 0");
        sql.execute("UPDATE meeting SET outcome = 'NO_SHOW' WHERE id % 4 = 0 AND outcome IS NULL");
        sql.execute("UPDATE meeting SET starts_at = starts_at + INTERVAL 20 DAY, lead_id = lead_id + 1 WHERE id % 5 = 0 AND lead_id < 2000");
        sql.execute("UPDATE sales_lead SET status = 'MERGED' WHERE id % 17 = 0");
        sql.execute("UPDATE sales_lead SET status = 'ATTEMPTED', first_touched_at = ? WHERE id % 19 = 0 AND status = 'NEW'", at(NOW));
        sql.execute("UPDATE sales_lead SET last_activity_at = ? WHERE id % 23 = 0", at(NOW));
        sql.execute("UPDATE sales_lead SET status = 'NEW', first_touched_at = NULL WHERE id % 29 = 0");
        assertCountsAgree(NOW);
        assertCountsAgree(NOW.plus(Duration.ofDays(8)));
    }

    private static void assertCountsAgree(Instant at) {
        Map<LeadView, Long> fast = new TreeMap<>();
        Map<LeadView, Long> byCondition = new TreeMap<>();
        for (LeadView view : VIEWS) {
            LeadQuery query = LeadQuery.at(at, ZoneId.of("UTC")).withView(view);
            assertThat(EveryonesCounts.applies(query)).isTrue();
            fast.put(view, leads.count(query));
            byCondition.put(view, (long) sql.fetchCount(SALES_LEAD, LeadViewConditions.of(query)));
        }
        assertThat(fast).as("at %s", at).isEqualTo(byCondition);
        List<Long> owners = sql.fetch("SELECT id FROM rep").getValues(0, Long.class);
        for (LeadView view : List.of(LeadView.OVERDUE, LeadView.NO_UPCOMING)) {
            LeadQuery query = LeadQuery.at(at, ZoneId.of("UTC")).withView(view);
            Map<Long, Long> perOwner = new java.util.HashMap<>();
            for (long owner : owners) {
                // everyone's view, narrowed to the owner's leads: tasks and meetings whoever planned them
                List<org.jooq.Condition> theirs = new java.util.ArrayList<>(LeadViewConditions.of(query));
                theirs.add(SALES_LEAD.OWNER_REP_ID.eq(owner));
                long n = sql.fetchCount(SALES_LEAD, theirs);
                if (n > 0) {
                    perOwner.put(owner, n);
                }
            }
            assertThat(leads.countByOwner(query, owners)).as("%s per owner at %s", view, at).isEqualTo(perOwner).hasSize(2);
            assertThat(sql.fetchValue("SELECT SUM(leads) FROM lead_tally WHERE owner_rep_id = ?", owners.get(0)).toString())
                    .as("the tally by owner").isEqualTo(String.valueOf(sql.fetchCount(SALES_LEAD, SALES_LEAD.OWNER_REP_ID.eq(owners.get(0)))));
        }
        assertThat(byCondition.values()).as("every view holds some leads at %s", at).allMatch(n -> n > 0);
    }

    private static java.time.LocalDateTime at(Instant instant) {
        return Times.toDb(instant);
    }
}
