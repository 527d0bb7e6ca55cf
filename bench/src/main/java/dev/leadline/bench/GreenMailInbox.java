package dev.leadline.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * GreenMail's SMTP server on a free loopback port; every email is kept in one catch-all mailbox (no
 * user per address) and counted by recipient, with the time it arrived. {@link #start(int)} starts
 * several such servers that count together, one for each Leadline node, so that each arrival says
 * which node handed it over.
 */
final class GreenMailInbox implements AutoCloseable {
    /** One email as it arrived: to whom, through which of the servers, when ({@link System#nanoTime()}). */
    record Arrival(String address, int server, long at) {}

    private final List<GreenMail> mails = new ArrayList<>();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicIntegerArray byServer;
    private final List<Arrival> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile long lastAt;
    private volatile int lastServer = -1;

    private GreenMailInbox(int servers) {
        this.byServer = new AtomicIntegerArray(servers);
    }

    static GreenMailInbox start() {
        return start(1);
    }

    /** {@code servers} SMTP servers, each on a free loopback port, counting into this one inbox. */
    static GreenMailInbox start(int servers) {
        GreenMailInbox inbox = new GreenMailInbox(servers);
        for (int i = 0; i < servers; i++) {
            int server = i;
            GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            mail.start();
            inbox.mails.add(mail);
            GreenMailUser sink = mail.setUser("sink@bench.example", "sink@bench.example", "sink");
            MessageDeliveryHandler counting = (message, address) -> {
                String to = address.getEmail().toLowerCase(Locale.ROOT);
                long now = System.nanoTime();
                inbox.byAddress.merge(to, 1, Integer::sum);
                inbox.received.incrementAndGet();
                inbox.byServer.incrementAndGet(server);
                inbox.arrivals.add(new Arrival(to, server, now));
                inbox.lastAt = now;
                inbox.lastServer = server;
                return sink;
            };
            mail.getUserManager().setMessageDeliveryHandler(counting);
        }
        return inbox;
    }

    int port() {
        return port(0);
    }

    int port(int server) {
        return mails.get(server).getSmtp().getPort();
    }

    int received() {
        return received.get();
    }

    /** Emails received through one of the servers. */
    int receivedBy(int server) {
        return byServer.get(server);
    }

    long lastAt() {
        return lastAt;
    }

    /** The server the latest email came through (-1 before the first). */
    int lastServer() {
        return lastServer;
    }

    Map<String, Integer> byAddress() {
        return byAddress;
    }

    /** Every arrival so far, in order. */
    List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    @Override
    public void close() {
        mails.forEach(GreenMail::stop);
    }
}
