package dev.leadline.server.cli;

import java.util.Map;

/** The environment the commands read their configuration from (tests substitute their own). */
public final class CliEnvironment {
    private static volatile Map<String, String> env = System.getenv();

    private CliEnvironment() {}

    public static Map<String, String> get() {
        return env;
    }

    public static void use(Map<String, String> environment) {
        env = Map.copyOf(environment);
    }
}
