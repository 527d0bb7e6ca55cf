package dev.leadline.core.chat;

import dev.leadline.core.qualification.ContactChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the chat grammar. Slack sends {@code leads ...} or {@code lead ...} from its slash commands;
 * Teams sends the same words as a message (mention stripped, a leading slash allowed). After
 * {@code lead}, a verb or a lead reference; the verbs also work on their own ({@code claim L-42}).
 */
public final class CommandParser {
    private CommandParser() {}

    public static ChatCommand parse(String input) {
        String text = input == null ? "" : input.strip().replaceAll("\\s+", " ");
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        String[] words = text.isEmpty() ? new String[0] : text.split(" ");
        if (words.length == 0) {
            return new ChatCommand.Help();
        }
        if (words.length > 1 && words[0].equalsIgnoreCase("lead") && words[1].equalsIgnoreCase("leads")) {
            words = rest(words, 1); // "/lead leads mine": a list typed after the lead command
        }
        String first = words[0].toLowerCase(Locale.ROOT);
        if (first.equals("leads")) {
            if (words.length == 2 && words[1].matches("(?i)help|\\?")) {
                return new ChatCommand.Help();
            }
            if (words.length == 2 && words[1].equalsIgnoreCase("stats")) {
                return new ChatCommand.Stats();
            }
            if (words.length == 2 && words[1].equalsIgnoreCase("report")) {
                return new ChatCommand.Report();
            }
            return words.length == 1 ? new ChatCommand.ListLeads("mine") : new ChatCommand.ListLeads(String.join(" ", rest(words, 1)));
        }
        if (first.equals("lead")) {
            if (words.length == 1) {
                return new ChatCommand.Help();
            }
            String[] after = rest(words, 1);
            Optional<ChatCommand> verb = verb(after, input);
            return verb.orElseGet(() -> after.length == 1 ? new ChatCommand.Show(after[0])
                    : unreadable(input, "'" + after[0] + "' is not a verb I know"));
        }
        String[] said = words;
        return verb(said, input).orElseGet(() -> unreadable(input, "'" + said[0] + "' is not a command I know"));
    }

    private static Optional<ChatCommand> verb(String[] words, String input) {
        String verb = words[0].toLowerCase(Locale.ROOT);
        String[] args = rest(words, 1);
        return Optional.ofNullable(switch (verb) {
            case "help", "?" -> new ChatCommand.Help();
            case "show" -> needs(args, 1, input, "show <lead>", () -> new ChatCommand.Show(args[0]));
            case "claim" -> needs(args, 1, input, "claim <lead>", () -> new ChatCommand.Claim(args[0]));
            case "release" -> needs(args, 1, input, "release <lead>", () -> new ChatCommand.Release(args[0]));
            case "contacted", "contact" -> needs(args, 1, input, "contacted <lead> [call|email|linkedin] [note]", () -> contacted(args));
            case "qualify" -> needs(args, 1, input, "qualify <lead> [note]", () -> new ChatCommand.Qualify(args[0], text(args, 1)));
            case "disqualify" -> needs(args, 2, input, "disqualify <lead> <reason>",
                    () -> new ChatCommand.Said(ChatCommand.Said.Verb.DISQUALIFY, args[0], text(args, 1)));
            case "schedule" -> needs(args, 2, input, "schedule <lead> <when> [minutes] [title]",
                    () -> new ChatCommand.Said(ChatCommand.Said.Verb.SCHEDULE, args[0], text(args, 1)));
            case "convert" -> needs(args, 1, input, "convert <lead> [account <name>] [opportunity <name>]", () -> convert(args));
            case "unconvert" -> needs(args, 1, input, "unconvert <lead>", () -> new ChatCommand.Unconvert(args[0]));
            case "note" -> needs(args, 2, input, "note <lead> <text>", () -> new ChatCommand.Note(args[0], text(args, 1)));
            case "assign" -> needs(args, 2, input, "assign <lead> <rep email or queue>",
                    () -> new ChatCommand.Assign(args[0], text(args, 1).replaceFirst("^@", "")));
            case "merge" -> merge(args, input);
            case "unmerge" -> needs(args, 1, input, "unmerge <lead>", () -> new ChatCommand.Unmerge(args[0]));
            case "why" -> needs(args, 1, input, "why <lead>", () -> new ChatCommand.Why(args[0]));
            case "nurture" -> args.length >= 1 && args[0].equalsIgnoreCase("stop")
                    ? needs(args, 2, input, "nurture stop <lead>", () -> new ChatCommand.Nurture(args[1], null))
                    : needs(args, 2, input, "nurture <lead> <cadence>", () -> new ChatCommand.Nurture(args[0], args[1]));
            case "room" -> room(args, input);
            case "handoff", "hand-off" -> args.length >= 1 && args[0].equalsIgnoreCase("take")
                    ? needs(args, 2, input, "handoff take <lead>", () -> new ChatCommand.Handoff(args[1], null))
                    : needs(args, 2, input, "handoff <lead> <queue>", () -> new ChatCommand.Handoff(args[0], text(args, 1)));
            case "pause" -> new ChatCommand.Pause();
            case "console" -> new ChatCommand.Console();
            case "resume", "unpause" -> new ChatCommand.Resume();
            default -> null;
        });
    }

