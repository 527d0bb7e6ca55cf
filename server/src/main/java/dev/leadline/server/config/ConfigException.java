package dev.leadline.server.config;

import dev.leadline.core.common.LeadlineException;
import java.util.List;

/** The environment or leadline.yml is wrong; the message lists every problem. */
public class ConfigException extends LeadlineException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("configuration problems:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
