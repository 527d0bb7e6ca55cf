package dev.leadline.server.plugins;

import dev.leadline.core.enrichment.ProviderCalls;
import dev.leadline.core.nurture.Drafters;
import dev.leadline.plugin.Draft;
import dev.leadline.plugin.DraftRequest;
import java.util.concurrent.atomic.AtomicReference;

/** The drafters of the plugins, once they are loaded (services are wired before plugins); none until then. */
public final class DrafterSlot implements Drafters {
    private final AtomicReference<Drafters> current = new AtomicReference<>(Drafters.NONE);

    public void use(Drafters drafters) {
        current.set(drafters);
    }

    @Override
    public ProviderCalls.Called<Draft> draft(String drafter, DraftRequest request) {
        return current.get().draft(drafter, request);
    }
}
