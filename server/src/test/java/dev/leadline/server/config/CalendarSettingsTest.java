package dev.leadline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalendarSettingsTest {
    @Test
    void calendarsAreReadEveryFiveMinutesForThirtyDaysUnlessToldOtherwise() {
        assertThat(Config.fromEnvironment(Map.of()).calendars()).isEqualTo(new CalendarSettings(Duration.ofMinutes(5), 30));
        assertThat(Config.fromEnvironment(Map.of("LEADLINE_CALENDAR_REFRESH", "90s", "LEADLINE_CALENDAR_DAYS", "60")).calendars())
                .isEqualTo(new CalendarSettings(Duration.ofSeconds(90), 60));
    }

    @Test
    void badValuesAreNamedByTheirVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_CALENDAR_REFRESH", "often", "LEADLINE_CALENDAR_DAYS", "a month")))
                .hasMessageContaining("LEADLINE_CALENDAR_REFRESH must be a duration like 90s, 5m or 1h, got 'often'")
                .hasMessageContaining("LEADLINE_CALENDAR_DAYS must be a whole number of days from 1 to 366, got 'a month'");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_CALENDAR_REFRESH", "5s", "LEADLINE_CALENDAR_DAYS", "0")))
                .hasMessageContaining("LEADLINE_CALENDAR_REFRESH must be from 30s to 24h, got '5s'")
                .hasMessageContaining("LEADLINE_CALENDAR_DAYS must be a whole number of days from 1 to 366, got '0'");
    }
}
