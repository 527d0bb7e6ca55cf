package dev.leadline.db;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.tools.json.JSONObject;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/** Flat string maps to and from the JSON text kept in LONGTEXT columns. */
final class Json {
    private Json() {}

    static String write(Map<String, String> values) {
        return values == null || values.isEmpty() ? null : JSONObject.toJSONString(values);
    }

    static Map<String, String> read(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return values;
        }
        try {
            Object parsed = new JSONParser().parse(json);
            if (parsed instanceof Map<?, ?> map) {
                map.forEach((k, v) -> values.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            }
            return values;
        } catch (ParseException e) {
            throw new IllegalStateException("stored JSON is not readable: " + json, e);
        }
    }
}
