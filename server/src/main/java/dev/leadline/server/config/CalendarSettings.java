package dev.leadline.server.config;

import dev.leadline.core.common.Durations;
import dev.leadline.core.common.ValidationException;
import dev.leadline.server.chat.ChatEnvironment;
import java.time.Duration;

/**
 * Reading reps' calendars: how often ({@code LEADLINE_CALENDAR_REFRESH}, 5m by default) and how many
 * days ahead ({@code LEADLINE_CALENDAR_DAYS}, 30 by default); the day behind is always read too.
 */
public record CalendarSettings(Duration refresh, int days) {
    public static final CalendarSettings DEFAULTS = new CalendarSettings(Duration.ofMinutes(5), 30);

    static CalendarSettings read(ChatEnvironment env) {
        Duration refresh = DEFAULTS.refresh();
        try {
            refresh = env.optional("LEADLINE_CALENDAR_REFRESH").map(v -> Durations.parse("LEADLINE_CALENDAR_REFRESH", v)).orElse(refresh);
            if (refresh.compareTo(Duration.ofSeconds(30)) < 0 || refresh.compareTo(Duration.ofHours(24)) > 0) {
                env.problem("LEADLINE_CALENDAR_REFRESH must be from 30s to 24h, got '" + env.optional("LEADLINE_CALENDAR_REFRESH").orElse("") + "'");
                refresh = DEFAULTS.refresh();
            }
        } catch (ValidationException e) {
            env.problem("LEADLINE_CALENDAR_REFRESH must be a duration like 90s, 5m or 1h, got '"
                    + env.optional("LEADLINE_CALENDAR_REFRESH").orElse("") + "'");
        }
        int days = DEFAULTS.days();
        String daysText = env.optional("LEADLINE_CALENDAR_DAYS").orElse(null);
        if (daysText != null) {
            try {
                days = Integer.parseInt(daysText);
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > 366) {
                env.problem("LEADLINE_CALENDAR_DAYS must be a whole number of days from 1 to 366, got '" + daysText + "'");
                days = DEFAULTS.days();
            }
        }
        return new CalendarSettings(refresh, days);
    }
}
