package dev.leadline.server.config;

import dev.leadline.core.common.Durations;
import dev.leadline.core.common.ValidationException;
import dev.leadline.server.chat.ChatEnvironment;
import java.time.Duration;

/**
 * Integrations: where webhooks may go ({@code http} targets with {@code LEADLINE_WEBHOOKS_ALLOW_HTTP=true}, else
 * https only; private, loopback and link-local addresses with {@code LEADLINE_WEBHOOKS_ALLOW_PRIVATE=true}), and
 * how often CRM connectors are asked what changed ({@code LEADLINE_CRM_PULL_INTERVAL}, 60s by default, 5s to 1h).
 */
public record IntegrationSettings(boolean allowHttp, boolean allowPrivate, Duration crmPull) {
    public static final IntegrationSettings DEFAULTS = new IntegrationSettings(false, false, Duration.ofSeconds(60));

    static IntegrationSettings read(ChatEnvironment env) {
        Duration pull = DEFAULTS.crmPull();
        String text = env.optional("LEADLINE_CRM_PULL_INTERVAL").orElse(null);
        if (text != null) {
            try {
                pull = Durations.parse("LEADLINE_CRM_PULL_INTERVAL", text);
                if (pull.compareTo(Duration.ofSeconds(5)) < 0 || pull.compareTo(Duration.ofHours(1)) > 0) {
                    env.problem("LEADLINE_CRM_PULL_INTERVAL must be from 5s to 1h, got '" + text + "'");
                    pull = DEFAULTS.crmPull();
                }
            } catch (ValidationException e) {
                env.problem("LEADLINE_CRM_PULL_INTERVAL must be a duration like 30s, 1m or 15m, got '" + text + "'");
            }
        }
        return new IntegrationSettings(env.flag("LEADLINE_WEBHOOKS_ALLOW_HTTP", false), env.flag("LEADLINE_WEBHOOKS_ALLOW_PRIVATE", false), pull);
    }
}
