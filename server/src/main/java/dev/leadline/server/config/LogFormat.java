package dev.leadline.server.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code LEADLINE_LOG_FORMAT}: {@code text} (the default, for people) or {@code json} (one JSON object
 * per line, with the request's and the lead's ids from the MDC, for a log collector).
 */
public final class LogFormat {
    public static final String VARIABLE = "LEADLINE_LOG_FORMAT";

    private LogFormat() {}

    /** The problem with the value, if any. */
    static Optional<String> read(Optional<String> value) {
        return value.filter(v -> !v.equalsIgnoreCase("text") && !v.equalsIgnoreCase("json"))
                .map(v -> VARIABLE + " must be text or json, got '" + v + "'");
    }

    /** Switches logging to JSON lines when the environment asks for it; call before anything is logged. */
    public static void apply(Map<String, String> env) {
        String value = env.getOrDefault(VARIABLE, "").strip();
        if (!value.equalsIgnoreCase("json") || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(LogFormat.class.getResource("/logback-json.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("the JSON logging set-up in the jar is broken", e);
        }
    }
}
