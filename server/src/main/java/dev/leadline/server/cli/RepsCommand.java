package dev.leadline.server.cli;

import dev.leadline.server.Leadline;
import dev.leadline.server.team.Roster;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code leadline reps}: who is on the desk, so a lead action can name its rep. */
@Command(name = "reps",
        description = "List the reps: name, email, role, queues and whether routing may give them leads now.")
public final class RepsCommand implements Runnable {
    @Mixin
    DatabaseOptions database;

    @Override
    public void run() {
        try (Leadline.Backend backend = database.open()) {
            var reps = new Roster(backend.services().team(), Clock.systemUTC()).reps();
            String format = "%-22s %-32s %-8s %-24s %s%n";
            System.out.printf(format, "NAME", "EMAIL", "ROLE", "QUEUES", "AVAILABILITY");
            reps.forEach(r -> System.out.printf(format, r.name(), r.email(), r.role(),
                    r.queues().isEmpty() ? "-" : String.join(",", r.queues()), r.availability()));
            if (reps.isEmpty()) {
                System.err.println("no reps yet: add them under reps: in leadline.yml (LEADLINE_CONFIG) and start the server");
            }
        }
    }
}
