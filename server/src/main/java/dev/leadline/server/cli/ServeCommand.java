package dev.leadline.server.cli;

import dev.leadline.server.Leadline;
import dev.leadline.server.config.Config;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** Starts the server and runs until stopped. */
@Command(name = "serve", description = "Start the server (the default).")
public final class ServeCommand implements Runnable {

    @Override
    public void run() {
        Leadline leadline = Leadline.start(Config.fromEnvironment(CliEnvironment.get()), Clock.systemUTC());
        waitForShutdown(leadline);
    }

    static void waitForShutdown(Leadline leadline) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            leadline.close();
            stopped.countDown();
        }, "leadline-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
