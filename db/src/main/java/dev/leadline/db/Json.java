package dev.leadline.db;

import java.util.LinkedHashMap;
import java.util.Map;

/** Flat string maps to and from the JSON text kept in LONGTEXT columns (empty maps as NULL). */
final class Json {
    private Json() {}

    static String write(Map<String, String> values) {
        return values == null || values.isEmpty() ? null : JsonTree.write(values);
    }

    static Map<String, String> read(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return values;
        }
        JsonTree.readMap(json).forEach((k, v) -> values.put(k, v == null ? null : String.valueOf(v)));
        return values;
    }
}
