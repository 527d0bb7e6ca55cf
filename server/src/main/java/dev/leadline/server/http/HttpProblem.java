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

    /** A refused lead action: 403 when the person may not, 409 when the lead is not in a state for it. */
    static HttpProblem refused(dev.leadline.core.lead.LeadOutcome reason) {
        if (reason instanceof dev.leadline.core.lead.LeadOutcome.NotAllowed notAllowed) {
            return new HttpProblem(403, "not_allowed", notAllowed.reason());
        }
        if (reason instanceof dev.leadline.core.lead.LeadOutcome.WrongState wrong) {
            return new HttpProblem(409, "wrong_state", wrong.reason());
        }
        throw new IllegalArgumentException("not a refusal: " + reason);
    }

    public int status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(code, getMessage(), fields);
    }
}
