package dev.leadline.server.plugins;

import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.enrichment.EnrichmentService;
import dev.leadline.core.enrichment.ProviderCalls;
import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.EnrichmentProvider;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.PluginApi;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoringProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginAlreadyLoadedException;
import org.pf4j.PluginManager;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins: the bundled ones (shipped inside the server jar, unpacked into the data directory)
 * and any archive (zip or jar) in the plugins directory, loaded with pf4j, each called through its
 * own {@link Isolation}. Plugins can be enabled, disabled and added while the server runs; the
 * providers in use are looked up again after every change.
 */
public final class PluginHost implements AutoCloseable, ProviderCalls, dev.leadline.core.nurture.Drafters {
    /** How long a drafter may take: a language model writes for seconds, not milliseconds as enrichment does. */
    static final java.time.Duration DRAFT_TIMEOUT = java.time.Duration.ofSeconds(120);
    /** Drafters by id, each with its plugin's context and its own isolation (with the longer time limit). */
    private volatile Map<String, PluginProviders.Bound<dev.leadline.plugin.MessageDrafter>> drafters = Map.of();
    private final Map<String, Isolation> draftIsolations = new ConcurrentHashMap<>();
    /** How long one call to a CRM connector may take: a push may take a few requests, each up to the host's HTTP limit. */
    static final java.time.Duration CRM_TIMEOUT = java.time.Duration.ofSeconds(60);
    /** CRM connectors by plugin id (the first of each plugin), each with its own isolation. */
    private volatile Map<String, PluginProviders.Bound<dev.leadline.plugin.CrmConnector>> connectors = Map.of();
    private final Map<String, Isolation> crmIsolations = new ConcurrentHashMap<>();
    /** What each connector said is missing from its settings when it was bound; one with problems is not called. */
    private volatile Map<String, List<String>> crmProblems = Map.of();
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final PluginManager manager;
    private final PluginArchives archives;
    private final Map<String, Map<String, String>> config;
    private final Map<String, String> env;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Isolation> isolations = new ConcurrentHashMap<>();
    private volatile PluginProviders providers = PluginProviders.none();
    /** The plugins whose settings let them write cleaned values onto leads' own fields. */
    private final Map<String, Boolean> writers = new ConcurrentHashMap<>();
    private volatile EnrichmentService enrichment;
    /** Where installs and switches are told to the other nodes ({@link SharedPlugins}); none until shared. */
    private volatile Sharing sharing = Sharing.NONE;

    /** What this node tells the others: an archive added, a plugin turned on or off. */
    interface Sharing {
        Sharing NONE = new Sharing() {
            @Override
            public void added(ArchiveName name, String pluginId, Path archive) {
            }

            @Override
            public void switched(String pluginId, boolean enabled) {
            }
        };

        void added(ArchiveName name, String pluginId, Path archive);

        void switched(String pluginId, boolean enabled);
    }

    /** One plugin as the API shows it. */
    public record PluginInfo(String id, String version, String state, String description, List<String> providers, long calls, long errors,
                             double avgLatencyMs, double maxLatencyMs, Map<String, String> circuits, Map<String, Object> providerState) {}

