package dev.leadline.slack;

import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.chat.Rich;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work that runs after Slack has its acknowledgement (Slack waits 3 s at most; answers go to the
 * response_url): a small pool, so that a burst of commands queues here instead of in Slack's retries.
 */
final class AfterAck implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AfterAck.class);
    private final ExecutorService worker = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "slack-after-ack");
        thread.setDaemon(true);
        return thread;
    });

    /** Work that may throw what Slack's client throws. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs the work soon; a failure is logged. */
    void run(Work work) {
        worker.execute(() -> {
            try {
                work.run();
            } catch (Exception e) {
                log.error("Slack work after the ack failed", e);
            }
        });
    }

    /** The desk's answer, or an apology when something broke (logged), so the rep is never left waiting. */
    static ChatReply answer(Supplier<ChatReply> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            log.error("Slack command failed", e);
            return ChatReply.text(Rich.of("Sorry, something went wrong on the Leadline server. Check the lead with ").code("/lead <id>")
                    .text(" and try again in a minute."));
        }
    }

    /** Stops taking work, letting what was taken finish (at most 10 s). */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
