package dev.leadline.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GreenMail's SMTP server on a free loopback port; every email is kept in one catch-all mailbox (no
 * user per address) and counted by recipient, with the time it arrived.
 */
final class GreenMailInbox implements AutoCloseable {
    private final GreenMail mail;
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile long lastAt;

    private GreenMailInbox(GreenMail mail) {
        this.mail = mail;
    }

    static GreenMailInbox start() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        GreenMailInbox inbox = new GreenMailInbox(mail);
        GreenMailUser sink = mail.setUser("sink@bench.example", "sink@bench.example", "sink");
        MessageDeliveryHandler counting = (message, address) -> {
            inbox.byAddress.merge(address.getEmail().toLowerCase(Locale.ROOT), 1, Integer::sum);
            inbox.received.incrementAndGet();
            inbox.lastAt = System.nanoTime();
            return sink;
        };
        mail.getUserManager().setMessageDeliveryHandler(counting);
        return inbox;
    }

    int port() {
        return mail.getSmtp().getPort();
    }

    int received() {
        return received.get();
    }

    long lastAt() {
        return lastAt;
    }

    Map<String, Integer> byAddress() {
        return byAddress;
    }

    @Override
    public void close() {
        mail.stop();
    }
}
