package dev.leadline.server.integrations;

import dev.leadline.core.integration.IntegrationStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The CRM connectors listening for events, once plugins are loaded (services are wired before plugins); none until then. */
public final class ConnectorSlot {
    private final AtomicReference<Supplier<List<IntegrationStore.Listener>>> current = new AtomicReference<>(List::of);

    /** From now on, the connectors are whatever {@code listeners} says at each event (plugins come and go). */
    public void use(Supplier<List<IntegrationStore.Listener>> listeners) {
        current.set(listeners);
    }

    public List<IntegrationStore.Listener> listeners() {
        return current.get().get();
    }
}
