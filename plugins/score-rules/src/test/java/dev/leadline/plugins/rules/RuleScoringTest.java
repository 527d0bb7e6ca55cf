package dev.leadline.plugins.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoreReason;
import dev.leadline.plugin.testkit.TestContext;
import dev.leadline.plugin.testkit.TestLeads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleScoringTest {
    private static final String RULES = String.join("\n",
            "base: 10",
            "maxFit: 30",
            "fit:",
            "  - when: {field: employeeCount, between: [500, 1000]}",
            "    points: 20",
            "    reason: employees 500–1000",
            "  - when: {field: emailType, equals: webmail}",
            "    points: -15",
            "    reason: webmail address",
            "  - when: {field: industry, in: [Software, Fintech]}",
            "    points: 25",
            "    reason: target industry",
            "engagement:",
            "  - when: {activity: meetings, atLeast: 1}",
            "    points: 40",
            "    reason: meeting booked",
            "    halfLifeDays: 10");

    @Test
    void fitRulesAddUpWithinTheirCapAndEngagementDecaysWithTime(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yml"), RULES);
        TestContext context = TestContext.withConfig(Map.of("rules", file.toString()));
        Instant now = context.clock().instant();

        Score fresh = new RuleScoring().score(TestLeads.lead(Map.of("employeeCount", "800", "industry", "software")),
                new ActivitySummary(0, 1, now), context);
        Score stale = new RuleScoring().score(TestLeads.lead(Map.of("employeeCount", "800", "industry", "software")),
                new ActivitySummary(0, 1, now.minus(java.time.Duration.ofDays(10))), context);

        // 10 + min(20 + 25, 30) + 40
        assertThat(fresh.value()).isEqualTo(80);
        assertThat(fresh.reasons()).extracting(ScoreReason::toString).contains("+40 meeting booked", "+25 target industry", "−15 capped at 30");
        assertThat(stale.value()).as("the meeting's points halve after 10 days").isEqualTo(60);
    }

    @Test
    void aRuleFileWithAMistakeIsRefusedNamingTheRule(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yml"), "fit:\n  - when: {field: title, bigger: 3}\n    points: 5\n    reason: x\n");

        assertThatThrownBy(() -> new RuleScoring().score(TestLeads.lead(Map.of()), ActivitySummary.none(),
                TestContext.withConfig(Map.of("rules", file.toString())))).hasMessageContaining("fit[0]").hasMessageContaining("exactly one of");
    }

    @Test
    void theReasonsAddUpToTheScoreAndALeadNoRuleAppliesToGetsNoScore(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yml"), RULES);
        TestContext context = TestContext.withConfig(Map.of("rules", file.toString()));

        Score known = new RuleScoring().score(TestLeads.lead(Map.of("employeeCount", "800")), ActivitySummary.none(), context);
        Score unknown = new RuleScoring().score(TestLeads.lead(Map.of("leadOrigin", "Landing Page Submission")), ActivitySummary.none(), context);

        assertThat(known.value()).isEqualTo(30);
        assertThat(known.reasons().stream().mapToInt(ScoreReason::points).sum()).as("%s", known.reasons()).isEqualTo(30);
        assertThat(known.reasons()).extracting(ScoreReason::toString).contains("+10 starting score");
        assertThat(unknown.abstained()).as("no opinion, not a flat base score").isTrue();
    }

    @Test
    void theDefaultRulesCountAPhoneNumberOnlyWhenItIsAValidOne() {
        TestContext context = TestContext.withConfig(Map.of());

        Score valid = new RuleScoring().score(TestLeads.lead(Map.of("phone", "+1 650 253 0000")), ActivitySummary.none(), context);
        Score local = new RuleScoring().score(TestLeads.lead(Map.of("phone", "030 23125000", "country", "DE")), ActivitySummary.none(), context);
        Score junk = new RuleScoring().score(TestLeads.lead(Map.of("phone", "12345", "title", "CEO")), ActivitySummary.none(), context);

        assertThat(valid.reasons()).extracting(ScoreReason::toString).contains("+5 gave a valid phone number");
        assertThat(local.reasons()).extracting(ScoreReason::toString).contains("+5 gave a valid phone number");
        assertThat(junk.reasons()).extracting(ScoreReason::toString).doesNotContain("+5 gave a valid phone number")
                .contains("+15 decision-maker title");
    }
}
