package dev.leadline.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents (maps, lists, strings, numbers, booleans) to and from the JSON text kept in LONGTEXT
 * columns, keeping key order. The one JSON codec of this module (Jackson).
 */
final class JsonTree {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<ArrayList<Object>> LIST = new TypeReference<>() {};

    private JsonTree() {}

    static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + tree, e);
        }
    }

    static Map<String, Object> readMap(String json) {
        try {
            Map<String, Object> map = MAPPER.readValue(json, MAP);
            if (map == null) {
                throw new IllegalStateException("stored JSON is not a document: " + json);
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a document: " + json, e);
        }
    }

    static List<Object> readList(String json) {
        try {
            List<Object> list = MAPPER.readValue(json, LIST);
            if (list == null) {
                throw new IllegalStateException("stored JSON is not a list: " + json);
            }
            return list;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a list: " + json, e);
        }
    }
}
