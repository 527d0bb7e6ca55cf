package dev.leadline.server.config;

import dev.leadline.server.chat.ChatEnvironment;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Nurture email: the SMTP server it is sent through ({@code LEADLINE_SMTP_*}; without one, emails are
 * only written to the log), the IMAP mailbox replies and bounces are read from ({@code LEADLINE_IMAP_*}),
 * and the hourly limits per sender and per recipient domain.
 */
public record MailSettings(Optional<Server> smtp, Optional<Server> imap, Optional<String> from, int perSenderPerHour, int perDomainPerHour) {
    public static final MailSettings NONE = new MailSettings(Optional.empty(), Optional.empty(), Optional.empty(), 200, 50);
    private static final Set<String> TLS = Set.of("starttls", "tls", "none");

    /** A mail server: {@code tls} is {@code starttls} (upgrade a plain connection), {@code tls} (TLS from the first byte) or {@code none}. */
    public record Server(String host, int port, Optional<String> user, String password, String tls) {
        @Override
        public String toString() {
            return "Server[" + host + ":" + port + ", tls=" + tls + ", user=" + user.orElse("-") + "]";
        }
    }

    static MailSettings read(ChatEnvironment env) {
        Optional<Server> smtp = server(env, new Names("LEADLINE_SMTP_HOST", "LEADLINE_SMTP_PORT", "LEADLINE_SMTP_USER", "LEADLINE_SMTP_PASSWORD",
                "LEADLINE_SMTP_TLS"), "starttls", Map.of("starttls", 587, "tls", 465, "none", 25), false);
        Optional<Server> imap = server(env, new Names("LEADLINE_IMAP_HOST", "LEADLINE_IMAP_PORT", "LEADLINE_IMAP_USER", "LEADLINE_IMAP_PASSWORD",
                "LEADLINE_IMAP_TLS"), "tls", Map.of("starttls", 143, "tls", 993, "none", 143), true);
        Optional<String> from = env.optional("LEADLINE_SMTP_FROM");
        from.filter(f -> !f.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+"))
                .ifPresent(f -> env.problem("LEADLINE_SMTP_FROM must be a plain address like sales@example.com, got '" + f + "'"));
        if (smtp.isPresent() && env.optional("LEADLINE_PUBLIC_URL").isEmpty()) {
            env.problem("LEADLINE_PUBLIC_URL is required with LEADLINE_SMTP_HOST: every email's unsubscribe link points to "
                    + "<LEADLINE_PUBLIC_URL>/unsubscribe/..., which must reach this server from the internet");
        }
        if (from.isPresent() && smtp.isEmpty() && env.optional("LEADLINE_SMTP_HOST").isEmpty()) {
            env.problem("LEADLINE_SMTP_FROM is set but LEADLINE_SMTP_HOST is not; set the SMTP server too");
        }
        return new MailSettings(smtp, imap, from, number(env, "LEADLINE_SMTP_MAX_PER_SENDER_HOUR", 200),
                number(env, "LEADLINE_SMTP_MAX_PER_DOMAIN_HOUR", 50));
    }

    /** The variables of one server's settings. */
    private record Names(String host, String port, String user, String password, String tls) {}

    private static Optional<Server> server(ChatEnvironment env, Names names, String defaultTls, Map<String, Integer> ports, boolean loginRequired) {
        Optional<String> host = env.optional(names.host());
        String tls = env.optional(names.tls()).map(t -> t.toLowerCase(Locale.ROOT)).orElse(defaultTls);
        if (!TLS.contains(tls)) {
            env.problem(names.tls() + " must be starttls, tls or none, got '" + tls + "'");
            tls = defaultTls;
        }
        Optional<String> user = env.optional(names.user());
        Optional<String> password = env.optional(names.password());
        if (host.isEmpty()) {
            for (String other : java.util.List.of(names.port(), names.user(), names.password(), names.tls())) {
                if (env.optional(other).isPresent()) {
                    env.problem(other + " is set but " + names.host() + " is not; set the server's host too, or unset it");
                }
            }
            return Optional.empty();
        }
        if (user.isPresent() != password.isPresent()) {
            env.problem(names.user() + " and " + names.password() + " go together: set both or neither");
        } else if (loginRequired && user.isEmpty()) {
            env.problem(names.user() + " and " + names.password() + " are required with " + names.host());
        }
        int port = ports.get(tls);
        Optional<String> rawPort = env.optional(names.port());
        if (rawPort.isPresent()) {
            try {
                port = Integer.parseInt(rawPort.get());
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                env.problem(names.port() + " must be a port number (1-65535), got '" + rawPort.get() + "'");
            }
        }
        return Optional.of(new Server(host.get(), port, user, password.orElse(""), tls));
    }

    private static int number(ChatEnvironment env, String name, int fallback) {
        Optional<String> raw = env.optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= 1 && value <= 1_000_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        env.problem(name + " must be a whole number from 1 to 1000000, got '" + raw.get() + "'");
        return fallback;
    }
}
