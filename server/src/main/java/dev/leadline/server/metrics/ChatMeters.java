package dev.leadline.server.metrics;

import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.MessageRef;
import dev.leadline.core.notify.Notifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times every call the outbox makes to a chat platform, by platform, method ({@code post}, {@code update},
 * {@code find}) and outcome ({@code delivered}, {@code retry_later} for a 429 or an outage, {@code failed},
 * ...), and, for a lead's card posted in the lead's first hour, the time from the lead's creation to
 * the card handed to the platform.
 */
public final class ChatMeters {
    /** A card posted later than this after its lead was created is a re-post (a reassignment), not a new lead's card. */
    static final Duration NEW_LEAD = Duration.ofHours(1);

    private final MeterRegistry registry;
    private final LeadRepository leads;
    private final Clock clock;

    public ChatMeters(MeterRegistry registry, LeadRepository leads, Clock clock) {
        this.registry = registry;
        this.leads = leads;
        this.clock = clock;
    }

    public List<Notifier> timing(List<Notifier> notifiers) {
        return notifiers.stream().map(this::timing).toList();
    }

    private Notifier timing(Notifier notifier) {
        String platform = notifier.platform();
        Timer toCard = Meters.waits("leadline.lead.to.card", "From a lead's creation to its card handed to the chat platform")
                .tag("platform", platform).register(registry);
        return new Notifier() {
            @Override
            public String platform() {
                return platform;
            }

            @Override
            public Duration minInterval() {
                return notifier.minInterval();
            }

            @Override
            public Delivery post(Destination destination, String cardKey, Card card) {
                Delivery result = timed("post", () -> notifier.post(destination, cardKey, card), ChatMeters::outcome);
                if (result instanceof Delivery.Delivered) {
                    Instant now = clock.instant();
                    CardAnnouncer.leadOf(cardKey).flatMap(leads::find).map(lead -> Duration.between(lead.createdAt(), now))
                            .filter(d -> !d.isNegative() && d.compareTo(NEW_LEAD) < 0).ifPresent(toCard::record);
                }
                return result;
            }

            @Override
            public Delivery update(MessageRef where, Card card) {
                return timed("update", () -> notifier.update(where, card), ChatMeters::outcome);
            }

            @Override
            public Lookup find(Destination destination, String cardKey, Instant since) {
                return timed("find", () -> notifier.find(destination, cardKey, since), ChatMeters::outcome);
            }

            @Override
            public Delivery archive(Destination room, String lastWords) {
                return timed("archive", () -> notifier.archive(room, lastWords), ChatMeters::outcome);
            }

            @Override
            public Delivery unarchive(Destination room, String words) {
                return timed("unarchive", () -> notifier.unarchive(room, words), ChatMeters::outcome);
            }

            private <T> T timed(String method, Supplier<T> call, java.util.function.Function<T, String> outcome) {
                long started = System.nanoTime();
                String seen = "error";
                try {
                    T result = call.get();
                    seen = outcome.apply(result);
                    return result;
                } finally {
                    Timer.builder("leadline.chat.calls").description("Calls to a chat platform's API by the outbox")
                            .tags("platform", platform, "method", method, "outcome", seen).register(registry)
                            .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            }
        };
    }

    /** {@code retry_later}, {@code no_address}, ...: the answer's kind in snake case. */
    static String outcome(Object answer) {
        return answer.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
