package dev.leadline.core.nurture;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.team.WorkingHours;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a cadence as written (YAML or JSON, as a tree) and refuses, with every problem named by its
 * place ({@code steps[2].email.body}), what could not run: an unknown step or setting, a wait or due
 * that is not a number of days or hours, a condition on an unknown field, a merge template with a
 * syntax error or an unknown merge field (with its line).
 */
public final class CadenceParser {
    public static final int MAX_STEPS = 50;
    /** The send window of a cadence that names none. */
    public static final WorkingHours BUSINESS_HOURS = WorkingHours.parse("MON-FRI 09:00-17:00", "sendWindow");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern SPAN = Pattern.compile("(\\d{1,4})\\s*([dh])");
    private static final Set<String> OPS = Set.of("eq", "ne", "gt", "ge", "lt", "le", "empty", "not-empty");
    private static final Set<String> ORDERED = Set.of("gt", "ge", "lt", "le");
    private final MergeTemplates templates;

    public CadenceParser(MergeTemplates templates) {
        this.templates = templates;
    }

    /** Checks a cadence's name as used in its address ({@code /api/v1/cadences/{name}}). */
    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("name", "a cadence's name is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit");
        }
        return name;
    }

    /** The cadence {@code name} as the document writes it; version, time and author are left for the store. */
    public Cadence parse(String name, Map<String, Object> document) {
        name(name);
        List<FieldError> errors = new ArrayList<>();
        for (String key : document.keySet()) {
            if (!Set.of("name", "sendWindow", "steps", "enrol", "recycleScore").contains(key)) {
                errors.add(new FieldError(key, "unknown setting; a cadence has name, sendWindow, steps, enrol and recycleScore"));
            }
        }
        Object written = document.get("name");
        if (written != null && !name.equals(written)) {
            errors.add(new FieldError("name", "the body names '" + written + "' but the address names '" + name + "'"));
        }
        WorkingHours window = BUSINESS_HOURS;
        Object sendWindow = document.get("sendWindow");
        if (sendWindow != null) {
            try {
                window = WorkingHours.parse(text(sendWindow, "sendWindow"), "sendWindow");
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        List<Step> steps = new ArrayList<>();
        Object list = document.get("steps");
        if (!(list instanceof List<?> entries) || entries.isEmpty()) {
            errors.add(new FieldError("steps", "a cadence needs a list of at least one step"));
        } else if (entries.size() > MAX_STEPS) {
            errors.add(new FieldError("steps", "at most " + MAX_STEPS + " steps, not " + entries.size()));
        } else {
            for (int i = 0; i < entries.size(); i++) {
                try {
                    steps.add(step(entries.get(i), "steps[" + i + "]"));
                } catch (ValidationException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        List<Cadence.Trigger> triggers = new ArrayList<>();
        Object enrol = document.get("enrol");
        if (enrol != null && !(enrol instanceof List<?>)) {
            errors.add(new FieldError("enrol", "a list of when leads are enrolled by themselves, e.g. [{on: disqualified, reason: Bad timing}]"));
        } else if (enrol != null) {
            List<?> entries = (List<?>) enrol;
            for (int i = 0; i < entries.size(); i++) {
                try {
                    triggers.add(trigger(entries.get(i), "enrol[" + i + "]"));
                } catch (ValidationException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        Integer recycleScore = null;
        Object recycle = document.get("recycleScore");
        if (recycle != null) {
            if (recycle instanceof Integer score && score >= 1 && score <= 100) {
                recycleScore = score;
            } else {
                errors.add(new FieldError("recycleScore", "a score from 1 to 100: a lead that reaches it goes back to sales"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Cadence(name, window, steps, triggers, recycleScore, 0, null, null);
    }

    private static Cadence.Trigger trigger(Object entry, String at) {
        String on = entry instanceof Map<?, ?> m ? String.valueOf(m.get("on")) : "";
        switch (on) {
            case "disqualified": {
                Map<?, ?> settings = settings(entry, at, Set.of("on", "reason"));
                Object reason = settings.get("reason");
                if (reason != null && (!(reason instanceof String text) || text.isBlank() || text.length() > 200)) {
                    throw new ValidationException(at + ".reason", "a disqualify reason such as Bad timing (at most 200 characters)");
                }
                return new Cadence.Trigger(on, reason == null ? null : ((String) reason).strip(), null);
            }
            case "unreached": {
                Map<?, ?> settings = settings(entry, at, Set.of("on", "attempts"));
                if (!(settings.get("attempts") instanceof Integer attempts) || attempts < 1 || attempts > 50) {
                    throw new ValidationException(at + ".attempts", "how many contact attempts that reached no one: 1 to 50");
                }
                return new Cadence.Trigger(on, null, attempts);
            }
            default:
                throw new ValidationException(at + ".on", "disqualified (with an optional reason) or unreached (with attempts)");
        }
    }

    private Step step(Object entry, String at) {
        if (!(entry instanceof Map<?, ?> step) || step.size() != 1) {
            throw new ValidationException(at, "a step is one of email, wait, task, chat or branch, with its settings");
        }
        var only = step.entrySet().iterator().next();
        String kind = String.valueOf(only.getKey());
        Object settings = only.getValue();
        String here = at + "." + kind;
        return switch (kind) {
            case "email" -> {
                Map<?, ?> email = settings(settings, here, Set.of("subject", "body", "approval", "expires", "drafter"));
                String subject = template(email.get("subject"), here + ".subject", 200);
                String body = template(email.get("body"), here + ".body", 20_000);
                Object approval = email.get("approval");
                if (approval != null && !(approval instanceof Boolean)) {
                    throw new ValidationException(here + ".approval", "true or false");
                }
                java.time.Duration expires = null;
                if (Boolean.TRUE.equals(approval)) {
                    expires = Step.Email.DEFAULT_EXPIRY;
                    if (email.get("expires") != null) {
                        Matcher span = span(email.get("expires"), here + ".expires");
                        int amount = Integer.parseInt(span.group(1));
                        expires = span.group(2).equals("h") ? java.time.Duration.ofHours(amount) : java.time.Duration.ofDays(amount);
                        if (expires.compareTo(java.time.Duration.ofHours(1)) < 0 || expires.compareTo(java.time.Duration.ofDays(14)) > 0) {
                            throw new ValidationException(here + ".expires", "how long a draft waits for approval: 1h to 14d");
                        }
                    }
                } else if (email.get("expires") != null) {
                    throw new ValidationException(here + ".expires", "only with approval: true (how long a draft waits for its owner)");
                }
                Object drafter = email.get("drafter");
                if (drafter != null && (!(drafter instanceof String id) || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"))) {
                    throw new ValidationException(here + ".drafter", "the id of a drafter plugin's provider, e.g. openai-compatible");
                }
                if (drafter != null && !Boolean.TRUE.equals(approval)) {
                    throw new ValidationException(here + ".drafter", "a drafted email needs approval: true; a drafter never sends by itself");
                }
                yield new Step.Email(subject, body, Boolean.TRUE.equals(approval), expires, (String) drafter);
            }
            case "wait" -> {
                Matcher span = span(settings, here);
                int amount = Integer.parseInt(span.group(1));
                boolean hours = span.group(2).equals("h");
                if (amount < 1 || amount > (hours ? 720 : 365)) {
                    throw new ValidationException(here, hours ? "1 to 720 hours" : "1 to 365 days");
                }
                yield new Step.Wait(amount, hours);
            }
            case "task" -> {
                Map<?, ?> task = settings(settings, here, Set.of("title", "due"));
                String title = template(task.get("title"), here + ".title", 200);
                int due = 1;
                if (task.get("due") != null) {
                    Matcher span = span(task.get("due"), here + ".due");
                    if (span.group(2).equals("h") || Integer.parseInt(span.group(1)) > 365) {
                        throw new ValidationException(here + ".due", "a number of days, 0d to 365d");
                    }
                    due = Integer.parseInt(span.group(1));
                }
                yield new Step.Task(title, due);
            }
            case "chat" -> {
                Map<?, ?> chat = settings(settings, here, Set.of("text"));
                yield new Step.Chat(template(chat.get("text"), here + ".text", 2_000));
            }
            case "branch" -> {
                Map<?, ?> branch = settings(settings, here, Set.of("when", "then"));
                Step.Condition when = condition(branch.get("when"), here + ".when");
                Object then = branch.get("then");
                if (!"recycle".equals(then) && !"exit".equals(then)) {
                    throw new ValidationException(here + ".then", "recycle (back to routing) or exit");
                }
                yield new Step.Branch(when, (String) then);
            }
            default -> throw new ValidationException(at, "'" + kind + "' is not a step; a step is email, wait, task, chat or branch");
        };
    }

    private static Step.Condition condition(Object value, String at) {
        Map<?, ?> when = settings(value, at, Set.of("field", "op", "value"));
        String field = text(when.get("field"), at + ".field");
        if (!field.equals("score") && LeadField.byName(field).isEmpty()) {
            throw new ValidationException(at + ".field", "'" + field + "' is not score or a lead field (firstName, company, country, ...)");
        }
        String op = text(when.get("op"), at + ".op");
        if (!OPS.contains(op)) {
            throw new ValidationException(at + ".op", "'" + op + "' is not one of eq, ne, gt, ge, lt, le, empty, not-empty");
        }
        Object written = when.get("value");
        if (op.equals("empty") || op.equals("not-empty")) {
            if (written != null) {
                throw new ValidationException(at + ".value", op + " takes no value");
            }
            return new Step.Condition(field, op, null);
        }
        if (written == null || written instanceof Map || written instanceof List) {
            throw new ValidationException(at + ".value", op + " needs a value");
        }
        String text = String.valueOf(written);
        if ((field.equals("score") || ORDERED.contains(op)) && !text.matches("-?\\d{1,9}")) {
            throw new ValidationException(at + ".value", "'" + text + "' is not a whole number");
        }
        return new Step.Condition(field, op, text);
    }

    private String template(Object value, String at, int max) {
        String text = text(value, at);
        if (text.isBlank()) {
            throw new ValidationException(at, "must not be empty");
        }
        if (text.length() > max) {
            throw new ValidationException(at, "at most " + max + " characters");
        }
        templates.check(at, text);
        return text;
    }

    private static Map<?, ?> settings(Object value, String at, Set<String> known) {
        if (!(value instanceof Map<?, ?> settings)) {
            throw new ValidationException(at, "needs its settings: " + String.join(", ", new java.util.TreeSet<>(known)));
        }
        for (Object key : settings.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new ValidationException(at + "." + key, "unknown setting; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
        return settings;
    }

    private static Matcher span(Object value, String at) {
        Matcher span = SPAN.matcher(value == null ? "" : String.valueOf(value).strip());
        if (!span.matches()) {
            throw new ValidationException(at, "'" + value + "' is not a number of days or hours, such as 3d or 4h");
        }
        return span;
    }

    private static String text(Object value, String at) {
        if (!(value instanceof String text)) {
            throw new ValidationException(at, value == null ? "is required" : "must be text");
        }
        return text;
    }
}
