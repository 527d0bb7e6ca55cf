package dev.leadline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of the built jar on a 3-node MariaDB Galera cluster ({@link GaleraChaos}): the claim race
 * (50 reps x 200 rounds across the nodes), an import routed once, a Galera node and a Leadline node
 * killed. Needs Debian's {@code mariadb-server} and {@code galera-4}, and runs only when asked for with
 * {@code -Dleadline.galera=required}. Not in CI yet: its last CI run had two {@code 500}s on assignments
 * through the surviving Galera node while another was killed (issue #28's note). About 3 to 7 minutes.
 */
class GaleraChaosIT {

    @Test
    void everythingThatMustHappenOnceHappensOnceOnGaleraThroughNodeFailures() throws Exception {
        Assumptions.assumeTrue("required".equals(System.getProperty("leadline.galera")), "skipped: run with -Dleadline.galera=required");
        if (!GaleraCluster.available()) {
            throw new AssertionError("the Galera test needs /usr/lib/galera/libgalera_smm.so and mariadbd (apt-get install mariadb-server galera-4)");
        }

        GaleraChaos chaos = GaleraChaos.run(Path.of(System.getProperty("galera.script", "../ops/galera/cluster")), 200, 2_000, 2_000);

        assertThat(chaos.failures).isEmpty();
    }
}
