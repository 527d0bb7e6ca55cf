package dev.leadline.core.chat;

import dev.leadline.core.notify.LeadAction;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form behind a card's button, defined once in core: Slack draws it as a modal, Teams as the
 * inputs of an Adaptive Card, Mattermost as an interactive dialog, and {@link #problems} checks what
 * comes back, whatever the platform. Values travel as text: a choice's value, a date as
 * {@code 2026-12-24}, a time as {@code 15:00}, a whole number, a toggle as {@code true} or {@code false}.
 */
public record FormSpec(LeadAction action, String leadId, String title, String submit, String intro, List<Input> inputs) {
    public FormSpec {
        inputs = List.copyOf(inputs);
    }

    /** One input of the form; {@code id} is the key of its value. */
    public sealed interface Input {
        String id();

        String label();

        boolean required();

        /** What is wrong with a given value (stripped, never empty), if anything. */
        Optional<String> problem(String value);

        /** What to say when a required value is missing. */
        default String missing() {
            return "Required.";
        }
    }

    /** A pick from a list; {@code hint} is said when the pick is missing or not one of the options. */
    public record Choice(String id, String label, boolean required, List<Option> options, String initial, String hint) implements Input {
        public Choice {
            options = List.copyOf(options);
        }

        @Override
        public Optional<String> problem(String value) {
            return options.stream().anyMatch(o -> o.value().equals(value)) ? Optional.empty() : Optional.of(hint);
        }

        @Override
        public String missing() {
            return hint;
        }
    }

    /** One option of a {@link Choice}: what is sent back, and what is shown. */
    public record Option(String value, String label) {}

    /** Free text, at most {@code maxLength} characters. */
    /** Free text; {@code initial} fills it in to start with (null: empty). */
    public record Text(String id, String label, boolean required, int maxLength, boolean multiline, String initial) implements Input {
        public Text(String id, String label, boolean required, int maxLength, boolean multiline) {
            this(id, label, required, maxLength, multiline, null);
        }

        @Override
        public Optional<String> problem(String value) {
            return value.length() > maxLength ? Optional.of("At most " + maxLength + " characters, please.") : Optional.empty();
        }
    }

    /** A day, shown with {@code initial} filled in. */
    public record Date(String id, String label, boolean required, LocalDate initial) implements Input {
        @Override
        public Optional<String> problem(String value) {
            try {
                LocalDate.parse(value);
                return Optional.empty();
            } catch (DateTimeParseException e) {
                return Optional.of("Give a day as YYYY-MM-DD, like " + initial + ".");
            }
        }

        @Override
        public String missing() {
            return "Pick a day.";
        }
    }

    /** A time of day in the rep's time zone. */
    public record Time(String id, String label, boolean required, LocalTime initial) implements Input {
        public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("H:mm");

        @Override
        public Optional<String> problem(String value) {
            return parse(value).isPresent() ? Optional.empty() : Optional.of("Give a time like 15:00.");
        }

        /** The time in a value: {@code 15:00}, {@code 9:30}, or with seconds as some clients send it; nothing else. */
        public static Optional<LocalTime> parse(String value) {
            if (!value.matches("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?")) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalTime.parse(value.substring(0, value.indexOf(':') + 3), FORMAT));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        @Override
        public String missing() {
            return "Pick a time.";
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    public record Number(String id, String label, boolean required, int min, int max, int initial) implements Input {
        @Override
        public Optional<String> problem(String value) {
            String whole = value.endsWith(".0") ? value.substring(0, value.length() - 2) : value;
            boolean fits = whole.matches("\\d{1,9}") && Integer.parseInt(whole) >= min && Integer.parseInt(whole) <= max;
            return fits ? Optional.empty() : Optional.of("Give a whole number from " + min + " to " + max + ".");
        }
    }

    /** Yes or no: {@code statement} is what is true when it is on, under the input's {@code label}. */
    public record Toggle(String id, String label, String statement) implements Input {
        @Override
        public boolean required() {
            return false;
        }

        @Override
        public Optional<String> problem(String value) {
            return value.equals("true") || value.equals("false") ? Optional.empty() : Optional.of("Yes or no.");
        }
    }

    /** The problems with the values, by input id in the form's order; empty when every value fits. Other keys are ignored. */
    public Map<String, String> problems(Map<String, String> values) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (Input input : inputs) {
            Optional<String> value = value(values, input.id());
            if (value.isEmpty()) {
                if (input.required()) {
                    problems.put(input.id(), input.missing());
                }
            } else {
                Optional<String> unreadable = dev.leadline.core.common.Text.problem(value.get()).map(p -> "This text " + p + ".");
                unreadable.or(() -> input.problem(value.get())).ifPresent(p -> problems.put(input.id(), p));
            }
        }
        return problems;
    }

    /** A value as given, stripped and composed (NFC); empty when missing or blank. */
    public static Optional<String> value(Map<String, String> values, String id) {
        return Optional.ofNullable(values.get(id)).map(String::strip).filter(v -> !v.isEmpty()).map(dev.leadline.core.common.Text::nfc);
    }

    /** Where a refusal of the whole form (the lead was claimed meanwhile, say) is shown: its first input. */
    public String firstInput() {
        return inputs.get(0).id();
    }
}
