package dev.leadline.core.dedupe;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The survivor's data after a merge, field by field: the lead chosen for that field; by default the
 * principal's value when it has one, else the newest lead's that has one. The external id is an
 * identity, not a value: the survivor keeps its own.
 */
public final class MergeFields {
    private static final String CUSTOM = "custom.";

    private MergeFields() {}

    /** The merged data and, for every field it has, the lead it came from. */
    public record Combined(LeadData data, Map<String, LeadId> sources) {}

    /**
     * @param choices field name ({@code email}, {@code custom.plan}) → the lead whose value to take,
     *                even when that lead has none
     * @throws ValidationException for a field that does not exist or a lead not in the merge
     */
    public static Combined combine(Lead principal, List<Lead> others, Map<String, LeadId> choices) {
        List<Lead> all = new ArrayList<>();
        all.add(principal);
        others.stream().sorted(Comparator.comparing(Lead::createdAt).reversed()).forEach(all::add);
        check(all, choices);
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        Map<String, String> custom = new LinkedHashMap<>();
        Map<String, LeadId> sources = new LinkedHashMap<>();
        for (LeadField field : LeadField.values()) {
            Optional<Lead> from = field == LeadField.EXTERNAL_ID ? Optional.of(principal)
                    : source(all, choices.get(field.jsonName()), l -> l.data().getOrNull(field));
            from.flatMap(l -> l.data().get(field)).ifPresent(value -> {
                fields.put(field, value);
                sources.put(field.jsonName(), from.get().id());
            });
        }
        Set<String> customNames = new LinkedHashSet<>();
        all.forEach(l -> customNames.addAll(l.data().customFields().keySet()));
        for (String name : customNames) {
            Optional<Lead> from = source(all, choices.get(CUSTOM + name), l -> l.data().customFields().get(name));
            from.map(l -> l.data().customFields().get(name)).ifPresent(value -> {
                custom.put(name, value);
                sources.put(CUSTOM + name, from.get().id());
            });
        }
        return new Combined(new LeadData(fields, custom), sources);
    }

    private static Optional<Lead> source(List<Lead> all, LeadId chosen, java.util.function.Function<Lead, String> value) {
        if (chosen != null) {
            return all.stream().filter(l -> l.id().equals(chosen)).findFirst();
        }
        return all.stream().filter(l -> {
            String v = value.apply(l);
            return v != null && !v.isBlank();
        }).findFirst();
    }

    private static void check(List<Lead> all, Map<String, LeadId> choices) {
        Set<LeadId> ids = new LinkedHashSet<>(all.stream().map(Lead::id).toList());
        choices.forEach((name, lead) -> {
            boolean custom = name.startsWith(CUSTOM) && name.length() > CUSTOM.length();
            if (!custom && LeadField.byName(name).isEmpty()) {
                throw new ValidationException("fields." + name, "is not a lead field (custom fields are named custom.<name>)");
            }
            if (LeadField.byName(name).filter(f -> f == LeadField.EXTERNAL_ID).isPresent()) {
                throw new ValidationException("fields." + name, "is the lead's identity; the surviving lead keeps its own");
            }
            if (!ids.contains(lead)) {
                throw new ValidationException("fields." + name, lead + " is not one of the leads being merged " + ids);
            }
        });
    }
}
