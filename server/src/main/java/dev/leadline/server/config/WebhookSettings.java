package dev.leadline.server.config;

import dev.leadline.server.chat.ChatEnvironment;

/**
 * Where webhooks may go: {@code http} targets with {@code LEADLINE_WEBHOOKS_ALLOW_HTTP=true} (else https only),
 * private, loopback and link-local addresses with {@code LEADLINE_WEBHOOKS_ALLOW_PRIVATE=true}.
 */
public record WebhookSettings(boolean allowHttp, boolean allowPrivate) {
    public static final WebhookSettings DEFAULTS = new WebhookSettings(false, false);

    static WebhookSettings read(ChatEnvironment env) {
        return new WebhookSettings(env.flag("LEADLINE_WEBHOOKS_ALLOW_HTTP", false), env.flag("LEADLINE_WEBHOOKS_ALLOW_PRIVATE", false));
    }
}
