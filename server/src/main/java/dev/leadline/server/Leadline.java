package dev.leadline.server;

import dev.leadline.db.JooqLeadEvents;
import dev.leadline.db.JooqRollups;
import dev.leadline.db.JooqTransactor;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.server.jobs.Jobs;
import dev.leadline.server.metrics.BacklogGauges;
import dev.leadline.server.metrics.ImportMeters;
import dev.leadline.server.metrics.Meters;
import dev.leadline.server.metrics.PluginMeters;
import dev.leadline.server.notify.DispatchLoop;
import dev.leadline.server.chat.ChatPlatforms;
import java.util.Optional;
import dev.leadline.server.config.Config;
import dev.leadline.server.config.ConfigFile;
import dev.leadline.server.config.ConfigSections;
import dev.leadline.server.http.HttpApi;
import dev.leadline.server.importing.ImportRunner;
import dev.leadline.server.importing.ImportSpool;
import dev.leadline.server.plugins.PluginHost;
import dev.leadline.server.plugins.SharedPlugins;
import dev.leadline.db.JooqPluginShelf;
import dev.leadline.server.plugins.EnrichmentLoop;
import dev.leadline.server.routing.ConfiguredRules;
import dev.leadline.server.routing.RoutingLoop;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.enrichment.EnrichmentService;
import dev.leadline.core.enrichment.FieldWriteback;
import dev.leadline.core.enrichment.EnrichmentSettings;
import dev.leadline.db.JooqAuditLog;
import dev.leadline.db.JooqConfigApplied;
import dev.leadline.db.JooqEnrichmentStore;
import dev.leadline.db.JooqTransactor;
import dev.leadline.db.JooqLeadRepository;
import dev.leadline.db.OnExit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import io.javalin.Javalin;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Leadline server: database, services, plugins and HTTP, started and stopped together. It
 * stops when closed or when the JVM exits ({@link OnExit}): intake first, then the background work,
 * then the plugins, the connection pool and the embedded MariaDB, each letting what it has in hand finish.
 */
