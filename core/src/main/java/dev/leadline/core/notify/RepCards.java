package dev.leadline.core.notify;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.team.Rep;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A card to one rep that goes out once per period (a day's digest, a week's summary): the mark that it
 * went out commits with the card, in one transaction, so it is sent once even with several nodes; a
 * period with nothing to say is marked and sends nothing.
 */
final class RepCards {
    private final Transactor transactor;
    private final Outbox outbox;

    RepCards(Transactor transactor, Outbox outbox) {
        this.transactor = transactor;
        this.outbox = outbox;
    }

    /** Marks the period ({@code mark}) and posts the card, if any, under {@code key}; whether a card went out. */
    boolean postOnce(Rep rep, Runnable mark, Supplier<Optional<Card>> card, String key, Instant now) {
        return transactor.inTransaction(() -> {
            mark.run();
            Optional<Card> drawn = card.get();
            drawn.ifPresent(c -> outbox.enqueue(List.of(new Notification(0, Notification.Kind.POST, null, key, Destination.rep(rep.id()), c, 0,
                    now)), now));
            return drawn.isPresent();
        });
    }
}
