package dev.leadline.server.cli;

import dev.leadline.db.JooqLeadEvents;
import dev.leadline.db.JooqRollups;
import dev.leadline.db.JooqTransactor;
import dev.leadline.server.Leadline;
import org.jooq.DSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadline reports rebuild}: the per-lead summaries the funnel and conversion reports read, worked out again from the facts. */
@Command(name = "reports", description = "Maintain what reports are counted from.", subcommands = ReportsCommand.Rebuild.class)
public final class ReportsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: rebuild");
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true, description = "Work out every lead's report summary again from its "
            + "facts, in batches, printing progress. Safe while the server runs.")
    static final class Rebuild implements Runnable {
        @Mixin
        DatabaseOptions database;

        @Option(names = "--batch", defaultValue = "1000", description = "Leads per transaction (default 1000).")
        int batch;

        @Override
        public void run() {
            if (batch < 1) {
                throw new dev.leadline.core.common.ValidationException("--batch", "must be at least 1");
            }
            try (Leadline.Backend backend = database.open()) {
                DSLContext dsl = backend.db().database().dsl();
                long started = System.nanoTime();
                JooqTransactor transactor = new JooqTransactor(dsl);
                JooqLeadEvents facts = new JooqLeadEvents(dsl);
                JooqRollups rollups = new JooqRollups(dsl, facts, transactor);
                long leads = facts.rebuildSummaries(transactor, batch, done -> {
                    rollups.foldWhenMany(JooqRollups.BULK);
                    System.out.printf("%,d leads summarised%n", done);
                });
                rollups.foldAll(JooqRollups.BULK);
                long decisions = rollups.tallyEarlierDecisions(batch);
                if (decisions > 0) {
                    System.out.printf("%,d earlier routing decisions added to the fairness sums%n", decisions);
                }
                System.out.printf("rebuilt the report summaries of %,d leads in %.1f s%n", leads, (System.nanoTime() - started) / 1e9);
            }
        }
    }
}
