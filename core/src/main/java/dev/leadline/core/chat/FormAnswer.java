package dev.leadline.core.chat;

import java.util.Map;

/**
 * What became of a card button's press or its form: the reply, and the problems by input id that
 * keep the form open (a value that does not fit, or the command refused, shown on the first input).
 */
public record FormAnswer(ChatReply reply, Map<String, String> problems) {
    public FormAnswer {
        problems = Map.copyOf(problems);
    }

    /** The form may close: the command ran (or, for a button without a form, was answered). */
    public boolean done() {
        return problems.isEmpty();
    }

    /** Refused because the rep may not take this action on this lead. */
    public boolean forbidden() {
        return reply.forbidden();
    }

    /** The first problem, or the reply's text: what to say when only one line can be shown. */
    public String said() {
        return problems.values().stream().findFirst().orElse(reply.text());
    }
}
