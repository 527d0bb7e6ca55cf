package dev.leadline.core.nurture;

import dev.leadline.core.enrichment.ProviderCalls;
import dev.leadline.plugin.Draft;
import dev.leadline.plugin.DraftRequest;

/** The {@link dev.leadline.plugin.MessageDrafter}s plugins offer, by id (as a cadence's email step names them). */
public interface Drafters {
    /** No plugins: no drafter. */
    Drafters NONE = new Drafters() {
        @Override
        public ProviderCalls.Called<Draft> draft(String drafter, DraftRequest request) {
            return ProviderCalls.Called.failed(drafter, "no drafter named " + drafter + " is installed and enabled");
        }
    };

    /** The drafter's draft, or why there is none (not installed, failed, timed out); never throws. */
    ProviderCalls.Called<Draft> draft(String drafter, DraftRequest request);
}
