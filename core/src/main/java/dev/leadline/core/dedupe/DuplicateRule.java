package dev.leadline.core.dedupe;

import dev.leadline.core.common.ValidationException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One duplicate rule: at which checkpoints, against which records (leads or contacts), from which
 * match score, and what to do.
 */
public record DuplicateRule(String name, Against against, Set<Checkpoint> at, DuplicateAction action, double threshold) {
    /** The records a rule compares a lead with. */
    public enum Against { LEADS, CONTACTS }

    public DuplicateRule {
        at = Set.copyOf(at);
    }

    public boolean appliesAt(Checkpoint checkpoint) {
        return at.contains(checkpoint);
    }

    /**
     * A rule as configured; {@code where} names it in errors ({@code duplicates.rules[1]}).
     *
     * @param at checkpoints ({@code api form import conversion}); empty: where it makes sense (leads at
     *           intake, contacts everywhere)
     * @throws ValidationException naming the setting that is wrong
     */
    public static DuplicateRule of(String name, String against, List<String> at, String action, Double threshold, String where) {
        Against records = parse(Against.class, against == null ? "leads" : against, where + ".against", "leads or contacts");
        DuplicateAction act = parse(DuplicateAction.class, action, where + ".action", "allow, flag, alert, block or merge");
        Set<Checkpoint> points = EnumSet.noneOf(Checkpoint.class);
        for (String point : at == null ? List.<String>of() : at) {
            points.add(parse(Checkpoint.class, point, where + ".at", "api, form, import or conversion"));
        }
        if (points.isEmpty()) {
            points = records == Against.LEADS ? EnumSet.of(Checkpoint.API, Checkpoint.FORM, Checkpoint.IMPORT) : EnumSet.allOf(Checkpoint.class);
        }
        if (records == Against.LEADS && points.contains(Checkpoint.CONVERSION)) {
            throw new ValidationException(where + ".at", "conversion checks the lead against contacts; use against: contacts");
        }
        if (act == DuplicateAction.MERGE && records == Against.CONTACTS && !points.equals(EnumSet.of(Checkpoint.CONVERSION))) {
            throw new ValidationException(where + ".action", "a lead merges into a contact only at conversion; use at: [conversion]");
        }
        double from = threshold == null ? LeadMatcher.THRESHOLD : threshold;
        if (from < LeadMatcher.THRESHOLD || from > 1) {
            throw new ValidationException(where + ".threshold", "must be between " + LeadMatcher.THRESHOLD + " and 1, got " + from);
        }
        String label = name == null || name.isBlank() ? records.name().toLowerCase(Locale.ROOT) + "-" + act.name().toLowerCase(Locale.ROOT) : name.strip();
        return new DuplicateRule(label, records, points, act, from);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String where, String expected) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(where, "must be " + expected + ", got '" + text + "'");
        }
    }
}
