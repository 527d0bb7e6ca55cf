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
        log.info("[card {} to {} {}] {} | {} | {}", ref, destination.type(), destination.id(), oneLine(card.title()), oneLine(card.status()),
                card.actions());
        return new Delivery.Delivered(ref);
    }

    @Override
    public Delivery update(MessageRef where, Card card) {
        log.info("[card {} edited] {} | {} | {}", where.ref(), oneLine(card.title()), oneLine(card.status()), card.actions());
        return new Delivery.Delivered(where.ref());
    }

    /** A lead's values may hold line breaks (a web form's); one card is one log line, so nobody can forge the next. */
    static String oneLine(String text) {
        return text == null ? null : text.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ⏎ ");
    }
}
