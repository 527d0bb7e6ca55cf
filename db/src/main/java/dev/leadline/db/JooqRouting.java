package dev.leadline.db;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.routing.RoutingEngine;
import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.routing.RuleSetParser;
import dev.leadline.core.routing.RulesService;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;

/** Routing's services on MariaDB: the rules and the router sharing one database. */
public record JooqRouting(RulesService rules, RoutingService routing, JooqRoutingStore store) {
    public static JooqRouting wire(DSLContext dsl, Transactor transactor, LeadRepository leads, LeadJournal journal, TeamService team,
                                   Alerts alerts, AuditLog audit, Clock clock, Duration enrichmentWait, AccountMatching accounts) {
        RulesService rules = new RulesService(transactor, new JooqRuleSets(dsl), new RuleSetParser(team), audit, clock);
        JooqRoutingStore store = new JooqRoutingStore(dsl);
        RoutingService routing = new RoutingService(transactor, leads, journal, store, rules,
                new RoutingEngine(team, new JooqRoutingState(dsl, accounts)), alerts, audit, clock, enrichmentWait);
        return new JooqRouting(rules, routing, store);
    }
}
