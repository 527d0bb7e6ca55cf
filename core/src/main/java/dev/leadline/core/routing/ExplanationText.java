package dev.leadline.core.routing;

import java.util.ArrayList;
import java.util.List;

/** An explanation in a few lines of chat text ("why did I get this lead?"). */
public final class ExplanationText {
    private ExplanationText() {}

    public static String of(String lead, Explanation e) {
        List<String> lines = new ArrayList<>();
        lines.add("*" + lead + "* was " + e.outcome() + ".");
        if (e.entry() != null) {
            lines.add("Rule: '" + e.entry() + "' of the " + e.purpose() + " rules, version " + e.ruleSetVersion()
                    + (e.entriesBefore() == 0 ? " (the first entry)" : " (after " + e.entriesBefore() + (e.entriesBefore() == 1 ? " entry" : " entries") + " that did not match)") + ".");
        }
        e.because().forEach(b -> lines.add("• " + b));
        for (Explanation.QueueStep step : e.queues()) {
            lines.add(step.queue() + " (" + step.strategy() + "): " + step.result());
            for (Explanation.CandidateNote c : step.candidates()) {
                String detail = c.reason() != null ? c.reason() : c.state();
                lines.add("   " + c.rep() + ": " + c.verdict() + (detail == null || detail.isBlank() ? "" : " — " + detail));
            }
        }
        return String.join("\n", lines);
    }
}
