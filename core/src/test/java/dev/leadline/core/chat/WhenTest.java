package dev.leadline.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WhenTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z"); // Monday 11:00 in Berlin

    @Test
    void everydayTimesAreReadInTheRepsTimeZone() {
        assertThat(When.read("tomorrow 15:00", BERLIN, NOW)).contains(Instant.parse("2026-11-24T14:00:00Z"));
        assertThat(When.read("tomorrow 3pm", BERLIN, NOW)).contains(Instant.parse("2026-11-24T14:00:00Z"));
        assertThat(When.read("today 16:30", BERLIN, NOW)).contains(Instant.parse("2026-11-23T15:30:00Z"));
        assertThat(When.read("wed", BERLIN, NOW)).contains(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(When.read("mon 9am", BERLIN, NOW)).as("Monday 9:00 has passed: next Monday").contains(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(When.read("in 2h", BERLIN, NOW)).contains(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(When.read("in 30 min", BERLIN, NOW)).contains(Instant.parse("2026-11-23T10:30:00Z"));
        assertThat(When.read("2026-11-24 15:00", BERLIN, NOW)).contains(Instant.parse("2026-11-24T14:00:00Z"));
        assertThat(When.read("2026-11-24T15:00Z", BERLIN, NOW)).contains(Instant.parse("2026-11-24T15:00:00Z"));
        assertThat(When.read("10:30", BERLIN, NOW)).as("10:30 has passed today: tomorrow").contains(Instant.parse("2026-11-24T09:30:00Z"));
    }

    @Test
    void wordsThatAreNotATimeOrAreInThePastAreRefusedWithExamples() {
        assertThat(When.read("soonish", BERLIN, NOW)).isEmpty();
        assertThat(When.read("13pm", BERLIN, NOW)).isEmpty();
        assertThatThrownBy(() -> When.require("whenever", BERLIN, NOW)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("tomorrow 15:00");
        assertThatThrownBy(() -> When.require("2026-11-20 09:00", BERLIN, NOW)).hasMessageContaining("in the past");
    }

    @Test
    void aTimePastTheYear9999IsRefusedAsOutOfRange() {
        assertThatThrownBy(() -> When.require("+999999999-12-31T23:59:59Z", BERLIN, NOW)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("when").hasMessageContaining("9999");
        assertThat(When.require("9999-12-31 09:00", BERLIN, NOW)).isAfter(NOW);
    }
}
