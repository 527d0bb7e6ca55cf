package dev.leadline.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.qualification.ContactChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadFormsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final LeadForms forms = new LeadForms(() -> List.of("No budget", "Competitor"),
            () -> List.of(new FormSpec.Option("jane@example.com", "Jane Rivera (jane@example.com)")),
            Clock.fixed(Instant.parse("2026-11-24T23:30:00Z"), BERLIN));

    @Test
    void aScheduleFormIsReadInTheRepsTimeZoneWithThirtyMinutesUnlessToldOtherwise() {
        FormSpec form = forms.form(LeadAction.SCHEDULE, "L-7", BERLIN);
        assertThat(form.inputs()).extracting(FormSpec.Input::id).containsExactly("date", "time", "minutes", "title");
        assertThat(((FormSpec.Date) form.inputs().get(0)).initial()).as("tomorrow where the rep is").hasToString("2026-11-26");

        assertThat(command(LeadAction.SCHEDULE, Map.of("date", "2026-12-01", "time", "15:00", "title", " Demo ")))
                .isEqualTo(new ChatCommand.Schedule("L-7", Instant.parse("2026-12-01T14:00:00Z"), Duration.ofMinutes(30), "Demo"));
        assertThat(command(LeadAction.SCHEDULE, Map.of("date", "2026-12-01", "time", "09:30:00", "minutes", "45.0")))
                .as("seconds from one client, a decimal number from another").isEqualTo(
                        new ChatCommand.Schedule("L-7", Instant.parse("2026-12-01T08:30:00Z"), Duration.ofMinutes(45), null));
    }

    @Test
    void everyValueThatDoesNotFitIsNamedOnItsOwnInput() {
        assertThat(problems(LeadAction.SCHEDULE, Map.of("time", "25:00", "minutes", "3", "title", "x".repeat(151))))
                .containsEntry("date", "Pick a day.")
                .containsEntry("time", "Give a time like 15:00.")
                .containsEntry("minutes", "Give a whole number from 5 to 480.")
                .containsEntry("title", "At most 150 characters, please.");
        assertThat(problems(LeadAction.SCHEDULE, Map.of("date", "tomorrow", "time", "10:00"))).containsOnlyKeys("date");
        assertThat(problems(LeadAction.SCHEDULE, Map.of("date", "2026-12-01", "time", "10:00 PM"))).as("not read as 10:00").containsOnlyKeys("time");
        assertThat(problems(LeadAction.CONVERT, Map.of("account", "Acme\u0000Corp", "opportunity", "ab\ud800cd")))
                .containsEntry("account", "This text contains a NUL character (at position 4).").containsKey("opportunity");
        assertThat(problems(LeadAction.DISQUALIFY, Map.of("reason", "Bored", "note", "n"))).containsExactly(Map.entry("reason", "Pick a reason to disqualify."));
        assertThat(problems(LeadAction.LOG_CONTACT, Map.of("channel", "call", "reached", "maybe"))).containsOnlyKeys("reached");
    }

    @Test
    void aContactChannelThatIsNotOursIsRefusedOnEveryPlatformAlikeNotTakenForACall() {
        assertThat(problems(LeadAction.LOG_CONTACT, Map.of("channel", "carrier-pigeon"))).containsEntry("channel", LeadForms.CHANNEL_HINT);
        assertThat(command(LeadAction.LOG_CONTACT, Map.of("channel", "linkedin", "reached", "true", "note", "Spoke")))
                .isEqualTo(new ChatCommand.Contacted("L-7", ContactChannel.LINKEDIN, true, "Spoke"));
        assertThat(command(LeadAction.LOG_CONTACT, Map.of("channel", "email"))).isEqualTo(new ChatCommand.Contacted("L-7", ContactChannel.EMAIL, false, null));
    }

    @Test
    void aButtonWithoutAFormIsItsCommandAndHasNoForm() {
        assertThat(command(LeadAction.CLAIM, Map.of("anything", "ignored"))).isEqualTo(new ChatCommand.Claim("L-7"));
        assertThat(command(LeadAction.RELEASE, Map.of())).isEqualTo(new ChatCommand.Release("L-7"));
        assertThatThrownBy(() -> forms.form(LeadAction.CLAIM, "L-7", BERLIN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(command(LeadAction.CONVERT, Map.of("account", " ", "opportunity", "Pilot")))
                .isEqualTo(new ChatCommand.Convert("L-7", java.util.Optional.empty(), java.util.Optional.of("Pilot")));
    }

    @Test
    void anAssignFormPicksARepByEmailWithAnOptionalReason() {
        FormSpec form = forms.form(LeadAction.ASSIGN, "L-7", BERLIN);
        assertThat(form.inputs()).extracting(FormSpec.Input::id).containsExactly("rep", "reason");
        assertThat(command(LeadAction.ASSIGN, Map.of("rep", "jane@example.com", "reason", " Covering ")))
                .isEqualTo(new ChatCommand.Assign("L-7", "jane@example.com", "Covering"));
        assertThat(problems(LeadAction.ASSIGN, Map.of("rep", "someone@example.com"))).containsExactly(Map.entry("rep", LeadForms.REP_HINT));
        assertThat(LeadAction.ASSIGN.managerOnly()).isTrue();
        assertThat(LeadAction.ASSIGN.ownerOnly()).isFalse();
    }

    private ChatCommand command(LeadAction action, Map<String, String> values) {
        LeadForms.Read read = forms.read(action, "L-7", values, BERLIN);
        assertThat(read).isInstanceOf(LeadForms.Read.Command.class);
        return ((LeadForms.Read.Command) read).command();
    }

    private Map<String, String> problems(LeadAction action, Map<String, String> values) {
        LeadForms.Read read = forms.read(action, "L-7", values, BERLIN);
        assertThat(read).isInstanceOf(LeadForms.Read.Invalid.class);
        return ((LeadForms.Read.Invalid) read).problems();
    }
}
