package dev.leadline.core.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CadenceParserTest {
    private final CadenceParser parser = new CadenceParser(new PebbleMergeTemplates());

    private static Map<String, Object> checkBack() {
        return Map.of("sendWindow", "MON-FRI 09:00-17:00", "steps", List.of(
                Map.of("email", Map.of("subject", "Still looking at {{ lead.company }}?", "body", "Hi {{ lead.firstName }},\nBest, {{ owner.firstName }}")),
                Map.of("wait", "3d"),
                Map.of("task", Map.of("title", "Call {{ lead.firstName }}", "due", "1d")),
                Map.of("chat", Map.of("text", "{{ lead.name }} opened nothing in 3 days")),
                Map.of("branch", Map.of("when", Map.of("field", "score", "op", "ge", "value", 70), "then", "recycle"))));
    }

    @Test
    void theIssuesExampleReadsAsItsSteps() {
        Cadence cadence = parser.parse("check-back-90", checkBack());

        assertThat(cadence.sendWindow().toString()).isEqualTo("MON-FRI 09:00-17:00");
        assertThat(cadence.sendWindow().isWorking(java.time.Instant.parse("2026-12-07T10:00:00Z"), java.time.ZoneOffset.UTC)).as("a Monday").isTrue();
        assertThat(cadence.steps()).containsExactly(
                new Step.Email("Still looking at {{ lead.company }}?", "Hi {{ lead.firstName }},\nBest, {{ owner.firstName }}"),
                new Step.Wait(3, false), new Step.Task("Call {{ lead.firstName }}", 1), new Step.Chat("{{ lead.name }} opened nothing in 3 days"),
                new Step.Branch(new Step.Condition("score", "ge", "70"), "recycle"));
        assertThat(parser.parse("check-back-90", cadence.written()).written()).as("written as it reads").isEqualTo(cadence.written());
    }

    @Test
    void anUnknownMergeFieldIsRefusedWithItsStepAndLine() {
        Map<String, Object> cadence = Map.of("steps", List.of(Map.of("wait", "1d"),
                Map.of("email", Map.of("subject", "Hello", "body", "Hi {{ lead.firstName }},\n\nabout {{ lead.compnay }} ..."))));

        assertThatThrownBy(() -> parser.parse("typo", cadence)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).field()).isEqualTo("steps[1].email.body");
            assertThat(e.errors().get(0).message()).startsWith("line 3: unknown merge field 'compnay'");
        });
        assertThatThrownBy(() -> parser.parse("who", Map.of("steps", List.of(Map.of("chat", Map.of("text", "{{ manager.name }}"))))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).message()).contains("manager"));
    }

    @Test
    void aTemplateSyntaxErrorNamesItsLine() {
        Map<String, Object> cadence = Map.of("steps", List.of(Map.of("email", Map.of("subject", "Hi", "body", "one\ntwo {% if lead.company %}\nno end"))));

        assertThatThrownBy(() -> parser.parse("broken", cadence)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0)).satisfies(error -> {
                    assertThat(error.field()).isEqualTo("steps[0].email.body");
                    assertThat(error.message()).matches("line \\d+: .*");
                }));
    }

    @Test
    void everyProblemIsNamedByItsPlace() {
        Map<String, Object> cadence = Map.of("sendWindow", "weekdays", "colour", "blue", "steps", List.of(
                Map.of("wait", "3 weeks"), Map.of("call", Map.of()), Map.of("task", Map.of("title", "x", "due", "2h")),
                Map.of("branch", Map.of("when", Map.of("field", "mood", "op", "eq", "value", "happy"), "then", "recycle")),
                Map.of("branch", Map.of("when", Map.of("field", "score", "op", "ge", "value", "high"), "then", "later")),
                Map.of("email", Map.of("subject", "", "body", "b", "cc", "boss"))));

        assertThatThrownBy(() -> parser.parse("messy", cadence)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("colour", "sendWindow", "steps[0].wait",
                        "steps[1]", "steps[2].task.due", "steps[3].branch.when.field", "steps[4].branch.when.value", "steps[5].email.cc"));
    }

    @Test
    void namesThatCouldNotBeAnAddressAreRefused() {
        for (String name : List.of("", "../etc", "a b", "x".repeat(65), "-lead", "café")) {
            assertThatThrownBy(() -> CadenceParser.name(name)).as(name).isInstanceOf(ValidationException.class);
        }
        assertThat(CadenceParser.name("Break-up_2")).isEqualTo("Break-up_2");
        assertThatThrownBy(() -> parser.parse("a", Map.of("steps", List.of()))).hasMessageContaining("at least one step");
        assertThatThrownBy(() -> parser.parse("a", Map.of("name", "b", "steps", List.of(Map.of("wait", "1d"))))).hasMessageContaining("names 'b'");
    }

    @Test
    void theSendWindowIsWorkingHoursBusinessHoursUnlessWrittenAndABadOneIsRefused() {
        assertThat(parser.parse("d", Map.of("steps", List.of(Map.of("wait", "2h")))).sendWindow().toString()).isEqualTo("MON-FRI 09:00-17:00");
        assertThat(parser.parse("d", Map.of("sendWindow", "24/7", "steps", List.of(Map.of("wait", "2h")))).sendWindow().toString()).isEqualTo("24/7");
        assertThat(parser.parse("d", Map.of("sendWindow", "MON-THU 08:00-16:00; FRI 08:00-12:00", "steps", List.of(Map.of("wait", "2h"))))
                .sendWindow().isWorking(java.time.Instant.parse("2026-12-11T13:00:00Z"), java.time.ZoneOffset.UTC)).as("Friday afternoon").isFalse();
        for (String bad : List.of("weekdays", "MON-FRI 25:00-26:00", "FUNDAY 09:00-10:00", "MON-FRI")) {
            assertThatThrownBy(() -> parser.parse("d", Map.of("sendWindow", bad, "steps", List.of(Map.of("wait", "1d"))))).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("sendWindow"));
        }
    }
}
