package dev.leadline.server;

import dev.leadline.core.common.LeadlineException;
import dev.leadline.server.cli.CheckCommand;
import dev.leadline.server.cli.DemoCommand;
import dev.leadline.server.cli.ImportCommand;
import dev.leadline.server.cli.LoginLinkCommand;
import dev.leadline.server.cli.RepsCommand;
import dev.leadline.server.cli.CrmCommand;
import dev.leadline.server.cli.ReportsCommand;
import dev.leadline.server.cli.ServeCommand;
import dev.leadline.server.cli.TeamsPackageCommand;
import dev.leadline.server.cli.TokenCommand;
import dev.leadline.server.cli.RulesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar leadline.jar [serve|demo|import|token|rules|reps|reports|check|teams-package|help]}. */
@Command(name = "leadline", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, scope = CommandLine.ScopeType.INHERIT,
        description = "Leadline, the open lead desk for sales teams that live in chat.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, TokenCommand.class, TeamsPackageCommand.class,
                RulesCommand.class, RepsCommand.class, ReportsCommand.class, CrmCommand.class, CheckCommand.class, LoginLinkCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        dev.leadline.server.config.LogFormat.apply(System.getenv());
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args.length == 0 ? new String[] {"serve"} : args);
    }

    /** The command tree, as {@link #run} executes it: enum values in any case, Leadline's errors as one line. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof LeadlineException) {
                commandLine.getErr().println("leadline: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        new ServeCommand().run();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"leadline " + Main.class.getPackage().getImplementationVersion()};
        }
    }
}
