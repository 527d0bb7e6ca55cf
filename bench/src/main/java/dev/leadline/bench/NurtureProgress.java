package dev.leadline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Polls the database (emails recorded, SENT) and GreenMail every 250 ms; done when N are sent (and received). */
final class NurtureProgress implements Runnable {
    private final ServerDatabase db;
    private final GreenMailInbox inbox;
    private final int n;
    final AtomicInteger recorded = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger lockWaitPolls = new AtomicInteger();
    final AtomicInteger maxLockWaits = new AtomicInteger();
    final Map<String, Long> waitingQueries = new ConcurrentHashMap<>();
    private final List<long[]> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;
    volatile long recordedAt;
    private volatile long sentAt;

    NurtureProgress(ServerDatabase db, GreenMailInbox inbox, int n) {
        this.db = db;
        this.inbox = inbox;
        this.n = n;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                Map<String, Long> states = db.counts("SELECT 'all', COUNT(*) FROM nurture_email UNION ALL "
                        + "SELECT 'sent', COUNT(*) FROM nurture_email WHERE state = 'SENT'");
                long now = System.nanoTime();
                recorded.set(states.getOrDefault("all", 0L).intValue());
                sent.set(states.getOrDefault("sent", 0L).intValue());
                samples.add(new long[] {now, recorded.get(), sent.get(), inbox == null ? 0 : inbox.received()});
                polls.incrementAndGet();
                Map<String, Long> waiting = db.counts("SELECT LEFT(COALESCE(trx_query, '?'), 70), COUNT(*) FROM information_schema.INNODB_TRX"
                        + " WHERE trx_state = 'LOCK WAIT' GROUP BY 1");
                if (!waiting.isEmpty()) {
                    lockWaitPolls.incrementAndGet();
                    maxLockWaits.accumulateAndGet(waiting.values().stream().mapToInt(Long::intValue).sum(), Math::max);
                    waiting.forEach((query, count) -> waitingQueries.merge(query.replaceAll("\\s+", " "), count, Long::sum));
                }
                if (recorded.get() >= n && recordedAt == 0) {
                    recordedAt = now;
                }
                if (sent.get() >= n && sentAt == 0) {
                    sentAt = now;
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.out.println("  progress query failed: " + e);
            }
        }
    }

    boolean done() {
        return sentAt > 0 && (inbox == null || inbox.received() >= n);
    }

    /** When the last email was in: the later of GreenMail's last arrival and the poll that first saw N SENT rows (250 ms apart). */
    long doneAt() {
        return sentAt == 0 ? System.nanoTime() : inbox == null ? sentAt : Math.max(inbox.lastAt(), sentAt);
    }

    void stop() {
        stopped = true;
    }

    /** The first poll at or after {@code start} that saw more recorded emails than the one before {@code start}. */
    long firstRecordedAfter(long start) {
        synchronized (samples) {
            long before = samples.stream().filter(s -> s[0] < start).mapToLong(s -> s[1]).reduce((a, b) -> b).orElse(0);
            return samples.stream().filter(s -> s[0] >= start && s[1] > before).mapToLong(s -> s[0]).findFirst().orElse(start);
        }
    }

    /** The first poll at or after {@code start} that saw more SENT rows than the one before {@code start}. */
    long firstSentAfter(long start) {
        synchronized (samples) {
            long before = sentBy(start);
            return samples.stream().filter(s -> s[0] >= start && s[2] > before).mapToLong(s -> s[0]).findFirst().orElse(start);
        }
    }

    /** SENT rows at the last poll before {@code at}. */
    long sentBy(long at) {
        synchronized (samples) {
            return samples.stream().filter(s -> s[0] < at).mapToLong(s -> s[2]).reduce((a, b) -> b).orElse(0);
        }
    }

    /** Every 5 s from {@code start}: recorded / sent (/ received). */
    String timeline(long start) {
        StringBuilder out = new StringBuilder();
        long nextMark = start;
        synchronized (samples) {
            for (long[] s : samples) {
                if (s[0] >= nextMark) {
                    out.append(out.isEmpty() ? "" : ", ").append(Math.round((s[0] - start) / 1e9)).append(": ").append(s[1]).append('/')
                            .append(s[2]).append(inbox == null ? "" : "/" + s[3]);
                    nextMark = s[0] + 5_000_000_000L;
                }
            }
        }
        return out.toString();
    }
}
