package dev.leadline.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.tools.json.ContainerFactory;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.JSONValue;
import org.jooq.tools.json.ParseException;

/** Documents (maps, lists, strings, numbers, booleans) to and from JSON text, keeping key order. */
final class JsonTree {
    private static final ContainerFactory ORDERED = new ContainerFactory() {
        @Override
        public Map createObjectContainer() {
            return new LinkedHashMap<>();
        }

        @Override
        public List createArrayContainer() {
            return new ArrayList<>();
        }
    };

    private JsonTree() {}

    static String write(Object tree) {
        return JSONValue.toJSONString(tree);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readMap(String json) {
        try {
            return (Map<String, Object>) new JSONParser().parse(json, ORDERED);
        } catch (ParseException | ClassCastException e) {
            throw new IllegalStateException("stored JSON is not a document: " + json, e);
        }
    }
}
