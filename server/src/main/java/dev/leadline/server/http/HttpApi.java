package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.enrichment.EnrichmentService;
import dev.leadline.db.Database;
import dev.leadline.core.access.SsoAttempts;
import dev.leadline.db.JooqAuditSearch;
import dev.leadline.db.JooqRateBuckets;
import dev.leadline.db.JooqSsoAttempts;
import dev.leadline.server.Services;
import dev.leadline.server.chat.ChatPlatform;
import dev.leadline.server.config.OidcSettings;
import dev.leadline.server.config.TrustedProxies;
import dev.leadline.server.importing.ImportRunner;
import dev.leadline.server.plugins.PluginHost;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import dev.leadline.server.console.AdminPages;
import dev.leadline.server.console.ConsoleEvents;
import dev.leadline.server.console.ConsoleGate;
import dev.leadline.server.console.ConsolePages;
import dev.leadline.server.console.DuplicatePages;
import dev.leadline.server.console.FilePages;
import dev.leadline.server.console.LeadDetails;
import dev.leadline.server.console.FormPages;
import dev.leadline.server.console.ImportPages;
import dev.leadline.server.console.LeadPages;
import dev.leadline.server.console.JteRenderer;
import dev.leadline.server.console.OidcClient;
import dev.leadline.server.console.QueuePages;
import dev.leadline.server.console.SsoPages;
import dev.leadline.server.console.RoutingPages;
import dev.leadline.server.console.TeamPages;
import dev.leadline.server.console.WorkPages;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The HTTP server and its one routes table. */
public final class HttpApi {
    private HttpApi() {}

    /** Everything the routes need. */
    public record Deps(Services services, Database database, PluginHost plugins, ImportRunner imports, Clock clock,
                       long maxJsonBytes, long syncImportBytes, int formsPerMinute, TrustedProxies trustedProxies, String version,
                       List<ChatPlatform.Route> chatRoutes, EnrichmentService enrichment, URI publicUrl,
                       Optional<OidcSettings> oidc, dev.leadline.server.metrics.Meters meters,
                       dev.leadline.server.config.Config.MetricsSettings metrics, java.util.function.BooleanSupplier serving) {}

