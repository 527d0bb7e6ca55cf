package dev.leadline.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    @Test
    void aTurnIsShownAsFormatShowsItWithTwoPlaces() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            // fair-share turns: passes of 1/weight summed, and arbitrary values of every size
            double turn = i % 2 == 0 ? random.nextInt(10_000) / (double) (1 + random.nextInt(500)) : random.nextDouble() * Math.pow(10, random.nextInt(8));
            assertThat(Candidates.twoPlaces(turn)).as("turn %s", turn).isEqualTo(String.format(Locale.ROOT, "%.2f", turn));
        }
        assertThat(Candidates.twoPlaces(2.675)).isEqualTo(String.format(Locale.ROOT, "%.2f", 2.675));
        assertThat(Candidates.twoPlaces(0)).isEqualTo("0.00");
    }
}
