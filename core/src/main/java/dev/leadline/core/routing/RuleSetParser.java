package dev.leadline.core.routing;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a rule set as written (a tree of maps, lists and strings, from JSON or YAML):
 * <pre>
 * entries:
 *   - name: Enterprise North America
 *     when: {all: [{field: country, op: country, values: [US, CA]}, {field: employeeCount, op: ge, value: 1000}]}
 *     to: {queue: Enterprise}          # or {rep: email}, {accountOwner: true}, {keepOwner: true}
 *     notify: Managers                 # also post to this queue's channels
 *     doNotReassign: true
 *     sla: Inbound                     # run this queue's SLA policy
 *     room: {invite: [mia@example.com]} # open a room for the lead (or room: true)
 * default: {queue: Inbound}
 * </pre>
 * Every problem is reported with where it stands ({@code entries[2].when.any[0].op}); a rule set with
 * any problem is refused whole.
 */
public final class RuleSetParser {
    private static final Set<String> ENTRY_KEYS = Set.of("name", "when", "to", "notify", "doNotReassign", "sla", "room");
    private static final Set<String> CONDITION_KEYS = Set.of("field", "op", "value", "values");
    private final TeamService team;

    public RuleSetParser(TeamService team) {
        this.team = team;
    }

    /**
     * @throws ValidationException listing every problem
     */
    public RuleSet parse(String purpose, Map<String, Object> document, int version, java.time.Instant at, String by) {
        List<FieldError> problems = new ArrayList<>();
        if (purpose == null || !RuleSet.PURPOSES.contains(purpose)) {
            problems.add(new FieldError("purpose", "'" + purpose + "' is not a purpose; use one of " + new java.util.TreeSet<>(RuleSet.PURPOSES)));
        }
        for (String key : document.keySet()) {
            if (!Set.of("entries", "default", "purpose").contains(key)) {
                problems.add(new FieldError(key, "is not part of a rule set (entries, default)"));
            }
        }
        List<RuleEntry> entries = new ArrayList<>();
        Object listed = document.get("entries");
        if (listed != null && !(listed instanceof List<?>)) {
            problems.add(new FieldError("entries", "must be a list"));
        } else if (listed != null) {
            Set<String> names = new HashSet<>();
            List<?> list = (List<?>) listed;
            for (int i = 0; i < list.size(); i++) {
                entry(list.get(i), "entries[" + i + "]", names, problems).ifPresent(entries::add);
            }
        }
        Optional<Target> fallthrough = Optional.empty();
        if (document.get("default") == null) {
            problems.add(new FieldError("default", "is required, so that no lead is left unrouted: e.g. {queue: Inbound}"));
        } else {
            fallthrough = collect(problems, () -> target(document.get("default"), "default"));
            fallthrough.filter(t -> t instanceof Target.AccountOwner || t instanceof Target.KeepOwner).ifPresent(t ->
                    problems.add(new FieldError("default", "must be a rep or a queue (it catches every lead the entries leave)")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new RuleSet(purpose, version, entries, new RuleEntry("default", Criterion.ALWAYS, fallthrough.orElseThrow(), null, false, null),
                document, at, by);
    }

    private Optional<RuleEntry> entry(Object node, String where, Set<String> names, List<FieldError> problems) {
        if (!(node instanceof Map<?, ?> map)) {
            problems.add(new FieldError(where, "must be an entry with name, when and to"));
            return Optional.empty();
        }
        int before = problems.size();
        map.keySet().stream().map(String::valueOf).filter(k -> !ENTRY_KEYS.contains(k))
                .forEach(k -> problems.add(new FieldError(where + "." + k, "is not part of an entry (" + String.join(", ", new java.util.TreeSet<>(ENTRY_KEYS)) + ")")));
        String name = map.get("name") == null ? null : String.valueOf(map.get("name")).strip();
        if (name == null || name.isEmpty() || name.length() > 200) {
            problems.add(new FieldError(where + ".name", "is required (1-200 characters)"));
        } else if (!names.add(name)) {
            problems.add(new FieldError(where + ".name", "'" + name + "' is used by an earlier entry; names must be unique"));
        }
        Optional<Criterion> when = map.get("when") == null ? Optional.of(Criterion.ALWAYS)
                : collect(problems, () -> criterion(map.get("when"), where + ".when"));
        Optional<Target> to = map.get("to") == null ? Optional.empty() : collect(problems, () -> target(map.get("to"), where + ".to"));
        if (map.get("to") == null) {
            problems.add(new FieldError(where + ".to", "is required: {queue: name}, {rep: email}, {accountOwner: true} or {keepOwner: true}"));
        }
        Optional<Long> notify = optionalQueue(map.get("notify"), where + ".notify", problems);
        Optional<Long> sla = optionalQueue(map.get("sla"), where + ".sla", problems);
        Object doNotReassign = map.get("doNotReassign");
        if (doNotReassign != null && !(doNotReassign instanceof Boolean)) {
            problems.add(new FieldError(where + ".doNotReassign", "must be true or false"));
        }
        Optional<RuleEntry.Room> room = map.get("room") == null ? Optional.empty() : collect(problems, () -> room(map.get("room"), where + ".room"))
                .flatMap(Optional::ofNullable);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new RuleEntry(name, when.orElseThrow(), to.orElseThrow(), notify.orElse(null), Boolean.TRUE.equals(doNotReassign),
                sla.orElse(null), room.orElse(null)));
    }

    /** {@code true}, {@code false} (none), or {@code {invite: [emails]}}. */
    private RuleEntry.Room room(Object node, String where) {
        if (node instanceof Boolean on) {
            return on ? new RuleEntry.Room(List.of()) : null;
        }
        if (!(node instanceof Map<?, ?> map) || !Set.of("invite").containsAll(map.keySet().stream().map(String::valueOf).toList())
                || map.get("invite") != null && !(map.get("invite") instanceof List<?>)) {
            throw new ValidationException(where, "must be true, or {invite: [rep emails]}");
        }
        List<?> emails = map.get("invite") == null ? List.of() : (List<?>) map.get("invite");
        List<Long> invite = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            invite.add(rep(String.valueOf(emails.get(i)), where + ".invite[" + i + "]").id());
        }
        return new RuleEntry.Room(invite);
    }

    private Optional<Long> optionalQueue(Object node, String where, List<FieldError> problems) {
        if (node == null) {
            return Optional.empty();
        }
        return collect(problems, () -> queue(String.valueOf(node), where).id());
    }

    private Criterion criterion(Object node, String where) {
        if (!(node instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new ValidationException(where, "must be a condition {field, op, value} or {all: [...]}, {any: [...]}, {not: {...}}");
        }
        if (map.size() == 1 && (map.containsKey("all") || map.containsKey("any"))) {
            String kind = map.containsKey("all") ? "all" : "any";
            if (!(map.get(kind) instanceof List<?> list) || list.isEmpty()) {
                throw new ValidationException(where + "." + kind, "must be a non-empty list of conditions");
            }
            List<Criterion> parts = new ArrayList<>();
            List<FieldError> problems = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                int index = i;
                collect(problems, () -> criterion(list.get(index), where + "." + kind + "[" + index + "]")).ifPresent(parts::add);
            }
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            return kind.equals("all") ? new Criterion.All(parts) : new Criterion.Any(parts);
        }
        if (map.size() == 1 && map.containsKey("not")) {
            return new Criterion.Not(criterion(map.get("not"), where + ".not"));
        }
        for (Object key : map.keySet()) {
            if (!CONDITION_KEYS.contains(String.valueOf(key))) {
                throw new ValidationException(where + "." + key, "is not part of a condition (field, op, value or values; or all, any, not alone)");
            }
        }
        if (map.containsKey("value") && map.containsKey("values")) {
            throw new ValidationException(where, "give value or values, not both");
        }
        List<String> values = new ArrayList<>();
        Object given = map.containsKey("values") ? map.get("values") : map.get("value");
        if (given instanceof List<?> list) {
            list.forEach(v -> values.add(v == null ? null : String.valueOf(v)));
        } else if (given != null) {
            values.add(String.valueOf(given));
        }
        return Conditions.of(map.get("field") == null ? null : String.valueOf(map.get("field")),
                map.get("op") == null ? "eq" : String.valueOf(map.get("op")), values, where);
    }

    private Target target(Object node, String where) {
        if (!(node instanceof Map<?, ?> map) || map.size() != 1) {
            throw new ValidationException(where, "must be one of {queue: name}, {rep: email}, {accountOwner: true}, {keepOwner: true}");
        }
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        String value = String.valueOf(only.getValue());
        return switch (String.valueOf(only.getKey())) {
            case "queue" -> new Target.ToQueue(queue(value, where + ".queue").id());
            case "rep" -> new Target.ToRep(rep(value, where + ".rep").id());
            case "accountOwner" -> new Target.AccountOwner();
            case "keepOwner" -> new Target.KeepOwner();
            default -> throw new ValidationException(where + "." + only.getKey(), "is not a target; use queue, rep, accountOwner or keepOwner");
        };
    }

    private LeadQueue queue(String name, String where) {
        return team.queueByName(name).orElseThrow(() -> new ValidationException(where, "no queue named '" + name + "'"));
    }

    private Rep rep(String email, String where) {
        return team.repByEmail(email).orElseThrow(() -> new ValidationException(where, "no rep with email '" + email + "'"));
    }

    private static <T> Optional<T> collect(List<FieldError> problems, java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ValidationException e) {
            problems.addAll(e.errors());
            return Optional.empty();
        }
    }
}