    private PluginHost(PluginManager manager, PluginArchives archives, Map<String, Map<String, String>> config, Map<String, String> env,
                       Clock clock, Duration timeout) {
        this.manager = manager;
        this.archives = archives;
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Unpacks the bundled plugins into {@code dataDir/bundled-plugins}, loads them and every archive
     * in {@code pluginsDir}, and starts them; a plugin that fails to load, or an archive that breaks
     * {@code limits} or is not named like one, is logged and left out.
     */
    public static PluginHost load(Path pluginsDir, Path dataDir, Map<String, Map<String, String>> config, Map<String, String> env,
                                  Clock clock, Duration timeout, PluginLimits limits) {
        Path bundled = BundledPlugins.unpack(dataDir.resolve("bundled-plugins"));
        List<Path> roots = new ArrayList<>(List.of(bundled.toAbsolutePath()));
        if (Files.isDirectory(pluginsDir)) {
            roots.add(pluginsDir.toAbsolutePath());
        }
        PluginManager manager = new DefaultPluginManager(roots) {
            @Override
            protected PluginRepository createPluginRepository() {
                return new CheckedPluginRepository(getPluginsRoots(), limits);
            }
        };
        manager.setSystemVersion(PluginApi.VERSION);
        manager.loadPlugins();
        manager.startPlugins();
        PluginHost host = new PluginHost(manager, new PluginArchives(new PluginFolder(pluginsDir), limits), config, env, clock, timeout);
        host.rebind();
        log.info("{} plugin(s) loaded: {}", manager.getPlugins().size(), host.plugins().stream().map(p -> p.id() + " " + p.state()).toList());
        return host;
    }

    /** The enrichment service that plugins deliver late values to and learn history from (it needs the host first). */
    public void connect(EnrichmentService service) {
        this.enrichment = service;
    }

    private final PluginContext.HostServices hostServices = new PluginContext.HostServices() {
        @Override
        public void deliver(String pluginId, String leadId, List<dev.leadline.plugin.FieldValue> values) {
            if (enrichment == null) {
                throw new IllegalStateException("enrichment is not running yet");
            }
            enrichment.deliver(dev.leadline.core.lead.LeadId.parse(leadId), pluginId, values);
        }

        @Override
        public List<dev.leadline.plugin.Outcome> outcomes(int max) {
            return enrichment == null ? List.of() : enrichment.outcomes(max);
        }

        @Override
        public void rescoreOpenLeads() {
            if (enrichment != null) {
                enrichment.rescoreOpenLeads();
            }
        }
    };

    /** Looks the providers up again: after start-up and after every load, unload, enable or disable. */
    private synchronized void rebind() {
        List<PluginProviders.Bound<EnrichmentProvider>> e = new ArrayList<>();
        List<PluginProviders.Bound<ScoringProvider>> s = new ArrayList<>();
        Map<String, PluginProviders.Bound<dev.leadline.plugin.MessageDrafter>> d = new java.util.LinkedHashMap<>();
        Map<String, PluginProviders.Bound<dev.leadline.plugin.CrmConnector>> c = new java.util.LinkedHashMap<>();
        Map<String, List<String>> problems = new java.util.HashMap<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            String id = plugin.getPluginId();
            Isolation isolation = isolations.computeIfAbsent(id, i -> new Isolation(i, plugin.getPluginClassLoader(), timeout));
            PluginContext context = new PluginContext(id, config.getOrDefault(id, Map.of()), env, clock, hostServices);
            writers.put(id, PluginContext.writesFields(id, context.config()));
            manager.getExtensions(EnrichmentProvider.class, id).forEach(p -> e.add(new PluginProviders.Bound<>(id, p, context, isolation)));
            manager.getExtensions(ScoringProvider.class, id).forEach(p -> s.add(new PluginProviders.Bound<>(id, p, context, isolation)));
            for (dev.leadline.plugin.MessageDrafter drafter : manager.getExtensions(dev.leadline.plugin.MessageDrafter.class, id)) {
                Isolation slow = draftIsolations.computeIfAbsent(id, i -> new Isolation(i, plugin.getPluginClassLoader(), DRAFT_TIMEOUT));
                d.putIfAbsent(drafter.id(), new PluginProviders.Bound<>(id, drafter, context, slow));
            }
            for (dev.leadline.plugin.CrmConnector connector : manager.getExtensions(dev.leadline.plugin.CrmConnector.class, id)) {
                Isolation crm = crmIsolations.computeIfAbsent(id, i -> new Isolation(i, plugin.getPluginClassLoader(), CRM_TIMEOUT));
                if (c.putIfAbsent(id, new PluginProviders.Bound<>(id, connector, context, crm)) == null) {
                    problems.put(id, problemsOf(id, connector, context, plugin.getPluginClassLoader()));
                }
            }
        }
        providers = new PluginProviders(e, s);
        drafters = Map.copyOf(d);
        connectors = Map.copyOf(c);
        crmProblems = Map.copyOf(problems);
    }

