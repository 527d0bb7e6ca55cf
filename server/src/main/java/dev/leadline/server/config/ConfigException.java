package dev.leadline.server.config;

import dev.leadline.core.common.LeadlineException;
import java.util.List;

/** The environment or leadline.yml is wrong; the message lists every problem. */
public class ConfigException extends LeadlineException {
    public ConfigException(List<String> problems) {
        super("configuration problems:\n  - " + String.join("\n  - ", problems));
    }
}
