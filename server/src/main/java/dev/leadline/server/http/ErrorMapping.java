package dev.leadline.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.common.UnsupportedTypeException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.db.DatabaseFailures;
import dev.leadline.server.console.ConsoleRefusal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become HTTP statuses and JSON error bodies. */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    static final String RETRY_AFTER_SECONDS = "2";

    private ErrorMapping() {}

    static void register(RoutesConfig routes) {
        routes.exception(ConsoleRefusal.class, (e, ctx) -> plain(ctx, e.status(), e.getMessage()));
        routes.exception(HttpProblem.class, (e, ctx) -> {
            if (!console(ctx, e.status(), e.getMessage())) {
                ctx.status(e.status()).json(e.body());
            }
        });
        routes.exception(ValidationException.class, (e, ctx) -> {
            if (!console(ctx, 400, e.getMessage())) {
                ctx.status(400).json(new ApiError("validation_failed", e.getMessage(), e.errors()));
            }
        });
        routes.exception(TooLargeException.class, (e, ctx) -> {
            if (!console(ctx, 413, e.getMessage())) {
                ctx.status(413).json(new ApiError("payload_too_large", e.getMessage()));
            }
        });
        routes.exception(UnsupportedTypeException.class, (e, ctx) -> {
            if (!console(ctx, 415, e.getMessage())) {
                ctx.status(415).json(new ApiError("unsupported_media_type", e.getMessage()));
            }
        });
        routes.exception(NotFoundException.class, (e, ctx) -> {
            if (!console(ctx, 404, e.getMessage())) {
                ctx.status(404).json(new ApiError("not_found", e.getMessage()));
            }
        });
        routes.exception(ConcurrentUpdateException.class, (e, ctx) ->
                ctx.status(409).json(new ApiError("concurrent_update", e.getMessage())));
        routes.exception(InvalidDefinitionException.class, (e, ctx) -> unexpected(e, ctx));
        routes.exception(JsonMappingException.class, (e, ctx) -> ctx.status(400).json(JsonErrors.of(e)));
        routes.exception(JsonProcessingException.class, (e, ctx) -> ctx.status(400).json(JsonErrors.malformed(e)));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) {
                e.getDetails().values().stream().findFirst().ifPresent(methods -> ctx.header("Allow", methods));
            }
            if (!console(ctx, e.getStatus(), e.getMessage())) {
                ctx.status(e.getStatus()).json(new ApiError(codeFor(e.getStatus()), e.getMessage()));
            }
        });
        routes.exception(Exception.class, (e, ctx) -> unexpected(e, ctx));
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(new ApiError("not_found", "no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
        routes.error(405, "*", ctx -> ctx.json(new ApiError("method_not_allowed", ctx.method() + " is not allowed here")));
    }

    /** The console's pages answer people, not programs: a plain message rather than JSON. */
    private static boolean console(Context ctx, int status, String message) {
        if (!ctx.path().startsWith("/console")) {
            return false;
        }
        plain(ctx, status, message);
        return true;
    }

    /**
     * A browser opening a page gets the message as a console page (with a way back); htmx and programs get
     * it as plain text.
     */
    private static void plain(Context ctx, int status, String message) {
        String accept = ctx.header("Accept");
        if (ctx.path().startsWith("/console") && ctx.method() == HandlerType.GET && ctx.header("HX-Request") == null
                && accept != null && accept.contains("text/html")) {
            String title = status == 403 ? "Not allowed" : status == 404 ? "Not found" : status == 401 ? "Please sign in" : "Cannot show this";
            ctx.status(status).render("refused.jte", Map.of("title", title, "message", message));
            return;
        }
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
    }

    private static void unexpected(Exception e, Context ctx) {
        if (DatabaseFailures.outcomeUnknown(e)) {
            unavailable(ctx, "outcome_unknown", "the database connection broke while this request was being stored, so it may"
                    + " or may not have been; send it again with the same Idempotency-Key to get its one outcome");
            return;
        }
        if (DatabaseFailures.connectionLost(e)) {
            unavailable(ctx, "database_unavailable", "the database cannot be reached at the moment; try again shortly");
            return;
        }
        if (DatabaseFailures.busy(e)) {
            unavailable(ctx, "database_busy", "the database kept refusing this change as conflicting with others (nothing was stored);"
                    + " send it again shortly");
            return;
        }
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        if (console(ctx, 500, "Something went wrong on our side; it has been logged.")) {
            return;
        }
        ctx.status(500).json(new ApiError("internal_error", "something went wrong on our side; it has been logged"));
    }

    /** The database is down or restarting (the embedded one is started again by itself): 503 with a time to retry. */
    private static void unavailable(Context ctx, String error, String message) {
        log.warn("{} {} answered 503 {}", ctx.method(), ctx.path(), error);
        ctx.status(503).header("Retry-After", RETRY_AFTER_SECONDS).json(new ApiError(error, message));
    }

    /** The stable error code of a status that the transport, not a handler, decides. */
    static String codeFor(int status) {
        return switch (status) {
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "request_header_fields_too_large";
            case 415 -> "unsupported_media_type";
            case 400 -> "bad_request";
            default -> "http_" + status;
        };
    }
}
