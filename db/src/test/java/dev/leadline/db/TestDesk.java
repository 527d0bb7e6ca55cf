package dev.leadline.db;

import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.sla.QueueSlaActions;
import dev.leadline.core.sla.SlaClockStarter;
import dev.leadline.core.sla.SlaSweep;
import dev.leadline.core.claim.ClaimService;
import dev.leadline.core.conversion.ConversionService;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.LiveCards;
import dev.leadline.core.qualification.QualificationService;
import dev.leadline.core.scheduling.SchedulingService;
import dev.leadline.core.team.TeamService;
import java.time.Clock;

/** The lead desk's services wired to jOOQ repositories on a fresh test database, as the server wires them. */
final class TestDesk implements AutoCloseable {
    final Database database;
    final JooqLeadRepository leads;
    final JooqActivityRepository timeline;
    final JooqAuditLog audit;
    final JooqOutbox outbox;
    final JooqChatPace pace;
    final LiveCards liveCards;
    final JooqScheduleRepository schedule;
    final TeamService team;
    final LeadJournal journal;
    final ClaimService claims;
    final QualificationService qualification;
    final SchedulingService scheduling;
    final JooqAccountRepository accounts;
    final ConversionService conversion;
    final JooqSlaPolicies slaPolicies;
    final JooqSlaClocks slaClocks;
    final SlaSweep slaSweep;
    final JooqRouting routing;
    final JooqLeadEvents events;
    final dev.leadline.core.dedupe.MergeService merges;
    final dev.leadline.core.intake.IntakeService intake;
    final dev.leadline.core.report.Reports reports;
    final JooqRollups rollups;

    TestDesk(Clock clock) {
        this(clock, java.util.List.of("test"));
    }

    /** A desk whose outbox delivers to these platforms. */
    TestDesk(Clock clock, java.util.List<String> platforms) {
        database = TestDatabases.fresh();
        var dsl = database.dsl();
        JooqTransactor tx = new JooqTransactor(dsl);
        leads = new JooqLeadRepository(dsl, Identifiers.NONE);
        timeline = new JooqActivityRepository(dsl);
        audit = new JooqAuditLog(dsl);
        outbox = new JooqOutbox(dsl, platforms);
        pace = new JooqChatPace(dsl);
        schedule = new JooqScheduleRepository(dsl);
        team = new TeamService(tx, new JooqRepRepository(dsl), new JooqQueueRepository(dsl), audit, clock);
        slaPolicies = new JooqSlaPolicies(dsl);
        CardAnnouncer cards = new CardAnnouncer(outbox, team, slaPolicies, java.util.Optional.empty());
        liveCards = new LiveCards(cards, leads, timeline, slaPolicies, new dev.leadline.core.notify.Agenda(schedule, clock));
        slaClocks = new JooqSlaClocks(dsl);
        events = new JooqLeadEvents(dsl);
        journal = new LeadJournal(timeline, audit, LeadAnnouncer.all(cards, new SlaClockStarter(slaClocks, slaPolicies)),
                new dev.leadline.core.report.EventRecorder(events));
        claims = new ClaimService(tx, leads, journal, team, clock);
        routing = JooqRouting.wire(dsl, tx, leads, journal, team, new dev.leadline.core.notify.Alerts(outbox, cards, team), audit, clock,
                java.time.Duration.ZERO, JooqAccountMatches.matching(dsl, dev.leadline.core.account.AccountTiebreaker.DEFAULT, clock));
        slaSweep = new SlaSweep(tx, leads, slaClocks, slaPolicies, new QueueSlaActions(new dev.leadline.core.notify.Alerts(outbox, cards, team),
                routing.routing(), journal, team), clock);
        qualification = new QualificationService(tx, leads, journal, QualificationService.DEFAULT_DISQUALIFY_REASONS, clock);
        scheduling = new SchedulingService(tx, leads, schedule, journal, clock);
        accounts = new JooqAccountRepository(dsl);
        conversion = new ConversionService(tx, leads, accounts, new JooqConversionRepository(dsl), journal, clock,
                JooqAccountMatches.matching(dsl, dev.leadline.core.account.AccountTiebreaker.DEFAULT, clock), null);
        merges = new dev.leadline.core.dedupe.MergeService(tx, leads, new JooqMerges(dsl), new JooqMatchKeys(dsl, Identifiers.NONE), journal,
                clock, JooqAccountMatches.matching(dsl, dev.leadline.core.account.AccountTiebreaker.DEFAULT, clock));
        intake = new dev.leadline.core.intake.IntakeService(tx, leads, journal, new JooqIdempotencyStore(dsl, clock), clock);
        rollups = new JooqRollups(dsl, events, new JooqTransactor(dsl));
        reports = new dev.leadline.core.report.Reports(events, rollups, new JooqTransactor(dsl), team,
                new dev.leadline.core.lead.LeadService(leads), clock);
    }

    @Override
    public void close() {
        database.close();
    }
}
