package dev.leadline.core.common;

import java.util.List;
import java.util.stream.Collectors;

/** One problem with one input field, phrased for the person who sent it. */
public record FieldError(String field, String message) {

    public static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
