package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ROUTING_DECISION;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.report.RoutingHistory;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** Routing's stored decisions, read back with their explanations for the fairness report. */
public final class JooqRoutingHistory implements RoutingHistory {
    private final DSLContext dsl;

    public JooqRoutingHistory(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Decided> decisionsBetween(Instant from, Instant to) {
        return dsl.select(ROUTING_DECISION.LEAD_ID, ROUTING_DECISION.EXPLANATION).from(ROUTING_DECISION)
                .where(ROUTING_DECISION.DECIDED_AT.ge(Times.toDb(from))).and(ROUTING_DECISION.DECIDED_AT.lt(Times.toDb(to)))
                .orderBy(ROUTING_DECISION.DECIDED_AT, ROUTING_DECISION.ID)
                .fetch(r -> new Decided(new LeadId(r.value1()), ExplanationJson.read(r.value2())));
    }
}