    /** {@code merge <lead> [<lead> ...] into <lead>}. */
    private static ChatCommand merge(String[] args, String input) {
        int into = Arrays.asList(args).indexOf("into");
        if (into < 1 || into != args.length - 2) {
            return unreadable(input, "write it as: merge <lead> [<lead> ...] into <lead>, e.g. merge L-1002 into L-1001");
        }
        return new ChatCommand.Merge(List.of(Arrays.copyOfRange(args, 0, into)), args[into + 1]);
    }

    /** {@code room <lead>}, {@code room log on|off} (in the room) or {@code room <lead> log on|off}. */
    private static ChatCommand room(String[] args, String input) {
        int log = Arrays.asList(args).indexOf("log");
        if (log >= 0 && log <= 1 && args.length == log + 2 && args[log + 1].matches("(?i)on|off")) {
            return new ChatCommand.RoomLog(log == 1 ? args[0] : null, args[log + 1].equalsIgnoreCase("on"));
        }
        return args.length == 1 ? new ChatCommand.Room(args[0])
                : unreadable(input, "write it as: room <lead>, or room log on|off in the room");
    }

    private static ChatCommand contacted(String[] args) {
        ContactChannel channel = ContactChannel.CALL;
        int next = 1;
        if (args.length > 1) {
            Optional<ContactChannel> named = Arrays.stream(ContactChannel.values())
                    .filter(c -> c.name().equalsIgnoreCase(args[1])).findFirst();
            if (named.isPresent()) {
                channel = named.get();
                next = 2;
            }
        }
        boolean reached = args.length > next && args[next].equalsIgnoreCase("reached");
        return new ChatCommand.Contacted(args[0], channel, reached, text(args, reached ? next + 1 : next));
    }

    private static ChatCommand convert(String[] args) {
        String rest = text(args, 1);
        String lower = rest.toLowerCase(Locale.ROOT);
        int opportunity = lower.indexOf("opportunity ");
        String accountPart = opportunity >= 0 ? rest.substring(0, opportunity).strip() : rest;
        Optional<String> account = accountPart.toLowerCase(Locale.ROOT).startsWith("account ")
                ? Optional.of(accountPart.substring("account ".length()).strip()).filter(s -> !s.isEmpty()) : Optional.empty();
        Optional<String> opp = opportunity >= 0 ? Optional.of(rest.substring(opportunity + "opportunity ".length()).strip())
                .filter(s -> !s.isEmpty()) : Optional.empty();
        if (account.isEmpty() && opportunity < 0 && !rest.isEmpty()) {
            return unreadable("convert " + String.join(" ", args), "after the lead, write account <name> and/or opportunity <name>");
        }
        return new ChatCommand.Convert(args[0], account, opp);
    }

    private static ChatCommand needs(String[] args, int count, String input, String usage, java.util.function.Supplier<ChatCommand> command) {
        return args.length < count ? unreadable(input, "write it as: " + usage) : command.get();
    }

    private static ChatCommand.Unreadable unreadable(String input, String problem) {
        return new ChatCommand.Unreadable(input == null ? "" : input.strip(), problem);
    }

    private static String[] rest(String[] words, int from) {
        return Arrays.copyOfRange(words, Math.min(from, words.length), words.length);
    }

    private static String text(String[] args, int from) {
        return String.join(" ", rest(args, from)).strip();
    }
}
