package dev.leadline.server;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.activity.LeadChanges;
import dev.leadline.db.JooqConsoleSessions;
import dev.leadline.db.JooqLeadChanges;
import dev.leadline.server.console.ConsoleLinks;
import java.net.URI;
import dev.leadline.core.account.AccountImport;
import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.account.AccountTiebreaker;
import dev.leadline.core.team.Rep;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatLookups;
import dev.leadline.core.chat.LeadWork;
import dev.leadline.core.claim.ClaimService;
import dev.leadline.core.conversion.ConversionService;
import dev.leadline.core.intake.FormService;
import dev.leadline.core.intake.ImportService;
import dev.leadline.core.intake.IntakeService;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.enrichment.EngagementRescorer;
import dev.leadline.core.notify.Agenda;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.IdentityConflictNotices;
import dev.leadline.core.notify.LiveCards;
import dev.leadline.core.notify.DailyDigest;
import dev.leadline.core.notify.MeetingReminders;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.notify.OutboxDispatcher;
import dev.leadline.core.qualification.QualificationService;
import dev.leadline.core.scheduling.SchedulingService;
import dev.leadline.core.sla.QueueSlaActions;
import dev.leadline.core.sla.SlaClockStarter;
import dev.leadline.core.sla.SlaPolicies;
import dev.leadline.core.sla.SlaSweep;
import dev.leadline.core.sla.SpeedToLeadReport;
import dev.leadline.core.report.EventRecorder;
import dev.leadline.core.report.DataQuality;
import dev.leadline.core.report.Reports;
import dev.leadline.core.report.RoutingFairness;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.views.SavedViewService;
import dev.leadline.db.Database;
import dev.leadline.db.JooqAccountMatches;
import dev.leadline.db.JooqAccountRepository;
import dev.leadline.db.JooqActivityRepository;
import dev.leadline.db.JooqAuditLog;
import dev.leadline.db.JooqChatPace;
import dev.leadline.db.JooqEnrichmentStore;
import dev.leadline.db.JooqConversionRepository;
import dev.leadline.db.JooqDigestLog;
import dev.leadline.db.JooqDuplicateFlags;
import dev.leadline.db.JooqDuplicateReviews;
import dev.leadline.db.JooqFormRepository;
import dev.leadline.db.JooqIdempotencyStore;
import dev.leadline.db.JooqImportJobRepository;
import dev.leadline.db.JooqLeadRepository;
import dev.leadline.db.JooqContactCandidates;
import dev.leadline.db.JooqMatchKeys;
import dev.leadline.db.JooqMerges;
import dev.leadline.core.dedupe.DuplicateGuard;
import dev.leadline.core.dedupe.DuplicatePolicy;
import dev.leadline.core.dedupe.DuplicateReviewService;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.dedupe.MergeService;
import dev.leadline.db.JooqOutbox;
import dev.leadline.db.JooqRooms;
import dev.leadline.core.rooms.RoomAnnouncer;
import dev.leadline.core.rooms.RoomService;
import dev.leadline.db.JooqRouting;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.routing.LeadArrivals;
import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.common.Wakeup;
import dev.leadline.core.enrichment.Arrivals;
import dev.leadline.core.routing.RulesService;
import dev.leadline.db.JooqQueueRepository;
import dev.leadline.db.JooqRepRepository;
import dev.leadline.db.JooqSavedViewRepository;
import dev.leadline.db.JooqScheduleRepository;
import dev.leadline.db.JooqSlaClocks;
import dev.leadline.db.JooqSlaPolicies;
import dev.leadline.db.JooqSpeedSamples;
import dev.leadline.db.JooqDuplicateVerdicts;
import dev.leadline.db.JooqLeadEvents;
import dev.leadline.db.JooqRollups;
import dev.leadline.db.JooqQualityFacts;
import dev.leadline.db.JooqRoutingHistory;
import dev.leadline.db.JooqTokenRepository;
import dev.leadline.db.JooqTransactor;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The application services, wired to their MariaDB repositories. */
public record Services(
        LeadService leads,
        ClaimService claims,
        QualificationService qualification,
        SchedulingService scheduling,
        ConversionService conversion,
        SpeedToLeadReport speedToLead,
        Reports reports,
        RoutingFairness fairness,
        DataQuality quality,
        SlaPolicies slaPolicies,
        SlaSweep slaSweep,
        MeetingReminders meetingReminders,
        DailyDigest dailyDigest,
        dev.leadline.core.notify.WeeklySummary weeklySummary,
        ActivityRepository timeline,
        OutboxDispatcher dispatcher,
        IntakeService intake,
        ImportService imports,
        FormService forms,
        TeamService team,
        TokenService tokens,
        SavedViewService views,
        ChatDesk chat,
        DuplicateService duplicates,
        MergeService merges,
        DuplicateReviewService duplicateReviews,
        RoutingService routing,
        RulesService rules,
        dev.leadline.core.nurture.CadenceService cadences,
        dev.leadline.core.nurture.NurtureService nurture,
        dev.leadline.core.nurture.NurtureRunner nurtureRunner,
        dev.leadline.core.nurture.NurtureMail nurtureMail,
        dev.leadline.core.nurture.NurtureResponses nurtureResponses,
        dev.leadline.server.plugins.DrafterSlot drafters,
        dev.leadline.core.nurture.SuppressionList suppressions,
        Wakeup routingSignal,
        Wakeup outboxAdded,
        Arrivals enrichmentArrivals,
        AccountMatching accountMatching,
        AccountImport accountImport,
        ConsoleAccess console,
        LeadChanges changes,
        JooqRollups rollups,
        dev.leadline.core.files.FileService files,
        dev.leadline.server.files.FileSpool fileSpool,
        dev.leadline.core.chat.ChatFiles chatFiles,
        dev.leadline.core.booking.BookingService bookings,
        dev.leadline.server.booking.BookingMail bookingMail,
        dev.leadline.core.booking.Handoffs handoffs,
        dev.leadline.server.booking.Calendars calendars,
        dev.leadline.server.integrations.Integrations integrations) {
    private static final Logger log = LoggerFactory.getLogger(Services.class);



    /**
     * What an installation may change about the services: its disqualify reasons, idle period, CRM
     * link, duplicate rules, how long a new lead waits for enrichment before it is routed, and which of
     * several equally good accounts a lead is matched to.
     */
    public record Settings(List<String> disqualifyReasons, Duration idleAfter, Optional<String> crmLeadUrl, DuplicatePolicy duplicates,
                           Duration enrichmentWait, AccountTiebreaker accountTiebreaker) {
        public static final Settings DEFAULTS = new Settings(QualificationService.DEFAULT_DISQUALIFY_REASONS, LeadQuery.DEFAULT_IDLE_AFTER,
                Optional.empty(), DuplicatePolicy.DEFAULT, RoutingService.DEFAULT_ENRICHMENT_WAIT, AccountTiebreaker.DEFAULT);
    }

    /**
     * Wires every service on the database; {@code notifiers} makes the chat platforms' notifiers once
     * the team is known (they look reps and queues up).
     */
    /** {@code node}: this server's name among the nodes sharing the database ({@link NodeName}). */
    public static Services wire(Database database, Clock clock, Settings settings, ChatWiring chatPlatforms, URI publicUrl,
                                dev.leadline.server.metrics.Meters meters, String node, dev.leadline.server.config.MailSettings mail,
                                dev.leadline.server.files.FileSetup fileSetup, dev.leadline.server.config.IntegrationSettings integrationSettings) {
        DSLContext dsl = database.dsl();
        JooqTransactor transactor = new JooqTransactor(dsl);
        JooqLeadRepository leadRepository = new JooqLeadRepository(dsl, settings.duplicates().identifiers());
        JooqAuditLog audit = new JooqAuditLog(dsl);
        JooqActivityRepository timeline = new JooqActivityRepository(dsl);
        JooqRepRepository reps = new JooqRepRepository(dsl);
        TeamService team = new TeamService(transactor, reps, new JooqQueueRepository(dsl), audit, clock);
        Wakeup outboxAdded = new Wakeup();
        JooqOutbox outbox = new JooqOutbox(dsl, chatPlatforms.platforms(), outboxAdded::wake);
        outbox.spreadUnassigned();
        List<Notifier> chat = new dev.leadline.server.metrics.ChatMeters(meters.registry(), leadRepository, clock)
                .timing(chatPlatforms.notifiers(team, new IdentityConflictNotices(outbox, team, clock)));
        dev.leadline.server.metrics.LeadMeters leadMeters = new dev.leadline.server.metrics.LeadMeters(meters.registry());
        if (!chat.stream().map(Notifier::platform).toList().equals(chatPlatforms.platforms())) {
            throw new IllegalStateException("notifiers " + chat.stream().map(Notifier::platform).toList() + " are not the platforms "
                    + chatPlatforms.platforms());
        }
        JooqScheduleRepository schedule = new JooqScheduleRepository(dsl);
        Agenda agenda = new Agenda(schedule, clock);
        JooqSlaPolicies slaPolicies = new JooqSlaPolicies(dsl);
        AccountMatching accountMatching = JooqAccountMatches.matching(dsl, settings.accountTiebreaker(), clock);
        CardAnnouncer cards = new CardAnnouncer(outbox, team, slaPolicies, settings.crmLeadUrl(), accountMatching);
        JooqSlaClocks slaClocks = new JooqSlaClocks(dsl);
        JooqLeadEvents leadEvents = new JooqLeadEvents(dsl);
        dev.leadline.core.nurture.CadenceService cadences = new dev.leadline.core.nurture.CadenceService(transactor,
                new dev.leadline.db.JooqCadenceRepository(dsl),
                new dev.leadline.core.nurture.CadenceParser(new dev.leadline.core.nurture.PebbleMergeTemplates()), audit, clock);
        dev.leadline.db.JooqNurtureEmails nurtureEmails = new dev.leadline.db.JooqNurtureEmails(dsl);
        dev.leadline.db.JooqNurtureRepository enrolments = new dev.leadline.db.JooqNurtureRepository(dsl);
        dev.leadline.core.nurture.NurtureService nurture = new dev.leadline.core.nurture.NurtureService(transactor, leadRepository, cadences,
                enrolments, nurtureEmails, timeline, audit, clock);
        cards.offerNurtureWhile(cadences::any);
        JooqRooms roomStore = new JooqRooms(dsl);
        Wakeup integrationsAdded = new Wakeup();
        dev.leadline.server.integrations.WebhookTargets webhookTargets = new dev.leadline.server.integrations.WebhookTargets(
                integrationSettings.allowHttp(), integrationSettings.allowPrivate());
        dev.leadline.db.JooqIntegrations integrationStore = new dev.leadline.db.JooqIntegrations(dsl, integrationsAdded::wake);
        dev.leadline.server.integrations.ConnectorSlot connectors = new dev.leadline.server.integrations.ConnectorSlot();
        dev.leadline.db.JooqCrm crmStore = new dev.leadline.db.JooqCrm(dsl);
        dev.leadline.server.integrations.EventFeed feed = new dev.leadline.server.integrations.EventFeed(integrationStore, leadRepository,
                connectors::listeners, dev.leadline.server.http.JsonMapper.create());
        LeadJournal journal = new LeadJournal(timeline, audit, LeadAnnouncer.all(cards, new SlaClockStarter(slaClocks, slaPolicies),
                new EngagementRescorer(new JooqEnrichmentStore(dsl)), new dev.leadline.core.nurture.NurtureExits(nurture),
                new dev.leadline.core.nurture.NurtureRules(cadences, nurture, timeline), new RoomAnnouncer(roomStore, outbox)),
                dev.leadline.core.activity.LeadFacts.all(leadMeters.counting(new EventRecorder(leadEvents)), feed));
        ClaimService claims = new ClaimService(transactor, leadRepository, journal, team, clock);
        Alerts alerts = new Alerts(outbox, cards, team);
        JooqAccountRepository accounts = new JooqAccountRepository(dsl);
        transactor.inTransaction(() -> accounts.fillMissingKeys(clock.instant()));
        JooqRouting routing = JooqRouting.wire(dsl, transactor, leadRepository, journal, team, alerts, audit, clock, settings.enrichmentWait(),
                accountMatching, named -> new RoomService(transactor, leadRepository, roomStore, outbox, accountMatching, named,
                        chatPlatforms.platforms().get(0), clock));
        routing.store().whenRecorded(leadMeters::decided);
        Wakeup signal = new Wakeup();
        Arrivals enrichmentArrivals = new Arrivals();
        LeadArrivals arrivals = new LeadArrivals(routing.store(), signal, routing.routing(), enrichmentArrivals);
        JooqMatchKeys matchKeys = new JooqMatchKeys(dsl, settings.duplicates().identifiers());
        int identified = matchKeys.indexNewIdentifiers();
        if (identified > 0) {
            log.info("wrote the identifier keys ({}) of {} stored leads", settings.duplicates().identifiers().fields(), identified);
        }
        DuplicateService duplicates = new DuplicateService(leadRepository, matchKeys, new JooqContactCandidates(dsl), settings.duplicates(),
                new JooqDuplicateVerdicts(dsl));
        MergeService merges = new MergeService(transactor, leadRepository, new JooqMerges(dsl), matchKeys, journal, clock, accountMatching);
        DuplicateGuard guard = new DuplicateGuard(duplicates, merges, alerts, feed.telling(new JooqDuplicateFlags(dsl)));
        IntakeService intake = new IntakeService(transactor, leadRepository, journal, new JooqIdempotencyStore(dsl, clock), clock, guard, arrivals,
                accountMatching);
        LeadService leads = new LeadService(leadRepository, settings.idleAfter());
        SavedViewService views = new SavedViewService(transactor, new JooqSavedViewRepository(dsl), team, audit, clock);
        QualificationService qualification = new QualificationService(transactor, leadRepository, journal, settings.disqualifyReasons(), clock);
        SchedulingService scheduling = new SchedulingService(transactor, leadRepository, schedule, journal, clock);
        ConversionService conversion = new ConversionService(transactor, leadRepository, accounts, new JooqConversionRepository(dsl), journal,
                clock, accountMatching, duplicates);
        ConsoleAccess console = new ConsoleAccess(new JooqConsoleSessions(dsl), reps, audit, clock);
        JooqRollups rollups = new JooqRollups(dsl, leadEvents, transactor);
        Reports reports = new Reports(leadEvents, rollups, transactor, team, leads, clock);
        dev.leadline.core.nurture.Recycler recycler = new dev.leadline.core.nurture.Recycler(leadRepository, journal, nurture, arrivals, cards,
                outbox);
        dev.leadline.db.JooqSuppressions suppressions = new dev.leadline.db.JooqSuppressions(dsl);
        dev.leadline.server.plugins.DrafterSlot drafterSlot = new dev.leadline.server.plugins.DrafterSlot();
        dev.leadline.core.nurture.NurtureDrafts drafts = new dev.leadline.core.nurture.NurtureDrafts(transactor, nurtureEmails, enrolments,
                leadRepository, timeline, cards, outbox, drafterSlot, clock);
        dev.leadline.core.nurture.NurtureRunner nurtureRunner = new dev.leadline.core.nurture.NurtureRunner(transactor, leadRepository, cadences,
                enrolments, nurture, nurtureEmails, suppressions, new dev.leadline.core.nurture.PebbleMergeTemplates(), schedule, timeline, team,
                accountMatching, recycler, drafts, cards, outbox, mail.from(), clock);
        dev.leadline.core.nurture.Mailer mailer = mail.smtp().<dev.leadline.core.nurture.Mailer>map(dev.leadline.server.mail.SmtpMailer::new)
                .orElseGet(dev.leadline.server.mail.LogMailer::new);
        dev.leadline.core.nurture.NurtureMail nurtureMail = new dev.leadline.core.nurture.NurtureMail(transactor, nurtureEmails, suppressions, leadRepository, timeline, mailer,
                new dev.leadline.core.nurture.NurtureMail.Limits(mail.perSenderPerHour(), mail.perDomainPerHour()), publicUrl.toString(), clock);
        dev.leadline.core.nurture.NurtureResponses responses = new dev.leadline.core.nurture.NurtureResponses(transactor, nurtureEmails, enrolments,
                nurture, cadences, suppressions, leadRepository, timeline, recycler, clock);
        dev.leadline.db.JooqBookings bookingStore = new dev.leadline.db.JooqBookings(dsl);
        dev.leadline.core.booking.BookingService bookings = new dev.leadline.core.booking.BookingService(transactor, bookingStore,
                leadRepository, schedule, journal, team, new dev.leadline.db.JooqRoutingState(dsl, accountMatching), routing.store(), alerts, clock);
        Duration routingWait = settings.enrichmentWait().plusSeconds(2);
        bookings.waitForRouting(() -> routing.routing().waitsForEnrichment() && routing.routing().hasRules("form"),
                routingWait.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : routingWait);
        dev.leadline.server.booking.Calendars calendars = dev.leadline.server.booking.Calendars.wire(new dev.leadline.db.JooqRepCalendars(dsl),
                transactor, audit, team, clock);
        bookings.readCalendars(calendars.busy());
        dev.leadline.core.booking.Handoffs handoffs = new dev.leadline.core.booking.Handoffs(transactor, new dev.leadline.db.JooqHandoffs(dsl),
                bookings, leadRepository, schedule, journal, team, outbox, cards, alerts, clock);
        ChatDesk desk = new ChatDesk(new ChatLookups(leads, views, cards, agenda, team, clock),
                new LeadWork(claims, qualification, scheduling, conversion, merges, team, routing.routing(), reports, nurture, drafts,
                        routing.rooms().orElseThrow(), handoffs), clock,
                new ConsoleLinks(console, publicUrl));
        FormService forms = new FormService(new JooqFormRepository(dsl), intake, audit, clock);
        forms.checkQueuesWith(name -> team.queueByName(name).isPresent());
        dev.leadline.server.booking.BookingMail bookingMail = new dev.leadline.server.booking.BookingMail(bookingStore, schedule,
                leadRepository, team, mailer, mail.from(), publicUrl, clock);
        dev.leadline.core.files.FileService fileService = new dev.leadline.core.files.FileService(leadRepository,
                new dev.leadline.db.JooqLeadFiles(dsl), fileSetup.store(), transactor, journal, fileSetup.rules(), clock);
        return new Services(
                leads,
                claims,
                qualification,
                scheduling,
                conversion,
                new SpeedToLeadReport(new JooqSpeedSamples(dsl), team),
                reports,
                new RoutingFairness(new JooqRoutingHistory(dsl), team, reports),
                new DataQuality(new JooqQualityFacts(dsl), reports),
                slaPolicies,
                new SlaSweep(transactor, leadRepository, slaClocks, slaPolicies, new QueueSlaActions(alerts, routing.routing(), journal, team), clock),
                new MeetingReminders(transactor, schedule, leadRepository, cards, outbox, clock),
                new DailyDigest(transactor, team, leads, new JooqDigestLog(dsl), outbox, clock),
                new dev.leadline.core.notify.WeeklySummary(transactor, team, new dev.leadline.core.report.WeekOverWeek(reports, team),
                        new JooqDigestLog(dsl), outbox, clock),
                timeline,
                new OutboxDispatcher(outbox, chat, new LiveCards(cards, leadRepository, timeline, slaPolicies, agenda), new JooqChatPace(dsl), clock),
                intake,
                new ImportService(transactor, leadRepository, journal, new JooqImportJobRepository(dsl, node), clock, arrivals, guard, accountMatching),
                forms,
                team,
                new TokenService(new JooqTokenRepository(dsl), reps, audit, clock),
                views,
                desk,
                duplicates,
                merges,
                new DuplicateReviewService(transactor, leadRepository, new JooqDuplicateReviews(dsl), journal, clock),
                routing.routing(),
                routing.rules(),
                cadences,
                nurture,
                nurtureRunner,
                nurtureMail,
                responses,
                drafterSlot,
                new dev.leadline.core.nurture.SuppressionList(transactor, suppressions, audit, clock),
                signal,
                outboxAdded,
                enrichmentArrivals,
                accountMatching,
                new AccountImport(transactor, accounts, email -> team.repByEmail(email).map(Rep::id), accountMatching, clock),
                console,
                new JooqLeadChanges(dsl),
                rollups,
                fileService,
                fileSetup.spool(),
                new dev.leadline.core.chat.ChatFiles(fileService, fileSetup.spool(), new dev.leadline.db.JooqCardPlaces(dsl)),
                bookings,
                bookingMail,
                handoffs,
                calendars,
                new dev.leadline.server.integrations.Integrations(integrationStore, feed,
                        new dev.leadline.core.integration.Webhooks(transactor, integrationStore, webhookTargets, audit, clock), webhookTargets,
                        connectors, integrationsAdded, node, outbox, team, crmStore,
                        new dev.leadline.core.integration.CrmUpdates(transactor, leadRepository, journal, team, clock), leadRepository, schedule,
                        new JooqConversionRepository(dsl), accounts, new dev.leadline.server.integrations.CrmBackfill(dsl, transactor, leadRepository,
                        feed)));
    }
}
