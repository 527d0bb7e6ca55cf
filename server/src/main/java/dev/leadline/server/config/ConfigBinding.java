package dev.leadline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.leadline.core.common.FieldError;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds a parsed leadline.yml to {@link ConfigFile} one section (and one list item) at a time, so
 * that every unknown key and every value of the wrong kind is reported, in plain words, by its path.
 * A section or item that cannot be bound is left out; {@link #unbound} says which.
 */
final class ConfigBinding {
    private final ObjectMapper mapper;
    private final List<FieldError> problems = new ArrayList<>();
    private final List<String> unbound = new ArrayList<>();

    ConfigBinding(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The file's settings as far as they could be bound; null when its top-level checks refuse it even then. */
    ConfigFile bind(JsonNode root) {
        RecordComponent[] components = ConfigFile.class.getRecordComponents();
        Object[] values = new Object[components.length];
        TreeSet<String> known = new TreeSet<>();
        for (RecordComponent c : components) {
            known.add(c.getName());
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(new FieldError(name, "is not a setting of leadline.yml; the settings are " + String.join(", ", known)));
            }
        });
        for (int i = 0; i < components.length; i++) {
            JsonNode node = root.get(components[i].getName());
            if (node != null && !node.isNull()) {
                values[i] = section(components[i].getName(), mapper.constructType(components[i].getGenericType()), node);
            }
        }
        return construct(components, values);
    }

    List<FieldError> problems() {
        return problems;
    }

    /** Paths of the sections and list items left out because they could not be bound. */
    List<String> unbound() {
        return unbound;
    }

    private Object section(String path, JavaType type, JsonNode node) {
        if (!type.isCollectionLikeType()) {
            return value(path, type, node);
        }
        if (!node.isArray()) {
            problems.add(new FieldError(path, "must be a list (one '- ' line per item)"));
            unbound.add(path);
            return null;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Object item = value(path + "[" + i + "]", type.getContentType(), node.get(i));
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private Object value(String path, JavaType type, JsonNode node) {
        int before = problems.size();
        try {
            return mapper.readerFor(type).withHandler(new UnknownKeys(path)).readValue(node);
        } catch (MismatchedInputException e) {
            if (type.getRawClass().isRecord() && node.isObject()) {
                problems.subList(before, problems.size()).clear();
                eachField(path, type.getRawClass(), node);
            } else {
                problems.add(new FieldError(path + where(e), mustBe(e.getTargetType())));
            }
        } catch (JsonMappingException e) {
            problems.add(new FieldError(path + where(e), "cannot be read here"));
        } catch (IOException e) {
            problems.add(new FieldError(path, "cannot be read here"));
        }
        unbound.add(path);
        return null;
    }

    /** Binding stopped at the first bad value in this item: each field on its own finds them all. */
    private void eachField(String path, Class<?> record, JsonNode node) {
        Map<String, java.lang.reflect.Type> fields = new java.util.TreeMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            fields.put(jsonName(record, c), c.getGenericType());
        }
        node.fields().forEachRemaining(field -> {
            String here = path + "." + field.getKey();
            java.lang.reflect.Type type = fields.get(field.getKey());
            if (type == null) {
                problems.add(new FieldError(here, useOneOf(fields.keySet())));
            } else if (!field.getValue().isNull()) {
                value(here, mapper.constructType(type), field.getValue());
            }
        });
    }

    private static String jsonName(Class<?> record, RecordComponent component) {
        try {
            JsonProperty renamed = record.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
            return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
        } catch (NoSuchFieldException e) {
            return component.getName();
        }
    }

    private static String useOneOf(Collection<String> known) {
        return "is not a setting here; use " + (known.size() == 1 ? known.iterator().next() : "one of " + String.join(", ", known));
    }

    private ConfigFile construct(RecordComponent[] components, Object[] values) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return ConfigFile.class.getDeclaredConstructor(types).newInstance(values);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof dev.leadline.core.common.ValidationException refused)) {
                    throw new IllegalStateException(e.getCause());
                }
                problems.addAll(refused.errors());
                for (FieldError error : refused.errors()) {
                    for (int i = 0; i < components.length; i++) {
                        if (error.field().equals(components[i].getName()) || error.field().startsWith(components[i].getName() + ".")) {
                            values[i] = null;
                        }
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.toString();
    }

    private static String mustBe(Class<?> type) {
        if (type == null) {
            return "is not the kind of value expected here";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list (one '- ' line per item)";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be a map of 'key: value' lines";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return "must be a single value (text)";
    }

    /** Records each unknown key with the keys that would be known there, and reads on. */
    private final class UnknownKeys extends DeserializationProblemHandler {
        private final String base;

        UnknownKeys(String base) {
            this.base = base;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            TreeSet<String> known = new TreeSet<>();
            deserializer.getKnownPropertyNames().forEach(name -> known.add(String.valueOf(name)));
            problems.add(new FieldError(base + path(p.getParsingContext()), useOneOf(known)));
            p.skipChildren();
            return true;
        }

        private static String path(JsonStreamContext context) {
            StringBuilder path = new StringBuilder();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    path.insert(0, "." + c.getCurrentName());
                } else if (c.inArray()) {
                    path.insert(0, "[" + c.getCurrentIndex() + "]");
                }
            }
            return path.toString();
        }
    }
}
