package dev.leadline.plugin;

/** The SPI's version, for a plugin's {@code Plugin-Requires}. */
public final class PluginApi {
    /** Semantic version of this SPI. */
    public static final String VERSION = "1.4.0";

    private PluginApi() {}
}
