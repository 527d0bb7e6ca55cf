package dev.leadline.server.notify;

import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.MessageRef;
import dev.leadline.core.notify.Notifier;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The notifier when no chat platform is configured: every card goes to the log. */
public final class LogNotifier implements Notifier {
    public static final String PLATFORM = "log";
    private static final Logger log = LoggerFactory.getLogger(LogNotifier.class);
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public Delivery post(Destination destination, String cardKey, Card card) {
        String ref = "log-" + sequence.incrementAndGet();
        log.info("[card {} to {} {}] {} | {} | {}", ref, destination.type(), destination.id(), card.title(), card.status(), card.actions());
        return new Delivery.Delivered(ref);
    }

    @Override
    public Delivery update(MessageRef where, Card card) {
        log.info("[card {} edited] {} | {} | {}", where.ref(), card.title(), card.status(), card.actions());
        return new Delivery.Delivered(where.ref());
    }
}
