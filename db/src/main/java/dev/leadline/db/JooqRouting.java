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
import dev.leadline.core.rooms.RoomService;
import dev.leadline.core.rooms.RuleMembers;
import dev.leadline.core.rooms.RuleRoomMembers;
import dev.leadline.core.routing.RoomOpener;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.time.Duration;
import org.jooq.DSLContext;

/** Routing's services on MariaDB: the rules and the router sharing one database, and the rooms its rules open (or none). */
public record JooqRouting(RulesService rules, RoutingService routing, JooqRoutingStore store, Optional<RoomService> rooms) {
    public static JooqRouting wire(DSLContext dsl, Transactor transactor, LeadRepository leads, LeadJournal journal, TeamService team,
                                   Alerts alerts, AuditLog audit, Clock clock, Duration enrichmentWait, AccountMatching accounts) {
        return wire(dsl, transactor, leads, journal, team, alerts, audit, clock, enrichmentWait, accounts, null);
    }

    /** {@code rooms} makes the room service from the members rule entries name ({@code room: {invite: [...]}}). */
    public static JooqRouting wire(DSLContext dsl, Transactor transactor, LeadRepository leads, LeadJournal journal, TeamService team,
                                   Alerts alerts, AuditLog audit, Clock clock, Duration enrichmentWait, AccountMatching accounts,
                                   Function<RuleMembers, RoomService> rooms) {
        RulesService rules = new RulesService(transactor, new JooqRuleSets(dsl), new RuleSetParser(team), audit, clock);
        JooqRoutingStore store = new JooqRoutingStore(dsl);
        Optional<RoomService> roomService = Optional.ofNullable(rooms).map(r -> r.apply(new RuleRoomMembers(store, rules)));
        RoutingService routing = new RoutingService(transactor, leads, journal, store, rules,
                new RoutingEngine(team, new JooqRoutingState(dsl, accounts)), alerts, roomService.<RoomOpener>map(r -> r).orElse(RoomOpener.NONE),
                audit, clock, enrichmentWait);
        return new JooqRouting(rules, routing, store, roomService);
    }
}
