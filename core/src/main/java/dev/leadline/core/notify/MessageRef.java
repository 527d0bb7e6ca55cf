package dev.leadline.core.notify;

/** Where a card was posted on one platform (e.g. a Slack channel and message ts), so it can be edited. */
public record MessageRef(String cardKey, String platform, Destination destination, String ref, long lastOutboxId) {}
