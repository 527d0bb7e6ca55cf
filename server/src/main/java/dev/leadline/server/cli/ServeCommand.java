package dev.leadline.server.cli;

import dev.leadline.server.Leadline;
import dev.leadline.server.config.Config;
import java.time.Clock;
import picocli.CommandLine.Command;

/** Starts the server and runs until stopped. */
@Command(name = "serve", description = "Start the server (the default).")
public final class ServeCommand implements Runnable {

    @Override
    public void run() {
        Leadline leadline = Leadline.start(Config.fromEnvironment(CliEnvironment.get()), Clock.systemUTC());
        waitForShutdown(leadline);
    }

    /** Returns once the server has stopped: SIGTERM (or Ctrl-C) stops it in order, see {@link Leadline#close()}. */
    static void waitForShutdown(Leadline leadline) {
        try {
            leadline.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
