package dev.leadline.plugin;

import org.pf4j.ExtensionPoint;

/**
 * Writes drafts of nurture emails: for an email step that names it ({@code drafter: <id>}), Leadline
 * asks for a draft and shows it to the lead's owner in chat, who sends, edits or skips it. A drafter only
 * drafts: it never sends anything, and a step with a drafter always waits for the owner's approval. When
 * it fails or takes too long, the owner gets the cadence's own template instead.
 */
public interface MessageDrafter extends ExtensionPoint {
    /** A stable id, unique among drafters, e.g. {@code openai-compatible}. */
    String id();

    /**
     * A draft for the lead.
     *
     * @throws Exception any failure; the owner then gets the template's draft
     */
    Draft draft(DraftRequest request, ProviderContext context) throws Exception;
}
