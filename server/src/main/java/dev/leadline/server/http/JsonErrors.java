package dev.leadline.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Jackson's complaints in the caller's words: the field by its JSON path and what it must be, never
 * a Java type name ({@code java.lang.Long}) or a stack frame.
 */
final class JsonErrors {
    private JsonErrors() {}

    /** A value that does not fit its field. */
    static ApiError of(JsonMappingException e) {
        List<FieldError> fields = e.getCause() instanceof ValidationException invalid ? invalid.errors()
                : List.of(new FieldError(path(e), problem(e)));
        return new ApiError("validation_failed", FieldError.describe(fields), fields);
    }

    /** A body that is not JSON at all (or not UTF-8). */
    static ApiError malformed(JsonProcessingException e) {
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String problem = e.getOriginalMessage() + where;
        return new ApiError("malformed_json", "the body is not valid JSON: " + problem, List.of(new FieldError("body", problem)));
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof JsonHygiene.BadValue) {
            return e.getOriginalMessage();
        }
        if (e instanceof PropertyBindingException unknown) {
            return "is not a field here" + (unknown.getKnownPropertyIds() == null ? ""
                    : "; the fields are " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "must be " + expected(mismatch.getTargetType());
        }
        if (e.getCause() instanceof InputCoercionException tooBig) {
            return "must be " + expected(tooBig.getTargetType());
        }
        return "is not a valid value here";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return type == LocalDate.class ? "a date like 2026-11-25" : "a time like 2026-11-25T14:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) ? "an object of names to values" : "an object";
    }
}
