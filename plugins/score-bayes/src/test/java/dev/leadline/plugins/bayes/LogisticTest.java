package dev.leadline.plugins.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticTest {
    @Test
    void recoversTheWeightsThatMadeTheData() {
        Random random = new Random(5);
        double[] truth = {-1, 2, -0.5};
        double[][] x = new double[20000][2];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian() * 2;
            y[i] = random.nextDouble() < Logistic.probability(truth, x[i]) ? 1 : 0;
        }

        double[] fitted = Logistic.fit(x, y, 1e-3);

        for (int j = 0; j < truth.length; j++) {
            assertThat(fitted[j]).as("weight %d", j).isCloseTo(truth[j], within(0.1));
        }
    }

    @Test
    void aColumnTwiceSharesItsWeightInsteadOfDoublingIt() {
        Random random = new Random(6);
        double[][] x = new double[10000][2];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = random.nextGaussian();
            x[i] = new double[] {v, v};
            y[i] = random.nextDouble() < Logistic.sigmoid(1.5 * v) ? 1 : 0;
        }

        double[] fitted = Logistic.fit(x, y, 1);

        assertThat(fitted[1] + fitted[2]).isCloseTo(1.5, within(0.15));
        assertThat(fitted[1]).isCloseTo(fitted[2], within(0.01));
    }
}