    private static List<String> problemsOf(String id, dev.leadline.plugin.CrmConnector connector, PluginContext context, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            List<String> said = connector.problems(context);
            if (!said.isEmpty()) {
                log.warn("CRM connector {} does nothing until its settings are fixed: {}", id, said);
            }
            return List.copyOf(said);
        } catch (RuntimeException | LinkageError e) {
            return List.of("its settings check failed: " + e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** What a CRM connector says is missing from its settings (empty when it runs, or has no connector). */
    public List<String> crmProblems(String pluginId) {
        return crmProblems.getOrDefault(pluginId, List.of());
    }

    /** A call to a CRM connector, with its plugin's context. */
    public interface CrmCall<T> {
        T call(dev.leadline.plugin.CrmConnector connector, dev.leadline.plugin.ProviderContext context) throws Exception;
    }

    /** The plugins (by id) that have a CRM connector, are started now and whose settings it accepted. */
    public List<String> crmConnectors() {
        Map<String, List<String>> problems = crmProblems;
        return connectors.keySet().stream().filter(id -> problems.getOrDefault(id, List.of()).isEmpty()).toList();
    }

    /** The connector's own name (e.g. {@code hubspot}), when the plugin has one started. */
    public java.util.Optional<String> crmName(String pluginId) {
        return java.util.Optional.ofNullable(connectors.get(pluginId)).map(b -> b.provider().id());
    }

    /** Calls a plugin's CRM connector in its isolation (60 s at most, behind its circuit breaker). */
    public <T> Called<T> crm(String pluginId, CrmCall<T> call) {
        PluginProviders.Bound<dev.leadline.plugin.CrmConnector> bound = connectors.get(pluginId);
        if (bound == null) {
            return Called.failed(pluginId, "no CRM connector in plugin " + pluginId + " is started");
        }
        return bound.isolation().call(pluginId + "/" + bound.provider().id(), () -> call.call(bound.provider(), bound.context()));
    }

    @Override
    public Called<dev.leadline.plugin.Draft> draft(String drafter, dev.leadline.plugin.DraftRequest request) {
        PluginProviders.Bound<dev.leadline.plugin.MessageDrafter> bound = drafters.get(drafter);
        if (bound == null) {
            return Called.failed(drafter, "no drafter named " + drafter + " is installed and enabled");
        }
        return bound.isolation().call(bound.pluginId() + "/" + drafter, () -> bound.provider().draft(request, bound.context()));
    }

    @Override
    public List<Called<Enrichment>> enrich(LeadSnapshot lead) {
        return providers.enrich(lead);
    }

    @Override
    public List<Called<Score>> score(LeadSnapshot lead, ActivitySummary activity) {
        return providers.score(lead, activity);
    }

    @Override
    public boolean writesFields(String provider) {
        int slash = provider.indexOf('/');
        return writers.getOrDefault(slash < 0 ? provider : provider.substring(0, slash), false);
    }

    /** Whether any enrichment or scoring provider is on (new leads then wait for them before routing). */
    public boolean providersOn() {
        return providers.any();
    }

    public List<PluginInfo> plugins() {
        return manager.getPlugins().stream().map(this::info).toList();
    }

    /** One plugin, with what its scoring providers say about their state (a model's training, say). */
    public PluginInfo plugin(String id) {
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin == null) {
            throw new NotFoundException("plugin", id);
        }
        PluginInfo info = info(plugin);
        return new PluginInfo(info.id(), info.version(), info.state(), info.description(), info.providers(), info.calls(), info.errors(),
                info.avgLatencyMs(), info.maxLatencyMs(), info.circuits(), providers.stateOf(id));
    }

    /** A setting as the plugin gets it, and where it came from: {@code leadline.yml} or {@code environment}. */
    public record Setting(String name, String value, String from) {}

    /** A plugin's settings as resolved: {@code plugins.<id>} in leadline.yml, then {@code LEADLINE_PLUGIN_<ID>_*} from the environment. */
    public List<Setting> settings(String id) {
        plugin(id);
        Map<String, String> fromEnv = PluginContext.settings(id, Map.of(), env);
        return PluginContext.settings(id, config.getOrDefault(id, Map.of()), env).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Setting(e.getKey(), e.getValue(), fromEnv.containsKey(e.getKey()) ? "environment" : "leadline.yml")).toList();
    }

    /** Turns a plugin on, on every node. */
    public synchronized PluginInfo enable(String id) {
        plugin(id);
        turn(id, true);
        sharing.switched(id, true);
        return plugin(id);
    }

    /** Turns a plugin off, on every node. */
    public synchronized PluginInfo disable(String id) {
        plugin(id);
        turn(id, false);
        sharing.switched(id, false);
        return plugin(id);
    }

