package dev.leadline.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.qualification.ContactChannel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {
    @Test
    void slackSlashCommandsAndTeamsMessagesReadTheSame() {
        assertThat(CommandParser.parse("leads")).isEqualTo(new ChatCommand.ListLeads("mine"));
        assertThat(CommandParser.parse("/leads  overdue ")).isEqualTo(new ChatCommand.ListLeads("overdue"));
        assertThat(CommandParser.parse("leads queue Inbound")).isEqualTo(new ChatCommand.ListLeads("queue Inbound"));
        assertThat(CommandParser.parse("lead L-42")).isEqualTo(new ChatCommand.Show("L-42"));
        assertThat(CommandParser.parse("lead claim L-42")).isEqualTo(new ChatCommand.Claim("L-42"));
        assertThat(CommandParser.parse("claim L-42")).isEqualTo(new ChatCommand.Claim("L-42"));
        assertThat(CommandParser.parse("/lead Release 42")).isEqualTo(new ChatCommand.Release("42"));
    }

    @Test
    void roomOpensOneForALeadAndLogIsSwitchedInTheRoomOrForALead() {
        assertThat(CommandParser.parse("lead room L-42")).isEqualTo(new ChatCommand.Room("L-42"));
        assertThat(CommandParser.parse("room 42")).isEqualTo(new ChatCommand.Room("42"));
        assertThat(CommandParser.parse("/lead room log on")).isEqualTo(new ChatCommand.RoomLog(null, true));
        assertThat(CommandParser.parse("lead room L-42 log OFF")).isEqualTo(new ChatCommand.RoomLog("L-42", false));
        assertThat(CommandParser.parse("lead room log maybe")).isInstanceOf(ChatCommand.Unreadable.class);
        assertThat(CommandParser.parse("lead room")).isInstanceOf(ChatCommand.Unreadable.class);
    }

    @Test
    void verbsTakeTheirArguments() {
        assertThat(CommandParser.parse("lead contacted L-1 linkedin reached Spoke to the CFO"))
                .isEqualTo(new ChatCommand.Contacted("L-1", ContactChannel.LINKEDIN, true, "Spoke to the CFO"));
        assertThat(CommandParser.parse("lead contacted L-1 left a voicemail"))
                .isEqualTo(new ChatCommand.Contacted("L-1", ContactChannel.CALL, false, "left a voicemail"));
        assertThat(CommandParser.parse("lead disqualify L-1 No budget - maybe Q3")).isEqualTo(new ChatCommand.Said(ChatCommand.Said.Verb.DISQUALIFY, "L-1", "No budget - maybe Q3"));
        assertThat(CommandParser.parse("lead schedule L-1 tomorrow 15:00 45 Demo")).isEqualTo(new ChatCommand.Said(ChatCommand.Said.Verb.SCHEDULE, "L-1", "tomorrow 15:00 45 Demo"));
        assertThat(CommandParser.parse("lead convert L-1 account Acme GmbH opportunity Acme pilot"))
                .isEqualTo(new ChatCommand.Convert("L-1", Optional.of("Acme GmbH"), Optional.of("Acme pilot")));
        assertThat(CommandParser.parse("lead convert L-1")).isEqualTo(new ChatCommand.Convert("L-1", Optional.empty(), Optional.empty()));
        assertThat(CommandParser.parse("lead assign L-1 @jane@example.com")).isEqualTo(new ChatCommand.Assign("L-1", "jane@example.com"));
        assertThat(CommandParser.parse("lead note L-1 called back, no answer")).isEqualTo(new ChatCommand.Note("L-1", "called back, no answer"));
        assertThat(CommandParser.parse("lead nurture L-1 check-back-90")).isEqualTo(new ChatCommand.Nurture("L-1", "check-back-90"));
        assertThat(CommandParser.parse("lead nurture stop L-1")).isEqualTo(new ChatCommand.Nurture("L-1", null));
        assertThat(CommandParser.parse("lead nurture L-1")).isInstanceOf(ChatCommand.Unreadable.class);
    }

    @Test
    void unreadableInputSaysWhatWasWrong() {
        assertThat(CommandParser.parse("lead frobnicate L-1")).isInstanceOfSatisfying(ChatCommand.Unreadable.class,
                u -> assertThat(u.problem()).contains("'frobnicate' is not a verb"));
        assertThat(CommandParser.parse("lead disqualify L-1")).isInstanceOfSatisfying(ChatCommand.Unreadable.class,
                u -> assertThat(u.problem()).contains("disqualify <lead> <reason>"));
        assertThat(CommandParser.parse("lead convert L-1 to a customer")).isInstanceOf(ChatCommand.Unreadable.class);
        assertThat(CommandParser.parse("")).isInstanceOf(ChatCommand.Help.class);
        assertThat(CommandParser.parse("lead why L-1")).isEqualTo(new ChatCommand.Why("L-1"));
        assertThat(CommandParser.parse("why")).isInstanceOfSatisfying(ChatCommand.Unreadable.class,
                u -> assertThat(u.problem()).contains("why <lead>"));
        assertThat(CommandParser.parse("/pause")).isEqualTo(new ChatCommand.Pause());
        assertThat(CommandParser.parse("resume")).isEqualTo(new ChatCommand.Resume());
        assertThat(CommandParser.parse("/lead console")).isEqualTo(new ChatCommand.Console());
        assertThat(CommandParser.parse("console")).isEqualTo(new ChatCommand.Console());
    }

    @Test
    void aListTypedAfterTheLeadCommandIsAListAndHelpAfterTheListCommandIsHelp() {
        assertThat(CommandParser.parse("lead leads mine")).isEqualTo(new ChatCommand.ListLeads("mine"));
        assertThat(CommandParser.parse("leads help")).isEqualTo(new ChatCommand.Help());
    }
}
