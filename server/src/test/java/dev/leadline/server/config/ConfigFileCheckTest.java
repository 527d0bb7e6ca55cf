package dev.leadline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** leadline.yml is judged whole, without a database: every problem at once, each with its line and column, in plain words. */
class ConfigFileCheckTest {
    @TempDir
    Path dir;

    @Test
    void everyProblemInTheFileIsListedWithItsLineAndColumn() {
        var result = ConfigFileCheck.check("""
                reps:
                  - email: ana@example.com
                    name: Ana
                    role: boss
                  - email: ben@example.com
                    nmae: Ben
                  - email: ana@example.com
                    name: Ana again
                queues:
                  - name: Inbound
                    members: [ana@example.com, omar@example.com]
                    strategy: fastest-first
                  - name: Enterprise
                    members: not-a-list
                sla:
                  Outbound:
                    steps:
                      - {after: soon, do: remind}
                routing:
                  enrichmentWait: forever
                  rules:
                    default:
                      default: {queue: Nowhere}
                views:
                  idleDays: lots
                colour: blue
                """);

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).extracting(p -> p.describe("leadline.yml")).containsExactly(
                "leadline.yml:4:5 reps[0].role: must be REP, MANAGER or ADMIN",
                "leadline.yml:5:5 reps[1].name: is required",
                "leadline.yml:6:5 reps[1].nmae: is not a setting here; use one of active, calendar, capacity, chatIdentities, email, name, role, "
                        + "timeZone, workingHours",
                "leadline.yml:7:5 reps[2].email: ana@example.com is listed twice (also reps[0])",
                "leadline.yml:11:32 queues[0].members[1]: no rep with email omar@example.com",
                "leadline.yml:12:5 queues[0].strategy: 'fastest-first' is not a strategy; use one of claim-first, round-robin, weighted, least-loaded",
                "leadline.yml:14:5 queues[1].members: must be a list (one '- ' line per item)",
                "leadline.yml:16:3 sla.Outbound: no queue named 'Outbound' under queues",
                "leadline.yml:18:10 sla.Outbound.steps[0].after: 'soon' is not a duration like 500ms, 90s, 5m or 2h",
                "leadline.yml:20:3 routing.enrichmentWait: 'forever' is not a duration like 500ms, 90s, 5m or 2h",
                "leadline.yml:23:17 routing.rules.default.default.queue: no queue named 'Nowhere'",
                "leadline.yml:25:3 views.idleDays: must be a whole number",
                "leadline.yml:26:1 colour: is not a setting of leadline.yml; the settings are accounts, cadences, crmLeadUrl, "
                        + "disqualifyReasons, duplicates, enrichment, forms, plugins, queues, reps, routing, sla, views");
    }

    @Test
    void aCadenceIsCheckedAsSavingItWouldBeWithItsLine() {
        var result = ConfigFileCheck.check("""
                cadences:
                  check-back-90:
                    enrol: [{on: disqualified, reason: Bad timing}]
                    steps:
                      - email: {subject: "Hi {{ lead.frist }}", body: "..."}
                  break-up:
                    enrol: [{on: unreached, attempts: many}]
                    steps: [{wait: 4d}]
                """);

        assertThat(result.problems()).extracting(p -> p.describe("leadline.yml")).containsExactly(
                "leadline.yml:5:17 cadences.check-back-90.steps[0].email.subject: line 1: unknown merge field 'frist'; merge fields are "
                        + "lead.<field> (lead.firstName, lead.company, ...), owner.name, owner.firstName, owner.email, account.name, account.domain",
                "leadline.yml:7:29 cadences.break-up.enrol[0].attempts: how many contact attempts that reached no one: 1 to 50");
    }

    @Test
    void aQueueNamingARepWhoseEntryHasProblemsIsNotBlamedForIt() {
        var result = ConfigFileCheck.check("""
                reps:
                  - {email: ana@example.com, name: Ana, role: boss}
                  - {email: ben@example.com, capacity: some}
                queues:
                  - {name: Inbound, members: [ana@example.com, ben@example.com]}
                """);

        assertThat(result.problems()).extracting(p -> p.describe("leadline.yml")).containsExactly(
                "leadline.yml:2:41 reps[0].role: must be REP, MANAGER or ADMIN",
                "leadline.yml:3:30 reps[1].capacity: must be a whole number");
    }

    @Test
    void noProblemNamesAJavaClass() {
        var result = ConfigFileCheck.check("""
                reps: ana@example.com
                queues:
                  - name: Inbound
                    caps: {perRep: 20}
                    fallback: Overflow
                    weights: {ana@example.com: many}
                    colour: red
                sla:
                  Inbound:
                    steps: [{after: 5m, do: [remind]}]
                enrichment:
                  precedence: first
                """);

        assertThat(result.problems()).extracting(p -> p.describe("leadline.yml")).containsExactly(
                "leadline.yml:1:1 reps: must be a list (one '- ' line per item)",
                "leadline.yml:4:12 queues[0].caps.perRep: must be a map of 'key: value' lines",
                "leadline.yml:5:5 queues[0].fallback: must be a map of 'key: value' lines",
                "leadline.yml:6:15 queues[0].weights.ana@example.com: must be a whole number",
                "leadline.yml:7:5 queues[0].colour: is not a setting here; use one of caps, channels, description, fallback, members, name, "
                        + "strategy, weights",
                "leadline.yml:10:25 sla.Inbound.steps[0].do: must be a single value (text)",
                "leadline.yml:12:3 enrichment.precedence: must be a list (one '- ' line per item)");
    }

    @Test
    void yamlThatDoesNotParseGivesTheLineAndColumnOfTheFault() {
        var tab = ConfigFileCheck.check("reps:\n  - email: ana@example.com\n\tname: Ana\n");
        var indent = ConfigFileCheck.check("reps:\n  - email: ana@example.com\n     name: Ana\n");

        assertThat(tab.problems()).extracting(p -> p.describe("leadline.yml"))
                .containsExactly("leadline.yml:3:1 is not valid YAML: a tab character; indent with spaces");
        assertThat(indent.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).startsWith("is not valid YAML: ");
        });
    }

    @Test
    void aKeyGivenTwiceIsAProblemAtItsSecondPlace() {
        var result = ConfigFileCheck.check("views:\n  idleDays: 5\nviews:\n  idleDays: 6\n");

        assertThat(result.problems()).extracting(p -> p.describe("leadline.yml"))
                .containsExactly("leadline.yml:3:1 views: is given twice (first on line 1)");
    }

    @Test
    void aGoodFileIsReadWithItsSettings() {
        var result = ConfigFileCheck.check("""
                reps:
                  - {email: ana@example.com, name: Ana, role: manager}
                queues:
                  - {name: Inbound, members: [ANA@example.com], fallback: {rep: ana@example.com}}
                sla:
                  Inbound: {steps: [{after: 5m, do: remind}]}
                routing:
                  rules:
                    default: {default: {queue: Inbound}}
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.file().queues()).singleElement().satisfies(q -> assertThat(q.members()).containsExactly("ANA@example.com"));
        assertThat(ConfigFileCheck.check("").ok()).isTrue();
    }

    @Test
    void readingABrokenFileThrowsOneMessageHeadedByTheCountOfProblems() throws Exception {
        Path file = Files.writeString(dir.resolve("leadline.yml"), "views:\n  idleDays: 0\ncolour: blue\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigFileException.class).hasMessage(file + " has 2 problems:\n"
                + "  " + file + ":2:3 views.idleDays: must be a whole number of days from 1 to 3650\n"
                + "  " + file + ":3:1 colour: is not a setting of leadline.yml; the settings are accounts, cadences, crmLeadUrl, disqualifyReasons, "
                + "duplicates, enrichment, forms, plugins, queues, reps, routing, sla, views");
    }
}
