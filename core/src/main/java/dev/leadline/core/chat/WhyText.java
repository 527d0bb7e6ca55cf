package dev.leadline.core.chat;

import dev.leadline.core.routing.Explanation;

/** A routing explanation in a few lines of chat ("why did I get this lead?"). */
final class WhyText {
    private WhyText() {}

    static Rich of(String lead, Explanation e) {
        Rich text = Rich.empty().lead(lead).text(" was " + e.outcome() + ".");
        if (e.entry() != null) {
            text = text.line().text("Rule: ").bold(e.entry()).text(" of the " + e.purpose() + " rules, version " + e.ruleSetVersion()
                    + (e.entriesBefore() == 0 ? " (the first entry)"
                    : " (after " + e.entriesBefore() + (e.entriesBefore() == 1 ? " entry" : " entries") + " that did not match)") + ".");
        }
        for (String because : e.because()) {
            text = text.item().text(because);
        }
        for (Explanation.QueueStep step : e.queues()) {
            text = text.line().text(step.queue() + " (" + step.strategy() + "): " + step.result());
            for (Explanation.CandidateNote c : step.candidates()) {
                String detail = c.reason() != null ? c.reason() : c.state();
                text = text.item().text(c.rep() + ": " + c.verdict() + (detail == null || detail.isBlank() ? "" : " — " + detail));
            }
        }
        return text;
    }
}
