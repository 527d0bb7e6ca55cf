package dev.leadline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TallyTest {
    @Test
    void durationsAreStatedInStepsAtMostFivePercentUnder() {
        long previous = -1;
        for (long s = 0; s < 40L * 86_400; s += 1 + s / 50) {
            long step = Stats.step(s);
            assertThat(step).as("%d s", s).isLessThanOrEqualTo(s).isGreaterThanOrEqualTo(previous);
            if (s < 60) {
                assertThat(step).isEqualTo(s);
            } else {
                assertThat(s - step).as("%d s", s).isLessThanOrEqualTo(Math.max(1, s / 20));
            }
            assertThat(Stats.step(step)).as("a step names itself").isEqualTo(step);
            previous = step;
        }
        assertThat(Stats.step(-5)).isZero();
    }

    @Test
    void aPercentileOfCountsPerStepIsTheStepOfTheExactPercentile() {
        Random random = new Random(11);
        for (int run = 0; run < 200; run++) {
            List<Duration> durations = new ArrayList<>();
            Map<String, Long> counts = new HashMap<>();
            for (int i = random.nextInt(40); i >= 0; i--) {
                long seconds = (long) Math.exp(random.nextDouble() * 14);
                durations.add(Duration.ofSeconds(seconds));
                counts.merge(Long.toString(Stats.step(seconds)), 1L, Long::sum);
            }
            for (int p : new int[] {50, 90}) {
                assertThat(Stats.percentileSeconds(counts, p)).isEqualTo(Stats.percentileSeconds(durations, p));
            }
        }
    }

    @Test
    void aChangeTurnsTheOldTallyIntoTheNewAndSurvivesEncoding() {
        Tally before = new Tally();
        before.add(new Tally.Key(490_000, 1, 2, "Web", "", "lead", ""), 1, null);
        before.add(new Tally.Key(490_003, 1, 2, "Web", "", "converted", ""), 1, new BigDecimal("900.00"));
        Tally after = new Tally();
        after.add(new Tally.Key(490_000, 1, 2, "Web", "", "lead", ""), 1, null);
        after.add(new Tally.Key(490_004, 1, 3, "Wéb \u001f", "Spring", "disqualified", "No budget"), 1, null);

        Tally change = Tally.decode(Tally.change(before, after).encode());
        assertThat(change.size()).as("what both have drops out").isEqualTo(2);
        Tally applied = Tally.decode(before.encode());
        applied.add(change, 1);
        assertThat(applied.counts()).isEqualTo(after.counts());
        assertThat(applied.amount(new Tally.Key(490_003, 1, 2, "Web", "", "converted", ""))).isNull();
        assertThat(change.amount(new Tally.Key(490_003, 1, 2, "Web", "", "converted", ""))).isEqualByComparingTo("-900");
        assertThat(Tally.decode(new Tally().encode()).isEmpty()).isTrue();
    }
}
