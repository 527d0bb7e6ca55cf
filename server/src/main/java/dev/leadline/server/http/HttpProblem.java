package dev.leadline.server.http;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.LeadlineException;
import java.util.List;

/** An answer other than success decided at the transport edge (bad auth, bad body, rate limit). */
public final class HttpProblem extends LeadlineException {
    private final int status;
    private final String code;
    private final List<FieldError> fields;

    public HttpProblem(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public HttpProblem(int status, String code, String message, List<FieldError> fields) {
        super(message);
        this.status = status;
        this.code = code;
        this.fields = List.copyOf(fields);
    }

    public int status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(code, getMessage(), fields);
    }
}
