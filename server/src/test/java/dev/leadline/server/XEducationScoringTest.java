package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.plugin.testkit.NeedsSharedData;
import dev.leadline.plugin.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * score-bayes on the X Education export through a real server with its bundled plugins (issue 29's
 * "done means"): 70/30 split with seed 42, outcomes recorded through the API, the model's state checked
 * before the 30 % arrive; see {@link XEducationScoring}. One server per column set, since the model learns
 * from every column a lead has; {@link XEducationScoringWithoutNotesTest} is the other set, in its own class
 * so that the build's two test JVMs can run both at once.
 */
@NeedsSharedData("x-education/Leads.csv")
class XEducationScoringTest {
    private static final int TEST_LEADS = 2772;

    @Test
    void withEveryColumnTheTestLeadsRankWithAnAucOfAtLeast095(@TempDir Path dir) throws Exception {
        XEducationScoring.Result result = run(dir, List.of());

        assertThat(result.auc()).as(result.summary()).isGreaterThanOrEqualTo(0.95);
    }

    /** A run on a new server; asserts what holds for either column set: the model's state, every lead scored, the probe. */
    static XEducationScoring.Result run(Path dir, List<String> leaveOut) throws Exception {
        var rows = XEducationScoring.shuffledRows(SharedData.file("x-education/Leads.csv"));
        Path config = Files.writeString(dir.resolve("leadline.yml"), XEducationScoring.CONFIG);
        try (TestServer server = TestServer.start(Map.of("LEADLINE_CONFIG", config.toString()))) {
            XEducationScoring.Result result = new XEducationScoring(server.uri("/"), TestServer.ADMIN_TOKEN).run(rows, leaveOut);
            System.out.println(result.summary());

            assertThat(result.model().path("outcomesLearned").asInt()).as("model learned from every recorded outcome").isEqualTo(6468);
            assertThat(result.model().path("holdOutAuc").isNumber()).as("model shows its hold-out AUC: %s", result.model()).isTrue();
            assertThat(result.testLeads()).isEqualTo(TEST_LEADS);
            assertThat(result.unscored()).as("test leads the trained model never scored").isZero();
            assertThat(result.abstained()).as("real test leads the model abstained on").isZero();
            assertThat(result.scored()).isEqualTo(TEST_LEADS);
            assertThat(result.probe()).as("the probe lead was scored by the trained model").isNotNull();
            assertThat(XEducationScoring.abstainedIn(result.probe())).as("a lead with no trained evidence abstains: %s", result.probe()).isTrue();
            assertThat(result.probe().path("reasons").toString()).as("and says why").contains("nothing to go on");
            return result;
        }
    }
}
