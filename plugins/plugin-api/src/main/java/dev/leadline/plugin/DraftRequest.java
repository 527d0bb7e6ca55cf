package dev.leadline.plugin;

import java.util.List;

/**
 * What a {@link MessageDrafter} drafts from.
 *
 * @param lead     the lead, with what enrichment found
 * @param activity what has happened with it so far
 * @param timeline the lead's recent timeline, newest first, one line each ("2026-12-01 Claimed by Jane Rivera"), at most 20
 * @param cadence  the cadence the email belongs to
 * @param subject  the step's subject template, merged for this lead: the draft to improve on
 * @param body     the step's body template, merged for this lead
 * @param sender   who the email goes from (the lead's owner), by name
 */
public record DraftRequest(LeadSnapshot lead, ActivitySummary activity, List<String> timeline, String cadence, String subject, String body,
                           String sender) {
    public DraftRequest {
        timeline = List.copyOf(timeline);
    }
}
