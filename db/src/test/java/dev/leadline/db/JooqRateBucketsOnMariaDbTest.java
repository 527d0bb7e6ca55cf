package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JooqRateBucketsOnMariaDbTest {
    private static final Duration INTERVAL = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:59.500Z");
    private static Database database;
    private static JooqRateBuckets buckets;

    @BeforeAll
    static void connect() {
        database = TestDatabases.fresh();
        buckets = new JooqRateBuckets(database.dsl());
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Test
    void aBucketGivesItsCapacityAtOnceThenOneTokenPerInterval() {
        for (int i = 0; i < 3; i++) {
            assertThat(take("form-a", "10.0.0.1", T0)).isZero();
        }
        assertThat(take("form-a", "10.0.0.1", T0)).isEqualTo(INTERVAL);
        assertThat(take("form-a", "10.0.0.1", T0.plusSeconds(19))).as("no new window a second later").isEqualTo(Duration.ofSeconds(1));
        assertThat(take("form-a", "10.0.0.1", T0.plusSeconds(20))).isZero();
        assertThat(take("form-a", "10.0.0.1", T0.plusSeconds(20))).isEqualTo(INTERVAL);
    }

    @Test
    void eachFormAndClientHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            take("form-b", "10.0.0.2", T0);
        }
        assertThat(take("form-b", "10.0.0.2", T0)).isPositive();
        assertThat(take("form-b", "10.0.0.3", T0)).isZero();
        assertThat(take("form-c", "10.0.0.2", T0)).isZero();
    }

    @Test
    void bucketsThatAreFullAgainAreDeletedAndStartFull() {
        for (int i = 0; i < 3; i++) {
            take("form-d", "10.0.0.4", T0);
        }
        Instant later = T0.plus(INTERVAL.multipliedBy(3)).plusMillis(1);

        assertThat(buckets.expire(later)).isPositive();

        for (int i = 0; i < 3; i++) {
            assertThat(take("form-d", "10.0.0.4", later)).isZero();
        }
        assertThat(take("form-d", "10.0.0.4", later)).isPositive();
    }

    private static Duration take(String form, String client, Instant at) {
        return buckets.take(form, client, 3, INTERVAL, at);
    }
}
