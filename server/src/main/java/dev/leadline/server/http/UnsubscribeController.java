package dev.leadline.server.http;

import dev.leadline.core.nurture.NurtureResponses;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The unsubscribe link in every nurture email, for anyone holding it (no sign-in): {@code GET} shows the
 * address and a button, so that mail scanners that follow links unsubscribe no one; {@code POST} is the
 * button and the one-click unsubscribe of RFC 8058 ({@code List-Unsubscribe=One-Click}) that mail
 * clients send. The address is suppressed and its lead leaves its cadence.
 */
final class UnsubscribeController {
    private final NurtureResponses responses;

    UnsubscribeController(NurtureResponses responses) {
        this.responses = responses;
    }

    void show(Context ctx) {
        responses.addressOf(ctx.pathParam("token")).ifPresentOrElse(address -> page(ctx, HttpStatus.OK, "Unsubscribe",
                "<p>Stop emails like this to <b>" + masked(address) + "</b>?</p>"
                        + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>"), () -> unknown(ctx));
    }

    void unsubscribe(Context ctx) {
        responses.unsubscribe(ctx.pathParam("token")).ifPresentOrElse(address -> page(ctx, HttpStatus.OK, "Unsubscribed",
                "<p><b>" + masked(address) + "</b> will receive no more of these emails.</p>"), () -> unknown(ctx));
    }

    private static void unknown(Context ctx) {
        page(ctx, HttpStatus.NOT_FOUND, "Link not found", "<p>This unsubscribe link is not known here. Check that it was copied whole.</p>");
    }

    private static void page(Context ctx, HttpStatus status, String title, String body) {
        ctx.status(status).header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .html("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                        + "<title>" + title + "</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}"
                        + "button{font-size:1rem;padding:.5rem 1rem}</style></head><body><h1>" + title + "</h1>" + body + "</body></html>");
    }

    /** {@code jane@example.com} as {@code j***@example.com}: enough to recognise, not to harvest. */
    static String masked(String address) {
        int at = address.indexOf('@');
        String shown = at <= 0 ? address : address.charAt(0) + "***" + address.substring(at);
        return StringEscapeUtils.escapeHtml4(shown);
    }
}