    public static Javalin create(Deps deps) {
        ObjectMapper json = JsonMapper.create();
        var services = deps.services();
        Authenticator auth = new Authenticator(services.tokens(), deps.clock());
        LeadController leads = new LeadController(json, services.intake(), services.leads(), services.views(), services.team(), deps.clock(),
                services.accountMatching(), services.nurture());
        AccountController accounts = new AccountController(deps.imports(), services.accountImport());
        FileTransfer fileTransfer = new FileTransfer(services.files(), services.fileSpool());
        FileController leadFiles = new FileController(services.files(), fileTransfer, services.team());
        ViewController views = new ViewController(json, services.views(), services.team());
        ImportController imports = new ImportController(json, deps.imports(), services.imports(), deps.syncImportBytes());
        BookingController booking = new BookingController(json, services.bookings(), services.forms(), services.team(), deps.publicUrl());
        FormController forms = new FormController(json, services.forms(),
                new RateLimiter(new JooqRateBuckets(deps.database().dsl()), deps.formsPerMinute(), deps.clock()), deps.trustedProxies(),
                services.bookings(), booking);
        LifecycleController lifecycle = new LifecycleController(json, services.claims(), services.qualification(),
                services.team(), services.leads(), services.timeline(), services.routing());
        SchedulingController scheduling = new SchedulingController(json, services.scheduling(), services.team(), services.leads());
        ConversionController conversion = new ConversionController(json, services.conversion(), services.team());
        ReportController reports = new ReportController(services.speedToLead(), services.reports(), services.fairness(),
                services.quality(), services.team(), deps.clock());
        DuplicateController duplicates = new DuplicateController(json, services.duplicates(), services.duplicateReviews(), services.team());
        MergeController merges = new MergeController(json, services.merges(), services.team());
        PluginController plugins = new PluginController(deps.plugins(), deps.enrichment(), services.leads(), services.integrations(),
                deps.clock());
        RoutingController routing = new RoutingController(json, services.rules(), services.routing(), services.leads(), services.team());
        TokenController tokens = new TokenController(json, services.tokens(), services.team(), auth);
        TeamController team = new TeamController(new dev.leadline.server.team.Roster(services.team(), deps.clock()));
        HealthController health = new HealthController(deps.database(), deps.plugins(), deps.version(), deps.serving());
        MetricsController metrics = new MetricsController(deps.meters(), deps.metrics().token(), auth);
        RequestTracing tracing = new RequestTracing(deps.meters().registry());
        ConsoleGate gate = new ConsoleGate(services.console(), deps.publicUrl());
        ConsoleEvents events = new ConsoleEvents(services.changes());
        WorkPages work = new WorkPages(services.leads(), services.views(), services.team(), services.timeline(), deps.enrichment(), deps.clock());
        ConsolePages console = new ConsolePages(services.console(), gate, work, deps.oidc().isPresent());
        LeadPages leadPages = new LeadPages(work, services.chat(), services.leads(),
                new LeadDetails(deps.enrichment(), services.routing(), services.duplicates(), services.files()));
        FilePages filePages = new FilePages(services.files(), fileTransfer, leadPages);
        DuplicatePages duplicatePages = new DuplicatePages(services.duplicateReviews(), services.merges(), services.leads(), services.team());
        AdminPages adminPages = new AdminPages(services.tokens(), new dev.leadline.core.activity.AuditTrail(new JooqAuditSearch(deps.database().dsl())),
                services.team(), auth::forgetAll);
        TeamPages teamPages = new TeamPages(services.team(), services.routing());
        QueuePages queuePages = new QueuePages(services.team(), teamPages);
        ImportPages importPages = new ImportPages(deps.imports(), services.imports(), deps.clock());
        FormPages formPages = new FormPages(services.forms(), deps.publicUrl());
        RoutingPages routingPages = new RoutingPages(services.rules(), services.routing(), services.team());
        Optional<SsoPages> sso = deps.oidc().map(settings -> new SsoPages(new SsoAttempts(new JooqSsoAttempts(deps.database().dsl()), deps.clock()),
                new OidcClient(settings), services.console(), gate));

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = deps.maxJsonBytes();
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors(json)));
            config.jsonMapper(new JavalinJackson(json, false));
            config.router.ignoreTrailingSlashes = true;
            config.fileRenderer(new JteRenderer());
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/console/assets";
                files.directory = "/console-assets";
                files.location = Location.CLASSPATH;
            });
            config.requestLogger.http(tracing::end);
            config.events.serverStarted(events::start);
            config.events.serverStopping(events::close);
            // stop() then refuses new requests and lets those in flight finish, for at most 10 s; idle
            // keep-alive connections are closed after 200 ms instead of Jetty's 1 s
            config.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(10_000);
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarted(LifeCycle started) {
                        for (Connector connector : server.getConnectors()) {
                            if (connector instanceof AbstractConnector open) {
                                open.setShutdownIdleTimeout(200);
                            }
                        }
                    }
                });
            });
            var routes = config.routes;
            routes.before(tracing::begin);
            routes.get("/health", health::health);
            routes.get("/health/live", health::live);
            routes.get("/health/ready", health::ready);
            routes.get("/metrics", metrics::guarded);
            // the API's OpenAPI contract and Swagger UI reading it; no token (docs/api.md#openapi)
            ApiDocs apiDocs = new ApiDocs(json);
            routes.get("/api/openapi.json", apiDocs::document);
            routes.get("/api/docs", apiDocs::page);

            // the REST API takes Leadline tokens; the chat platforms' routes below authenticate the platform's own way
            routes.before("/api/v1/*", auth::authenticate);
            routes.post("/api/v1/leads", leads::create);
            routes.get("/api/v1/leads", leads::list);
            routes.get("/api/v1/leads.csv", leads::listCsv);
            routes.post("/api/v1/leads/import", imports::upload);
            routes.get("/api/v1/leads/{id}", leads::get);
            routes.post("/api/v1/leads/{id}/claim", lifecycle::claim);
            routes.post("/api/v1/leads/{id}/release", lifecycle::release);
            routes.post("/api/v1/leads/{id}/contact-attempts", lifecycle::contactAttempt);
            routes.post("/api/v1/leads/{id}/qualify", lifecycle::qualify);
            routes.post("/api/v1/leads/{id}/disqualify", lifecycle::disqualify);
            routes.post("/api/v1/leads/{id}/notes", lifecycle::note);
            routes.post("/api/v1/leads/{id}/assign", lifecycle::assign);
            routes.post("/api/v1/leads/{id}/convert", conversion::convert);
            routes.post("/api/v1/leads/{id}/unconvert", conversion::unconvert);
            routes.post("/api/v1/leads/{id}/merge", merges::merge);
            routes.post("/api/v1/leads/{id}/unmerge", merges::unmerge);
            routes.get("/api/v1/leads/{id}/timeline", lifecycle::timeline);
            routes.post("/api/v1/leads/{id}/files", leadFiles::upload);
            routes.get("/api/v1/leads/{id}/files", leadFiles::ofLead);
            routes.get("/api/v1/files/{id}", fileTransfer::download);
            routes.head("/api/v1/files/{id}", fileTransfer::download);
            routes.delete("/api/v1/files/{id}", leadFiles::remove);
            routes.get("/api/v1/accounts/{id}/files", leadFiles::ofAccount);
            routes.get("/api/v1/contacts/{id}/files", leadFiles::ofContact);
            routes.get("/api/v1/disqualify-reasons", lifecycle::disqualifyReasons);
            routes.get("/api/v1/views/counts", leads::counts);
            routes.get("/api/v1/views", views::list);
            routes.get("/api/v1/views/{name}", views::get);
            routes.put("/api/v1/views/{name}", views::save);
            routes.delete("/api/v1/views/{name}", views::delete);
            routes.get("/api/v1/reports/speed-to-lead", reports::speedToLead);
            routes.get("/api/v1/reports/funnel", reports::funnel);
            routes.get("/api/v1/reports/conversion", reports::conversion);
            routes.get("/api/v1/reports/reps", reports::reps);
            routes.get("/api/v1/reports/trends", reports::trends);
            routes.get("/api/v1/reports/fairness", reports::fairness);
            routes.get("/api/v1/reports/fairness/skips", reports::fairnessSkips);
            routes.get("/api/v1/reports/quality", reports::quality);
            routes.post("/api/v1/leads/{id}/meetings", scheduling::book);
            routes.get("/api/v1/leads/{id}/meetings", scheduling::meetingsOfLead);
            routes.get("/api/v1/meetings/{ref}", scheduling::show);
            routes.post("/api/v1/meetings/{id}/reschedule", scheduling::reschedule);
            routes.post("/api/v1/meetings/{id}/outcome", scheduling::outcome);
            routes.post("/api/v1/leads/{id}/tasks", scheduling::addTask);
            routes.get("/api/v1/leads/{id}/tasks", scheduling::tasksOfLead);
            routes.post("/api/v1/tasks/{id}/complete", scheduling::completeTask);
            routes.get("/api/v1/imports/{id}", imports::job);
            routes.get("/api/v1/imports/{id}/rejected.csv", imports::rejectedRows);
            routes.get("/api/v1/imports/{id}/duplicates.csv", imports::duplicateRows);
            routes.post("/api/v1/accounts/import", accounts::upload);
            routes.get("/api/v1/forms", forms::list);
            routes.put("/api/v1/forms/{key}", forms::save);
            routes.get("/api/v1/plugins", plugins::list);
            routes.post("/api/v1/plugins", plugins::install);
            routes.get("/api/v1/plugins/{id}", plugins::get);
            routes.post("/api/v1/plugins/{id}/enable", plugins::enable);
            routes.post("/api/v1/plugins/{id}/disable", plugins::disable);
            routes.get("/api/v1/leads/{id}/enrichment", plugins::leadEnrichment);
            routes.get("/api/v1/leads/{id}/duplicates", duplicates::list);
            routes.post("/api/v1/leads/{id}/duplicates/{other}/dismiss", duplicates::dismiss);
            routes.get("/api/v1/leads/{id}/routing", routing::decision);
            routes.post("/api/v1/routing/dry-run", routing::dryRun);
            routes.get("/api/v1/rules", routing::list);
            routes.put("/api/v1/rules", routing::importAll);
            routes.get("/api/v1/rules/{purpose}", routing::get);
            routes.put("/api/v1/rules/{purpose}", routing::save);
            routes.post("/api/v1/rules/{purpose}/dry-run", routing::tryDraft);
            routes.delete("/api/v1/rules/{purpose}", routing::delete);
            var nurture = new NurtureController(json, services.nurture(), services.team());
            routes.post("/api/v1/leads/{id}/nurture", nurture::enrol);
            routes.delete("/api/v1/leads/{id}/nurture", nurture::stop);
            var cadences = new CadenceController(services.cadences());
            routes.get("/api/v1/cadences", cadences::list);
            routes.get("/api/v1/cadences/{name}", cadences::get);
            routes.put("/api/v1/cadences/{name}", cadences::save);
            routes.get("/api/v1/reps", team::reps);
            routes.get("/api/v1/queues", team::queues);
            routes.put("/api/v1/reps/{rep}/availability", routing::availability);
            var calendars = new CalendarController(json, services.calendars().settings(), services.team());
            routes.get("/api/v1/reps/{rep}/calendar", calendars::get);
            routes.put("/api/v1/reps/{rep}/calendar", calendars::put);
            routes.delete("/api/v1/reps/{rep}/calendar", calendars::delete);
            routes.get("/api/v1/tokens", tokens::list);
            routes.post("/api/v1/tokens", tokens::issue);
            routes.delete("/api/v1/tokens/{name}", tokens::revoke);
            var webhooks = new WebhookController(json, services.integrations().webhooks());
            routes.post("/api/v1/webhooks", webhooks::create);
            routes.get("/api/v1/webhooks", webhooks::list);
            routes.get("/api/v1/webhooks/{id}", webhooks::get);
            routes.patch("/api/v1/webhooks/{id}", webhooks::change);
            routes.delete("/api/v1/webhooks/{id}", webhooks::delete);
            routes.get("/api/v1/webhooks/{id}/deliveries", webhooks::deliveries);
            routes.post("/api/v1/webhooks/{id}/deliveries/{delivery}/replay", webhooks::replayOne);
            routes.post("/api/v1/webhooks/{id}/replay", webhooks::replayRange);

            // the web console: a session cookie from a one-time sign-in link or OpenID Connect, a CSRF token on every change (docs/console.md)
            routes.before("/console", gate::headers);
            routes.before("/console/*", gate::headers);
            // an upload to a lead is bounded before the gate's CSRF check reads its form (FileTransfer.boundRequest)
            routes.before("/console/leads/{id}/files", fileTransfer::boundRequest);
            routes.before("/console", gate::check);
            routes.before("/console/*", gate::check);
            routes.get("/console/sign-in", console::signInHelp);
            routes.get("/console/sign-in/{link}", console::signInLink);
            routes.post("/console/sign-in", console::signIn);
            sso.ifPresent(pages -> {
                routes.get("/console/sso", pages::start);
                routes.get("/console/sso/callback", pages::callback);
            });
            routes.post("/console/sign-out", console::signOut);
            routes.get("/console", console::myWork);
            routes.get("/console/list", console::list);
            routes.get("/console/counts", console::counts);
            // My work's custom views (docs/console.md): a view's count, loaded after the page; save a search as the rep's own view, delete one
            routes.get("/console/views/{name}/count", console::viewCount);
            routes.post("/console/views", console::saveView);
            routes.post("/console/views/{name}/delete", console::deleteView);
            routes.get("/console/leads/{id}", leadPages::lead);
            routes.get("/console/duplicates", duplicatePages::review);
            routes.post("/console/duplicates/dismiss", duplicatePages::dismiss);
            routes.get("/console/leads/{id}/merge", duplicatePages::mergeScreen);
            routes.post("/console/leads/{id}/merge", duplicatePages::merge);
            routes.get("/console/leads/{id}/merged", duplicatePages::merged);
            routes.post("/console/leads/{id}/unmerge", duplicatePages::unmerge);
            routes.post("/console/leads/{id}/unconvert", leadPages::unconvert);
            // the lead page's Files: upload (multipart), download with the session, remove (docs/console.md)
            routes.post("/console/leads/{id}/files", filePages::upload);
            routes.get("/console/files/{id}", fileTransfer::download);
            routes.head("/console/files/{id}", fileTransfer::download);
            routes.post("/console/files/{id}/remove", filePages::remove);
            routes.get("/console/admin/tokens", adminPages::tokens);
            routes.post("/console/admin/tokens", adminPages::issue);
            routes.get("/console/admin/tokens/{name}/revoke", adminPages::confirmRevoke);
            routes.post("/console/admin/tokens/{name}/revoke", adminPages::revoke);
            // Reports pages with charts and the leads behind each number (issue 23), the Plugins page (issue 22); docs/console.md
            var reportPages = new dev.leadline.server.console.ReportPages(services.reports(), services.fairness(), services.quality(),
                    services.team(), work, deps.clock());
            routes.get("/api/v1/reports/{report}/leads", reports::leads);
            routes.get("/console/reports", reportPages::index);
            routes.get("/console/reports/{report}.csv", reportPages::csv);
            routes.get("/console/reports/{report}/leads", reportPages::leads);
            routes.get("/console/reports/{report}", reportPages::report);
            var pluginPages = new dev.leadline.server.console.PluginPages(deps.plugins());
            routes.get("/console/admin/plugins", pluginPages::page);
            routes.post("/console/admin/plugins", pluginPages::upload);
            routes.post("/console/admin/plugins/{id}/enable", pluginPages::enable);
            routes.post("/console/admin/plugins/{id}/disable", pluginPages::disable);
            var webhookPages = new dev.leadline.server.console.WebhookPages(services.integrations().webhooks());
            routes.get("/console/admin/webhooks", webhookPages::page);
            routes.post("/console/admin/webhooks", webhookPages::create);
            routes.post("/console/admin/webhooks/{id}/deliveries/{delivery}/replay", webhookPages::replay);
            routes.post("/console/admin/webhooks/{id}/{action}", webhookPages::act);
            routes.get("/console/admin/audit", adminPages::audit);
            // Routing (admins): rule sets, versions and diffs; a draft checked, dry-run on the last leads, published (docs/console.md)
            routes.get("/console/admin/routing", routingPages::page);
            routes.post("/console/admin/routing/{purpose}/check", routingPages::check);
            routes.post("/console/admin/routing/{purpose}/dry-run", routingPages::dryRun);
            routes.post("/console/admin/routing/{purpose}/publish", routingPages::publish);
            // Cadences (admins): every nurture cadence; one as YAML, checked (problems at their lines) and saved as its next version
            var cadencePages = new dev.leadline.server.console.CadencePages(services.cadences());
            routes.get("/console/admin/cadences", cadencePages::list);
            routes.get("/console/admin/cadences/new", cadencePages::fresh);
            routes.get("/console/admin/cadences/{name}", cadencePages::show);
            routes.post("/console/admin/cadences/check", cadencePages::check);
            routes.post("/console/admin/cadences/save", cadencePages::save);
            routes.get("/console/team", teamPages::team);
            routes.post("/console/team/reps/{rep}/availability", teamPages::availability);
            routes.post("/console/team/reps/{rep}/settings", queuePages::saveRep);
            routes.get("/console/team/queues/{queue}", queuePages::queue);
            routes.post("/console/team/queues/{queue}", queuePages::saveQueue);
            // Imports (admins: upload, preview, dry run, import with live progress, rejected rows) and Forms (snippet, test submit);
            // the preview is also the API's POST /api/v1/leads/import/preview
            routes.post("/api/v1/leads/import/preview", imports::preview);
            routes.get("/console/imports", importPages::form);
            routes.post("/console/imports", importPages::upload);
            routes.get("/console/imports/{upload}", importPages::show);
            routes.post("/console/imports/{upload}/dry-run", importPages::dryRun);
            routes.post("/console/imports/{upload}/start", importPages::start);
            routes.get("/console/imports/{upload}/progress", importPages::progressPart);
            routes.get("/console/imports/{upload}/rejected.csv", ctx -> imports.rejectedRows(ctx, importPages.ownJob(ctx)));
            routes.get("/console/forms", formPages::list);
            routes.post("/console/forms/{key}/test", formPages::testSubmit);
            // every action of the lead's chat card, by its name: claim, log-contact, qualify, ..., assign (after merge
            // and unmerge above, which the first matching route would otherwise take)
            routes.post("/console/leads/{id}/{action}", leadPages::act);
            routes.sse("/console/events", events::connect);

            SuppressionController suppressions = new SuppressionController(json, services.suppressions());
            routes.get("/api/v1/suppressions", suppressions::page);
            routes.put("/api/v1/suppressions/{address}", suppressions::add);
            routes.delete("/api/v1/suppressions/{address}", suppressions::remove);
            routes.post("/forms/{key}", forms::submit);
            // the unsubscribe link of nurture emails: anyone holding it, no sign-in (RFC 8058 one-click is the POST)
            UnsubscribeController unsubscribe = new UnsubscribeController(services.nurtureResponses());
            routes.get("/unsubscribe/{token}", unsubscribe::show);
            routes.post("/unsubscribe/{token}", unsubscribe::unsubscribe);
            // each chat platform's own routes, authenticated by the platform
            for (ChatPlatform.Route route : deps.chatRoutes()) {
                if (route.method().equals("GET")) {
                    routes.get(route.path(), route.handler());
                } else {
                    routes.post(route.path(), route.handler());
                }
            }
            routes.options("/forms/{key}", forms::preflight);
            // booking links: anyone holding one (the token is the secret), no sign-in
            routes.get("/book/widget.js", booking::widget);
            routes.get("/book/{token}", booking::page);
            routes.get("/book/{token}/slots", booking::slots);
            routes.get("/book/{token}/meeting.ics", booking::ics);
            routes.post("/book/{token}", booking::book);
            routes.post("/book/{token}/reschedule", booking::reschedule);
            routes.post("/book/{token}/cancel", booking::cancel);
            routes.options("/book/{token}", booking::preflight);
            routes.options("/book/{token}/{action}", booking::preflight);

            ErrorMapping.register(routes);
        });
    }

    /** {@code LEADLINE_METRICS_PORT}: {@code GET /metrics} alone, without a token, for a port only Prometheus can reach. */
    public static Javalin metricsOnly(dev.leadline.server.metrics.Meters meters) {
        MetricsController metrics = new MetricsController(meters, Optional.empty(), null);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/metrics", metrics::open);
        });
    }
}
