package dev.leadline.server.cli;

import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.Actor;
import dev.leadline.server.Leadline;
import dev.leadline.server.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leadline token create --name N --role ADMIN|INTEGRATION}. */
@Command(name = "token", description = "Manage API tokens.", subcommands = TokenCommand.Create.class)
public final class TokenCommand {

    @Command(name = "create", description = "Create an API token and print it (it is stored only as a hash).")
    static final class Create implements Runnable {
        @Option(names = "--name", required = true, description = "Who or what will use the token, e.g. zapier.")
        String name;

        @Option(names = "--role", required = true, description = "ADMIN or INTEGRATION.")
        TokenRole role;

        @Option(names = "--expires-in-days", description = "Days until the token stops working (default: never).")
        Integer expiresInDays;

        @Override
        public void run() {
            try (Leadline.Backend backend = Leadline.backend(Config.fromEnvironment(CliEnvironment.get()), Clock.systemUTC())) {
                TokenService.Issued issued = backend.services().tokens().issue(name, role,
                        Optional.ofNullable(expiresInDays).map(Duration::ofDays), Actor.cli(System.getProperty("user.name")));
                System.out.println(issued.secret());
                System.err.println("created " + role + " token '" + issued.token().name() + "'"
                        + (issued.token().expiresAt() == null ? "" : ", expires " + issued.token().expiresAt())
                        + "; keep it safe, it cannot be shown again");
            }
        }
    }
}
