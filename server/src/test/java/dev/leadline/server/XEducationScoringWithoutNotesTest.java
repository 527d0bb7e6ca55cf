package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.plugin.testkit.NeedsSharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link XEducationScoringTest} without the columns the sales team wrote while working the leads
 * ({@code Tags}, {@code Lead Quality}): they record the outcome as much as they predict it, so this is
 * the honest measure of the model.
 */
@NeedsSharedData("x-education/Leads.csv")
class XEducationScoringWithoutNotesTest {
    @Test
    void withoutTheSalesTeamsNotesTheTestLeadsRankWithAnAucOfAtLeast090(@TempDir Path dir) throws Exception {
        XEducationScoring.Result result = XEducationScoringTest.run(dir, XEducationScoring.NOTES);

        assertThat(result.auc()).as(result.summary()).isGreaterThanOrEqualTo(0.90);
    }
}
