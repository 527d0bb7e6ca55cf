package dev.leadline.core.chat;

/** Where a command was typed: the platform and its channel (a room's own commands need it); unknown for buttons and the console. */
public record ChatPlace(String platform, String channel) {
    public static final ChatPlace UNKNOWN = new ChatPlace(null, null);

    public java.util.Optional<String> platformName() {
        return java.util.Optional.ofNullable(platform);
    }
}
