package dev.leadline.server.http;

import dev.leadline.core.common.FieldError;
import java.util.List;

/**
 * The JSON body of every error answer: a stable code, a sentence, and per-field problems. Messages
 * pass {@link ErrorText} whatever their source, so no answer shows a class name, a file or a stack.
 */
public record ApiError(String error, String message, List<FieldError> fields) {
    public ApiError {
        message = ErrorText.safe(message);
        fields = fields == null ? List.of() : fields.stream().map(f -> new FieldError(f.field(), ErrorText.safe(f.message()))).toList();
    }

    public ApiError(String error, String message) {
        this(error, message, List.of());
    }
}
