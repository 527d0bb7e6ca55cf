package dev.leadline.server.http;

import dev.leadline.core.common.FieldError;
import java.util.List;

/** The JSON body of every error answer: a stable code, a sentence, and per-field problems. */
public record ApiError(String error, String message, List<FieldError> fields) {
    public ApiError(String error, String message) {
        this(error, message, List.of());
    }
}
