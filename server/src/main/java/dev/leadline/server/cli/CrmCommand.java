package dev.leadline.server.cli;

import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.server.Leadline;
import dev.leadline.server.integrations.CrmListener;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadline crm backfill}: sends a CRM connector the leads created since a day, with a progress bar. */
@Command(name = "crm", description = "Work with CRM connectors.", subcommands = CrmCommand.Backfill.class)
public final class CrmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: backfill");
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true, description = "Queue every lead created since a day (merged ones left out) "
            + "for a CRM connector, then show the running servers sending them. Safe while the server runs; the leads stay queued if "
            + "you stop watching.")
    static final class Backfill implements Runnable {
        private static final int BAR = 30;

        @Mixin
        DatabaseOptions database;

        @Option(names = "--connector", required = true, description = "The connector's plugin id, e.g. crm-hubspot or crm-salesforce.")
        String connector;

        @Option(names = "--since", required = true, description = "A day (2026-01-01, from its start in UTC) or an instant (2026-01-01T09:00:00Z).")
        String since;

        @Option(names = "--no-wait", description = "Queue the leads and leave; the servers send them in the background.")
        boolean noWait;

        @Option(names = "--give-up-after", defaultValue = "120s", description = "Stop watching when nothing was sent for this long (default 120s).")
        String giveUpAfter;

        @Override
        public void run() {
            if (!connector.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new ValidationException("--connector", "must be a plugin id like crm-hubspot, got '" + connector + "'");
            }
            Instant from = instant(since);
            Duration patience = dev.leadline.core.common.Durations.parse("--give-up-after", giveUpAfter);
            PrintStream out = System.out;
            try (Leadline.Backend backend = database.open()) {
                checkConnector(backend);
                var integrations = backend.services().integrations();
                Instant now = Instant.now();
                long queued = integrations.backfill().queue(connector, from, Actor.cli(System.getProperty("user.name", "cli")), now,
                        n -> {
                            if (n >= 500) {
                                out.printf("queued %,d leads so far%n", n);
                            }
                        });
                out.printf("queued %,d leads created since %s for %s%n", queued, from, connector);
                if (queued == 0 || noWait) {
                    return;
                }
                watch(integrations.store(), CrmListener.target(connector), queued, patience, out);
            }
        }

        /**
         * Refuses a plugin that has no CRM connector here, or one whose settings its connector refuses (it would
         * never send what is queued): the plugins are loaded as the server loads them, with the same settings.
         */
        private void checkConnector(Leadline.Backend backend) {
            dev.leadline.server.config.Config config = dev.leadline.server.config.Config.fromEnvironment(CliEnvironment.get());
            try (dev.leadline.server.plugins.PluginHost plugins = dev.leadline.server.plugins.PluginHost.load(config.pluginsDir(),
                    config.dataDir(), backend.configFile().map(dev.leadline.server.config.ConfigFile::plugins).orElse(java.util.Map.of()),
                    config.pluginEnv(), java.time.Clock.systemUTC(), config.providerTimeout(), config.pluginLimits())) {
                if (plugins.crmName(connector).isEmpty()) {
                    throw new ValidationException("--connector", "no plugin here named " + connector + " has a CRM connector"
                            + (plugins.crmConnectors().isEmpty() ? "" : "; these do: " + plugins.crmConnectors())
                            + " (bundled: crm-hubspot, crm-salesforce)");
                }
                java.util.List<String> problems = plugins.crmProblems(connector);
                if (!problems.isEmpty()) {
                    throw new ValidationException("--connector", connector + " is not set up, so nothing would be sent: "
                            + String.join("; ", problems));
                }
            }
        }

        /** Draws sent/queued until nothing is pending, or nothing moved for {@code patience}. */
        private void watch(IntegrationStore store, String target, long queued, Duration patience, PrintStream out) {
            long lastPending = -1;
            long lastMoved = System.nanoTime();
            boolean console = System.console() != null;
            while (true) {
                long pending = store.backlog(target).pending();
                long sent = Math.max(0, queued - pending);
                int filled = (int) (BAR * Math.min(1.0, sent / (double) queued));
                String line = String.format("[%s%s] %,d/%,d sent, %,d pending", "#".repeat(filled), ".".repeat(BAR - filled), sent, queued, pending);
                if (pending != lastPending) {
                    out.print(console ? "\r" + line : line + System.lineSeparator());
                    out.flush();
                    lastPending = pending;
                    lastMoved = System.nanoTime();
                }
                if (pending == 0) {
                    out.println(console ? System.lineSeparator() + "done" : "done");
                    return;
                }
                if (System.nanoTime() - lastMoved > patience.toNanos()) {
                    out.println((console ? System.lineSeparator() : "") + "nothing was sent for " + patience.toSeconds() + " s: is a server "
                            + "running with " + connector + " enabled and set up? The leads stay queued; GET /api/v1/plugins/" + connector
                            + " shows its sync state");
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private static Instant instant(String text) {
            try {
                return text.contains("T") ? Instant.parse(text.strip()) : LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new ValidationException("--since", "must be a day like 2026-01-01 or an instant like 2026-01-01T09:00:00Z, got '" + text + "'");
            }
        }
    }
}
