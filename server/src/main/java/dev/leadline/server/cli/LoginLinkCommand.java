package dev.leadline.server.cli;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Rep;
import dev.leadline.server.Leadline;
import dev.leadline.server.config.Config;
import dev.leadline.server.console.ConsoleLinks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leadline login-link --rep jane@example.com}: a one-time link that signs the rep in to the web console. */
@Command(name = "login-link", mixinStandardHelpOptions = true,
        description = "Print a one-time link (valid 10 minutes) that signs a rep in to the web console, e.g. the first admin.")
public final class LoginLinkCommand implements Runnable {
    @Mixin
    DatabaseOptions database;

    @Option(names = "--rep", required = true, description = "The rep (email) the link signs in.")
    String rep;

    @Override
    public void run() {
        Config config = Config.fromEnvironment(CliEnvironment.get());
        try (Leadline.Backend backend = database.open()) {
            Rep found = backend.services().team().repByEmail(rep.strip())
                    .filter(Rep::active)
                    .orElseThrow(() -> new ValidationException("--rep", "no active rep with email '" + rep.strip() + "'"));
            String link = new ConsoleLinks(backend.services().console(), config.consoleBase())
                    .signInLink(found, Actor.cli(System.getProperty("user.name")));
            System.out.println(link);
            System.err.println("a sign-in link for " + found.email() + ": it works once, for "
                    + ConsoleAccess.LINK_LIFETIME.toMinutes() + " minutes");
        }
    }
}