    /** Turns a loaded plugin on or off here, when it is not so already. */
    synchronized void turn(String id, boolean on) {
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin == null || (plugin.getPluginState() == PluginState.STARTED) == on) {
            return;
        }
        if (on) {
            manager.enablePlugin(id);
            manager.startPlugin(id);
        } else {
            manager.stopPlugin(id);
            manager.disablePlugin(id);
        }
        rebind();
        log.info("plugin {} turned {}", id, on ? "on" : "off");
    }

    void share(Sharing sharing) {
        this.sharing = sharing;
    }

    /** Whether a plugin with this id is loaded here, or an archive of this name is in the plugins folder. */
    synchronized boolean has(String pluginId, String fileName) {
        return manager.getPlugin(pluginId) != null || archives.has(ArchiveName.parse(fileName));
    }

    /** Adds an archive another node added: checked as an upload is, loaded, and started when {@code on}. */
    synchronized void addShared(String fileName, InputStream content, boolean on) {
        ArchiveName name = ArchiveName.parse(fileName);
        try {
            String id = load(name, archives.store(name, content));
            if (on) {
                manager.startPlugin(id);
            } else {
                manager.disablePlugin(id);
            }
            rebind();
            log.info("plugin {} added from {}, as another node added it ({})", id, name.fileName(), on ? "on" : "off");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + name.fileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds a plugin archive while the server runs: checked and stored in the plugins directory, loaded
     * and started. An archive that is not a plugin (or whose id is taken) is refused and not kept.
     */
    public synchronized PluginInfo install(String fileName, InputStream body) {
        ArchiveName name = ArchiveName.parse(fileName);
        if (manager.getPlugin(name.id()) != null) {
            throw new ValidationException("name", "a plugin with id " + name.id() + " is already installed");
        }
        try {
            Path archive = archives.store(name, body);
            String id = load(name, archive);
            PluginState state = manager.startPlugin(id);
            rebind();
            sharing.added(name, id, archive);
            log.info("plugin {} installed from {} ({})", id, name.fileName(), state);
            return plugin(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + name.fileName() + ": " + e.getMessage(), e);
        }
    }

    /** Loads a stored archive; one pf4j refuses is deleted with what pf4j unpacked from it. */
    private String load(ArchiveName name, Path archive) throws IOException {
        try {
            return manager.loadPlugin(archive);
        } catch (RuntimeException e) {
            archives.discard(name);
            log.info("plugin archive {} refused: {}", name.fileName(), e.toString());
            throw new ValidationException("body", e instanceof PluginAlreadyLoadedException taken
                    ? "a plugin with id " + taken.getPluginId() + " is already installed"
                    : "not a Leadline plugin: it needs a plugin.properties (or manifest) naming plugin.id and plugin.version,"
                    + " and the classes its extensions name");
        }
    }

    /** The plugin's providers by kind: {@code enrichment:<id>}, {@code scoring:<id>}, {@code drafter:<id>}. */
    private List<String> names(String pluginId) {
        List<String> names = new ArrayList<>(providers.namesOf(pluginId));
        drafters.forEach((drafter, bound) -> {
            if (bound.pluginId().equals(pluginId)) {
                names.add("drafter:" + drafter);
            }
        });
        java.util.Optional.ofNullable(connectors.get(pluginId)).ifPresent(b -> names.add("crm:" + b.provider().id()));
        return names;
    }

    private PluginInfo info(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        Isolation isolation = isolations.get(id);
        long calls = isolation == null ? 0 : isolation.calls.get();
        return new PluginInfo(id, plugin.getDescriptor().getVersion(), plugin.getPluginState().toString(),
                plugin.getDescriptor().getPluginDescription(), names(id), calls, isolation == null ? 0 : isolation.errors.get(),
                calls == 0 ? 0 : isolation.totalMicros.get() / 1000.0 / calls, isolation == null ? 0 : isolation.maxMicros.get() / 1000.0,
                isolation == null ? Map.of() : isolation.circuits(), Map.of());
    }

    @Override
    public void close() {
        // one by one from a copy: pf4j's stopPlugins() can throw ConcurrentModificationException after a plugin was disabled
        for (PluginWrapper plugin : new ArrayList<>(manager.getPlugins())) {
            try {
                manager.unloadPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                log.warn("plugin {} did not unload cleanly: {}", plugin.getPluginId(), e.toString());
            }
        }
        isolations.values().forEach(Isolation::close);
        draftIsolations.values().forEach(Isolation::close);
        crmIsolations.values().forEach(Isolation::close);
    }
}