public final class Leadline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leadline.class);

    private final Backend backend;
    private final PluginHost plugins;
    private final Javalin http;
    private final DispatchLoop dispatch;
    private final dev.leadline.server.integrations.DeliveryLoop deliveries;
    private final Jobs jobs;
    private final EnrichmentLoop enrichment;
    private final RoutingLoop routing;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Optional<Javalin> metricsHttp;
    private final SharedPlugins shared;
    /** Whether /health/ready says UP: from the end of start until close begins. */
    private final AtomicBoolean serving;
    private static final String VERSION = String.valueOf(Leadline.class.getPackage().getImplementationVersion());
    private final CountDownLatch closed = new CountDownLatch(1);

    private Leadline(Backend backend, PluginHost plugins, SharedPlugins shared, Javalin http, Optional<Javalin> metricsHttp,
                     DispatchLoop dispatch, dev.leadline.server.integrations.DeliveryLoop deliveries, Jobs jobs, EnrichmentLoop enrichment,
                     RoutingLoop routing, AtomicBoolean serving) {
        this.shared = shared;
        this.metricsHttp = metricsHttp;
        this.serving = serving;
        this.enrichment = enrichment;
        this.routing = routing;
        this.backend = backend;
        this.plugins = plugins;
        this.http = http;
        this.dispatch = dispatch;
        this.deliveries = deliveries;
        this.jobs = jobs;
    }

    /** After the upgrade that added the report summaries, works them out once for the leads stored before (as {@code leadline reports rebuild}). */
    private static void summarizeOnce(org.jooq.DSLContext dsl) {
        JooqLeadEvents facts = new JooqLeadEvents(dsl);
        JooqTransactor transactor = new JooqTransactor(dsl);
        JooqRollups rollups = new JooqRollups(dsl, facts, transactor);
        if (facts.summariesMissing()) {
            log.info("working out the report summaries of the leads stored before them, once");
            // a first run stopped half way resumes after the last lead it summarised
            long leads = facts.rebuildSummaries(transactor, 1000, done -> {
                rollups.foldWhenMany(JooqRollups.BULK);
                log.debug("{} leads summarised", done);
            }, facts.summarisedUpTo());
            rollups.foldAll(JooqRollups.BULK);
            log.info("report summaries of {} leads worked out", leads);
        }
        if (!rollups.decisionsReady()) {
            // the fairness report counts from the decisions themselves until this is done, so the server need not wait
            Thread adding = new Thread(() -> {
                try {
                    log.info("adding the routing decisions stored before the fairness sums to them, once, in the background");
                    log.info("{} routing decisions added to the fairness sums", rollups.tallyEarlierDecisions(1000));
                } catch (RuntimeException e) {
                    log.warn("adding earlier routing decisions to the fairness sums stopped ({}); the next start goes on", e.toString());
                }
            }, "fairness-sums");
            adding.setDaemon(true);
            adding.start();
        }
    }

    /** Opens the database and everything on it, without HTTP, as a start does: leadline.yml's changed sections are applied. */
    public static Backend backend(Config config, Clock clock) {
        return backend(config, clock, true);
    }

    /**
     * Opens the database and everything on it, without HTTP. A command line tool ({@code starting} false)
     * applies only the sections of leadline.yml never applied before (a first run); a changed file waits for
     * the server's next start, so a tool run beside a running server changes nothing behind its back.
     */
    public static Backend backend(Config config, Clock clock, boolean starting) {
        Optional<ConfigFile> configFile = ConfigFile.read(config.configFile());
        DatabaseRuntime db = DatabaseRuntime.open(config);
        Meters meters = new Meters(VERSION);
        try {
            ChatPlatforms chat = ChatPlatforms.configured(config.chat(), db.database(), clock);
            Services services = Services.wire(db.database(), clock, configFile.map(ConfigFile::settings).orElse(Services.Settings.DEFAULTS),
                    chat, config.consoleBase(), meters,
                    // a tool run beside a server is a node of its own: it never takes the server's imports for its own
                    starting ? NodeName.of(config.dataDir()) : NodeName.passing(), config.mail(),
                    dev.leadline.server.files.FileSetup.open(config.files(), config.dataDir()), config.integrations());
            BacklogGauges.register(meters.registry(), db.database(), chat.platforms(), clock);
            config.bootstrapToken().ifPresent(services.tokens()::ensureBootstrap);
            configFile.ifPresent(file -> {
                Actor actor = new Actor("config", config.configFile().getFileName().toString());
                ConfigSections sections = new ConfigSections(new JooqConfigApplied(db.database().dsl()), clock, starting);
                sections.apply("team", List.of(file.reps(), file.queues()), () -> {
                    services.team().apply(file.reps(), file.queues(), actor);
                    services.calendars().settings().apply(file.reps(), services.team()::repByEmail, actor);
                });
                sections.apply("forms", file.forms(), () -> file.forms().forEach(form -> services.forms().save(form.toDefinition(), actor)));
                sections.apply("cadences", file.cadences(), () -> file.cadences().forEach((name, cadence) -> services.cadences().save(name,
                        cadence, actor)));
                sections.apply("sla", file.sla(), () -> file.sla().forEach((queue, spec) -> services.slaPolicies().set(services.team()
                        .queueByName(queue).orElseThrow(() -> new ValidationException("sla", "no queue named '" + queue + "' for its SLA")).id(),
                        Optional.of(spec.toPolicy(queue)))));
                file.routingRules().ifPresent(rules -> sections.apply("routing.rules", rules,
                        () -> ConfiguredRules.apply(services.rules(), rules, actor)));
                if (file.queues().size() == 1) {
                    ConfiguredRules.defaultToOnlyQueue(services.rules(), file.queues().get(0).name());
                }
                log.info("read {}: {} reps, {} queues, {} forms", config.configFile(), file.reps().size(),
                        file.queues().size(), file.forms().size());
            });
            ImportRunner imports = new ImportRunner(services.imports(),
                    new ImportSpool(config.dataDir().resolve("imports"), config.maxImportBytes()),
                    new dev.leadline.db.JooqImportSpools(db.database().dsl()), new ImportMeters(meters.registry()));
            chat.serve(services);
            Backend backend = new Backend(db, services, imports, chat, configFile, meters);
            OnExit.register(backend);
            return backend;
        } catch (RuntimeException e) {
            meters.close();
            db.close();
            throw e;
        }
    }

    /** The database-backed part of Leadline. */
    public record Backend(DatabaseRuntime db, Services services, ImportRunner imports, ChatPlatforms chat,
                          Optional<ConfigFile> configFile, Meters meters) implements AutoCloseable {
        @Override
        public void close() {
            OnExit.unregister(this);
            chat.close();
            imports.close();
            services.calendars().close();
            db.close();
            meters.close();
        }
    }

    /**
     * How often the background loops look in the database for work without being woken: for work other
     * nodes committed, leads whose wait for enrichment has ended, retries. Work this node commits wakes
     * its loops at once.
     */
    record Looks(java.time.Duration enrichment, java.time.Duration routing, java.time.Duration outbox) {
        static final Looks DEFAULT = new Looks(EnrichmentLoop.LOOK, RoutingLoop.LOOK, DispatchLoop.LOOK);
    }

    public static Leadline start(Config config, Clock clock) {
        return start(config, clock, Looks.DEFAULT);
    }

    static Leadline start(Config config, Clock clock, Looks looks) {
        long started = System.nanoTime();
        Backend backend = backend(config, clock);
        summarizeOnce(backend.db().database().dsl());
        PluginHost plugins = PluginHost.load(config.pluginsDir(), config.dataDir(),
                backend.configFile().map(ConfigFile::plugins).orElse(Map.of()), config.pluginEnv(), clock, config.providerTimeout(),
                config.pluginLimits());
        EnrichmentLoop enrichment = null;
        Optional<Javalin> metricsHttp = Optional.empty();
        SharedPlugins shared = null;
        try {
            EnrichmentService enricher = enrichment(backend, plugins, clock);
            plugins.connect(enricher);
            backend.services().drafters().use(plugins);
            shared = SharedPlugins.start(plugins, new JooqPluginShelf(backend.db().database().dsl()), clock);
            backend.services().routing().enrichmentOn(plugins::providersOn);
            Meters meters = backend.meters();
            meters.beforeScrape(new PluginMeters(meters.registry(), plugins)::refresh);
            AtomicBoolean serving = new AtomicBoolean();
            Javalin http = HttpApi.create(new HttpApi.Deps(backend.services(), backend.db().database(), plugins,
                    backend.imports(), clock, config.maxJsonBytes(), config.syncImportBytes(),
                    config.formSubmissionsPerMinute(), config.trustedProxies(), VERSION, backend.chat().routes(), enricher, config.consoleBase(),
                    config.oidc(), meters, config.metrics(), serving::get));
            http.start(config.port());
            metricsHttp = config.metrics().port().map(port -> HttpApi.metricsOnly(meters).start(port));
            backend.chat().connect();
            backend.imports().resumeUnfinished();
            backend.imports().watchForOrphans(java.time.Duration.ofSeconds(15));
            backend.services().calendars().start(config.calendars());
            log.info("Leadline listening on http://localhost:{} (ready in {} ms)", http.port(),
                    (System.nanoTime() - started) / 1_000_000);
            DispatchLoop dispatch = new DispatchLoop(backend.services().dispatcher(), backend.services().outboxAdded(), looks.outbox());
            enrichment = new EnrichmentLoop(enricher, backend.services().enrichmentArrivals(), backend.services().routingSignal()::wake,
                    looks.enrichment());
            RoutingLoop routing = new RoutingLoop(backend.services().routing(), backend.services().routingSignal(), looks.routing());
            Jobs jobs = Jobs.start(backend.db().database().dataSource(), backend.services().slaSweep(),
                    backend.services().meetingReminders(), backend.services().dailyDigest(), backend.services().weeklySummary(),
                    backend.services().rollups(), meters.registry(), new Jobs.Nurturing(backend.services().nurtureRunner(),
                            backend.services().nurtureMail(), config.mail().imap().map(imap -> new dev.leadline.server.mail.ImapInbox(imap,
                                    backend.services().nurtureResponses(), clock))),
                    new Jobs.Booking(backend.services().bookings(), backend.services().bookingMail(),
                            backend.services().handoffs()), backend.services().integrations().pull(plugins, clock),
                    config.integrations().crmPull(), () -> backend.services().integrations().purge(clock));
            dev.leadline.server.integrations.DeliveryLoop deliveries = backend.services().integrations().start(plugins, clock, VERSION,
                    dev.leadline.server.integrations.Integrations.LOOK);
            Leadline leadline = new Leadline(backend, plugins, shared, http, metricsHttp, dispatch, deliveries, jobs, enrichment, routing,
                    serving);
            OnExit.register(leadline);
            serving.set(true);
            return leadline;
        } catch (RuntimeException e) {
            metricsHttp.ifPresent(Javalin::stop);
            if (shared != null) {
                shared.close();
            }
            if (enrichment != null) {
                enrichment.close();
            }
            plugins.close();
            backend.close();
            throw e;
        }
    }

    /** Enrichment and scoring through the plugins, writing cleaned values onto leads as the plugins' settings allow. */
    private static EnrichmentService enrichment(Backend backend, PluginHost plugins, Clock clock) {
        var dsl = backend.db().database().dsl();
        var leads = new JooqLeadRepository(dsl, backend.services().duplicates().policy().identifiers());
        var audit = new JooqAuditLog(dsl);
        var writeback = new FieldWriteback(new JooqTransactor(dsl), leads, new LeadJournal(backend.services().timeline(), audit), audit,
                backend.services().accountMatching());
        return new EnrichmentService(leads, new JooqEnrichmentStore(dsl), plugins,
                backend.configFile().map(ConfigFile::enrichmentSettings).orElse(EnrichmentSettings.DEFAULTS), clock, writeback);
    }

    public int port() {
        return http.port();
    }

    public Services services() {
        return backend.services();
    }

    public dev.leadline.db.Database database() {
        return backend.db().database();
    }

    /** Stops in order; closing again, or while it stops, does nothing. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        OnExit.unregister(this);
        serving.set(false);
        log.info("Leadline stopping: no new requests; finishing the work in hand");
        stopping("HTTP", http::stop);
        // an import in hand pauses after its current batch: it goes on at the next start, or on another node
        stopping("imports", backend.imports()::close);
        metricsHttp.ifPresent(metrics -> stopping("metrics HTTP", metrics::stop));
        stopping("chat intake", backend.chat()::disconnect);
        stopping("routing", routing::close);
        stopping("enrichment", enrichment::close);
        stopping("outbox dispatch", dispatch::close);
        stopping("integration deliveries", deliveries::close);
        stopping("jobs", jobs::close);
        stopping("plugin sharing", shared::close);
        stopping("plugins", plugins::close);
        stopping("the database", backend::close);
        log.info("Leadline stopped");
        closed.countDown();
    }

    /** One step of {@link #close()}: one that fails does not keep the next ones, and the database, from stopping. */
    private static void stopping(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("stopping {} failed", what, e);
        }
    }

    /** Returns once {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
