package dev.leadline.server.integrations;

import dev.leadline.core.integration.IntegrationStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The CRM connectors listening for events, once plugins are loaded (services are wired before plugins); none until then. */
public final class ConnectorSlot {
    private final AtomicReference<List<IntegrationStore.Listener>> current = new AtomicReference<>(List.of());

    public void use(List<IntegrationStore.Listener> listeners) {
        current.set(List.copyOf(listeners));
    }

    public List<IntegrationStore.Listener> listeners() {
        return current.get();
    }
}
