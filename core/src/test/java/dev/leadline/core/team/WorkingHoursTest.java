package dev.leadline.core.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final WorkingHours office = WorkingHours.parse("MON-FRI 09:00-17:00", "hours");

    @Test
    void workingTimeCarriesOverTheWeekend() {
        Instant fridayLate = Instant.parse("2026-11-27T15:58:00Z"); // 16:58 in Berlin
        assertThat(office.plus(fridayLate, Duration.ofMinutes(5), BERLIN)).isEqualTo(Instant.parse("2026-11-30T08:03:00Z"));
        assertThat(office.between(fridayLate, Instant.parse("2026-11-30T08:03:00Z"), BERLIN)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aClockStartedAtNightBeginsWhenTheDayDoes() {
        Instant tuesdayNight = Instant.parse("2026-11-24T22:00:00Z");
        assertThat(office.plus(tuesdayNight, Duration.ofHours(1), BERLIN)).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(office.isWorking(tuesdayNight, BERLIN)).isFalse();
        assertThat(office.isWorking(Instant.parse("2026-11-25T09:00:00Z"), BERLIN)).isTrue();
    }

    @Test
    void daylightSavingChangesAreCountedInLocalTime() {
        WorkingHours split = WorkingHours.parse("MON-THU 08:00-12:00; mon-thu 13:00-17:00; FRI 08:00-12:00", "hours");
        Instant fridayBeforeChange = Instant.parse("2026-03-27T10:30:00Z"); // 11:30 CET; clocks go forward on Sunday
        assertThat(split.plus(fridayBeforeChange, Duration.ofMinutes(60), BERLIN))
                .as("30 min on Friday, 30 min from Monday 08:00 CEST").isEqualTo(Instant.parse("2026-03-30T06:30:00Z"));
        assertThat(split.plus(Instant.parse("2026-03-30T06:00:00Z"), Duration.ofHours(5), BERLIN))
                .as("four hours to noon, the lunch break skipped").isEqualTo(Instant.parse("2026-03-30T12:00:00Z"));
    }

    @Test
    void roundTheClockCountsEveryMinute() {
        Instant start = Instant.parse("2026-11-28T23:30:00Z");
        assertThat(WorkingHours.ALWAYS.plus(start, Duration.ofHours(2), BERLIN)).isEqualTo(start.plus(Duration.ofHours(2)));
        assertThat(WorkingHours.parse("SAT-SUN 00:00-24:00", "h").plus(start, Duration.ofHours(1), BERLIN))
                .as("Sunday 00:30 to 01:30 Berlin").isEqualTo(start.plus(Duration.ofHours(1)));
    }

    @Test
    void unreadableHoursAreRefusedWithTheReason() {
        assertThatThrownBy(() -> WorkingHours.parse("weekdays 9-5", "reps[0].workingHours"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("reps[0].workingHours").hasMessageContaining("MON-FRI 09:00-17:00");
        assertThatThrownBy(() -> WorkingHours.parse("FRI 22:00-06:00", "h")).hasMessageContaining("overnight");
        assertThatThrownBy(() -> WorkingHours.parse("FUN 09:00-10:00", "h")).hasMessageContaining("'FUN' is not a day");
        assertThatThrownBy(() -> WorkingHours.parse("MON 25:00-26:00", "h")).hasMessageContaining("not a time");
        assertThatThrownBy(() -> WorkingHours.parse("MON-FRI 09:00-17:00; MON 12:00-18:00", "h"))
                .as("an hour counted twice would bring SLA deadlines forward").hasMessageContaining("overlap on MON");
    }
}
