package dev.leadline.server.chat;

import dev.leadline.slack.SlackApp;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code POST /slack/events}: commands, interactivity and events on one URL, handed to Bolt with the body untouched. */
public final class SlackEndpoint {
    private final SlackApp slack;

    public SlackEndpoint(SlackApp slack) {
        this.slack = slack;
    }

    public void handle(Context ctx) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ctx.req().getHeaderNames().asIterator().forEachRemaining(name -> {
            List<String> values = new ArrayList<>();
            ctx.req().getHeaders(name).asIterator().forEachRemaining(values::add);
            headers.put(name, values);
        });
        SlackApp.HttpResponse response = slack.handle(new SlackApp.HttpRequest(ctx.path(), ctx.queryString(), headers, ctx.body(), ctx.ip()));
        response.headers().forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
        ctx.status(response.status()).contentType(response.contentType() == null ? "text/plain" : response.contentType());
        if (response.body() != null) {
            ctx.result(response.body());
        }
    }
}
