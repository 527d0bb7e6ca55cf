package dev.leadline.server.plugins;

/**
 * How large a plugin archive sent to the server may be: as sent ({@code LEADLINE_MAX_PLUGIN_BYTES}),
 * unpacked ({@code LEADLINE_MAX_PLUGIN_EXPANDED_BYTES}, the entries' bytes as inflated, not as
 * declared) and in entries ({@code LEADLINE_MAX_PLUGIN_ENTRIES}).
 */
public record PluginLimits(long maxUploadBytes, long maxExpandedBytes, int maxEntries) {}
