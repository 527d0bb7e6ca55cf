package dev.leadline.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The yardstick for SlackBench: a bare Bolt app whose {@code /leads} answers "hello", hosted in
 * Javalin the same way Leadline hosts its bot. {@code HelloBolt <port> <signing secret> <api url>}.
 */
public final class HelloBolt {
    public static void main(String[] args) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(args[2]);
        slackConfig.setStatsEnabled(false);
        App app = new App(AppConfig.builder().signingSecret(args[1]).singleTeamBotToken("xoxb-hello").clientId(null).clientSecret(null)
                .slack(Slack.getInstance(slackConfig)).build());
        app.command("/leads", (req, ctx) -> ctx.ack("hello"));
        var parser = new com.slack.api.bolt.util.SlackRequestParser(app.config());
        Javalin.create(config -> config.routes.post("/slack/events", ctx -> {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ctx.req().getHeaderNames().asIterator().forEachRemaining(name -> {
                List<String> values = new ArrayList<>();
                ctx.req().getHeaders(name).asIterator().forEachRemaining(values::add);
                headers.put(name, values);
            });
            var response = app.run(parser.parse(com.slack.api.bolt.util.SlackRequestParser.HttpRequest.builder()
                    .requestUri(ctx.path()).headers(new com.slack.api.bolt.request.RequestHeaders(headers)).requestBody(ctx.body())
                    .remoteAddress(ctx.ip()).build()));
            ctx.status(response.getStatusCode()).contentType(response.getContentType()).result(response.getBody() == null ? "" : response.getBody());
        })).start(Integer.parseInt(args[0]));
        System.out.println("hello bolt up");
    }
}
