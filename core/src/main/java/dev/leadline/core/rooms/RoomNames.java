package dev.leadline.core.rooms;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import java.text.Normalizer;
import java.util.Locale;

/** A room's name: {@code lead-l-42-acme}, lowercase, only {@code [a-z0-9-_]}, at most 80 characters. */
public final class RoomNames {
    public static final int MAX = 80;

    private RoomNames() {}

    public static String of(Lead lead) {
        String base = "lead-" + lead.id().toString().toLowerCase(Locale.ROOT);
        String company = lead.data().get(LeadField.COMPANY).or(() -> lead.data().get(LeadField.LAST_NAME)).map(RoomNames::slug).orElse("");
        return fit(company.isEmpty() ? base : base + "-" + company, MAX);
    }

    /** {@code name} with {@code suffix} ({@code -2}) kept within {@code max} characters. */
    public static String withSuffix(String name, String suffix, int max) {
        return fit(name, max - suffix.length()) + suffix;
    }

    private static String slug(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return plain.replaceAll("[^a-z0-9_]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String fit(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max).replaceAll("-+$", "");
    }
}
