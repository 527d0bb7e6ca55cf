package dev.leadline.server.cli;

import dev.leadline.core.access.ApiToken;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.Actor;
import dev.leadline.server.Leadline;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leadline token create|list|revoke}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.List.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: create, list or revoke");
    }

    private static Actor cliUser() {
        return Actor.cli(System.getProperty("user.name"));
    }

    private static void withTokens(DatabaseOptions database, Consumer<TokenService> work) {
        try (Leadline.Backend backend = database.open()) {
            work.accept(backend.services().tokens());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API token and print it (it is stored only as a hash).")
    static final class Create implements Runnable {
        @Mixin
        DatabaseOptions database;

        @Option(names = "--name", required = true, description = "Who or what will use the token, e.g. zapier (letters, digits, . _ @ -).")
        String name;

        @Option(names = "--role", required = true, description = "ADMIN, INTEGRATION or REP (any case).")
        String role;

        @Option(names = "--rep", description = "For a REP token: the rep (email or id) it acts as, and only as.")
        String rep;

        @Option(names = "--act-as", description = "For an INTEGRATION token: it may act on leads as any rep it names.")
        boolean actAs;

        @Option(names = "--expires-in-days", description = "Days until the token stops working, at least 1 (default: never).")
        Integer expiresInDays;

        @Override
        public void run() {
            TokenRole parsed = TokenRole.parse(role);
            if (expiresInDays != null && expiresInDays < 1) {
                throw new dev.leadline.core.common.ValidationException("--expires-in-days", "must be at least 1");
            }
            withTokens(database, tokens -> {
                TokenService.Issued issued = tokens.issue(new TokenService.Request(name, parsed, rep, actAs,
                        Optional.ofNullable(expiresInDays).map(Duration::ofDays)), cliUser());
                System.out.println(issued.secret());
                System.err.println("created " + parsed + " token '" + issued.token().name() + "'"
                        + (issued.token().expiresAt() == null ? "" : ", expires " + issued.token().expiresAt())
                        + "; keep it safe, it cannot be shown again");
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the API tokens (never their secrets).")
    static final class List implements Runnable {
        @Mixin
        DatabaseOptions database;

        @Override
        public void run() {
            withTokens(database, tokens -> {
                System.out.printf("%-24s %-12s %-8s %-6s %-25s %s%n", "NAME", "ROLE", "REP ID", "ACT-AS", "CREATED", "STATE");
                for (ApiToken t : tokens.list()) {
                    String state = t.revokedAt() != null ? "revoked " + t.revokedAt()
                            : t.expiresAt() != null ? "expires " + t.expiresAt() : "active";
                    System.out.printf("%-24s %-12s %-8s %-6s %-25s %s%n", t.name(), t.role(), t.repId() == null ? "-" : t.repId(),
                            t.actAs() ? "yes" : "no", t.createdAt(), state);
                }
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API token by name; every server refuses it within a second.")
    static final class Revoke implements Runnable {
        @Mixin
        DatabaseOptions database;

        @Parameters(index = "0", paramLabel = "NAME", description = "The token's name.")
        String name;

        @Override
        public void run() {
            withTokens(database, tokens -> {
                ApiToken revoked = tokens.revoke(name, cliUser());
                System.err.println("revoked " + revoked.role() + " token '" + revoked.name() + "' at " + revoked.revokedAt());
            });
        }
    }
}
