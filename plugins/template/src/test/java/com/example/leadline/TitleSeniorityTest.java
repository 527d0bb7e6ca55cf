package com.example.leadline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.testkit.TestContext;
import dev.leadline.plugin.testkit.TestLeads;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider against sample leads, with the test kit's context (settings, real HTTP, cache, clock). */
class TitleSeniorityTest {
    @Test
    void aSeniorTitleScoresHigherAndSaysWhy() {
        Score score = new TitleSeniority().score(TestLeads.lead(Map.of("title", "VP of Sales")), ActivitySummary.none(),
                TestContext.withConfig(Map.of()));

        assertEquals(80, score.value());
        assertEquals("+30 senior title: VP of Sales", score.reasons().get(0).toString());
    }

    @Test
    void theSettingChangesWhatCountsAsSenior() {
        Score score = new TitleSeniority().score(TestLeads.lead(Map.of("title", "Principal Engineer")), ActivitySummary.none(),
                TestContext.withConfig(Map.of("seniorTitles", "principal.*")));

        assertEquals(80, score.value());
    }
}
