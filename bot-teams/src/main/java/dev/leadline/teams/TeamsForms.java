package dev.leadline.teams;

import dev.leadline.core.chat.ChatCommand;
import dev.leadline.core.qualification.ContactChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a card action ({@code Action.Execute} verb and its inputs) as a chat command, or says which
 * input is missing or wrong. Teams checks required inputs in the client too; this is the check that
 * counts.
 */
final class TeamsForms {
    private TeamsForms() {}

    /** The command, or the reason it cannot be one. */
    sealed interface Read {
        record Command(ChatCommand command) implements Read {}

        record Invalid(String problem) implements Read {}
    }

    static Read read(String verb, Map<String, String> data, java.time.ZoneId zone) {
        String lead = value(data, "lead").orElse(null);
        if (lead == null) {
            return new Read.Invalid("This card has no lead on it; ask again with `lead <id>`.");
        }
        switch (verb) {
            case "claim":
                return command(new ChatCommand.Claim(lead));
            case "qualify":
                return command(new ChatCommand.Qualify(lead, value(data, "note").orElse(null)));
            case "release":
                return command(new ChatCommand.Release(lead));
            case "disqualify":
                return value(data, "reason").<Read>map(reason -> command(new ChatCommand.Disqualify(lead, reason,
                        value(data, "note").orElse(null)))).orElse(new Read.Invalid("Pick a reason to disqualify."));
            case "schedule":
                return schedule(lead, data, zone);
            case "log-contact":
                Optional<ContactChannel> channel = value(data, "channel").flatMap(c -> Arrays.stream(ContactChannel.values())
                        .filter(v -> v.name().equalsIgnoreCase(c)).findFirst());
                return channel.<Read>map(c -> command(new ChatCommand.Contacted(lead, c, "true".equals(data.get("reached")),
                        value(data, "note").orElse(null)))).orElse(new Read.Invalid("Say how you contacted them: call, email, LinkedIn or other."));
            case "convert":
                return command(new ChatCommand.Convert(lead, value(data, "account"), value(data, "opportunity")));
            default:
                return new Read.Invalid("This button (" + verb + ") is not one I know; the card may be from an older version.");
        }
    }

    private static Read schedule(String lead, Map<String, String> data, java.time.ZoneId zone) {
        Optional<String> date = value(data, "date").filter(d -> d.matches("\\d{4}-\\d{2}-\\d{2}"));
        Optional<String> time = value(data, "time").filter(t -> t.matches("\\d{1,2}:\\d{2}"));
        if (date.isEmpty() || time.isEmpty()) {
            return new Read.Invalid("Pick the meeting's date and time.");
        }
        String minutes = value(data, "minutes").orElse("30");
        if (!minutes.matches("\\d{1,3}") || Integer.parseInt(minutes) < 5) {
            return new Read.Invalid("Give the length in minutes, 5 or more.");
        }
        java.time.Instant at = java.time.LocalDate.parse(date.get())
                .atTime(java.time.LocalTime.parse(time.get(), java.time.format.DateTimeFormatter.ofPattern("H:mm"))).atZone(zone).toInstant();
        return command(new ChatCommand.Schedule(lead, at, java.time.Duration.ofMinutes(Integer.parseInt(minutes)), value(data, "title").orElse(null)));
    }

    private static Read command(ChatCommand command) {
        return new Read.Command(command);
    }

    private static Optional<String> value(Map<String, String> data, String key) {
        return Optional.ofNullable(data.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
