package dev.leadline.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedDataTest {
    @TempDir
    Path dir;

    @Test
    void aTestWhoseFileIsThereRunsEvenWhenTheDataIsRequired() throws IOException {
        Path file = Files.writeString(dir.resolve("Leads.csv"), "Lead Number\n1\n");

        assertThat(SharedData.decide("ImportTest", "x/Leads.csv", file, null).isDisabled()).isFalse();
        assertThat(SharedData.decide("ImportTest", "x/Leads.csv", file, "required").isDisabled()).isFalse();
    }

    @Test
    void aTestWhoseFileIsMissingIsSkippedWithOneLineNamingTheTestAndTheFile() {
        var result = SharedData.decide("BayesScoringTest", "x-education/Leads.csv", dir.resolve("Leads.csv"), null);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValue(
                "skipped: BayesScoringTest needs ../shared/data/x-education/Leads.csv (not redistributable)");
    }

    @Test
    void aTestWhoseFileIsMissingFailsWhenTheDataIsRequired() {
        assertThatThrownBy(() -> SharedData.decide("BayesScoringTest", "x-education/Leads.csv", dir.resolve("Leads.csv"), "required"))
                .hasMessageContaining("leadline.sharedData=required")
                .hasMessageContaining("BayesScoringTest")
                .hasMessageContaining("../shared/data/x-education/Leads.csv");
    }

    @Test
    void theDataIsLookedForBesideTheRepositoryThatHoldsMvnFromAnyModuleBelowIt() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("leadline/.mvn")).getParent();
        Path module = Files.createDirectories(repo.resolve("plugins/score-bayes"));

        assertThat(SharedData.dataDir(module)).isEqualTo(dir.resolve("shared/data"));
        assertThat(SharedData.dataDir(repo)).isEqualTo(dir.resolve("shared/data"));
    }
}
