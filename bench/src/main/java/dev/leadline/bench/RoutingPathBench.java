package dev.leadline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The whole path of a new lead, against the jar on loopback: {@code POST /api/v1/leads} at a fixed
 * rate (open loop), the lead is routed by a rule set of 200 entries over a round-robin queue of
 * {@code -Dreps} reps (50), and its assignment commits with its card in the outbox. Latency runs from
 * the moment the request was due to be sent (open loop): to the 201 when that shows the owner (routed
 * in the request), else to the routing decision's time.
 *
 * <p>{@code -Dplugins=on} keeps the plugins that load (the bundled ones ship inside the jar) instead of
 * disabling them all through the API; a new lead is then routed once they have enriched and scored it.
 * {@code -Dcards=slack} points the server at a loopback stand-in for Slack's Web API and also measures
 * to the moment the lead's first card reached it ({@code chat.postMessage}); Slack takes one message a
 * second per channel, so give each rep under one a second ({@code -Dreps=200} at 100 leads/s).
 * The first {@code warmup} seconds at the same rate are not counted (the JIT compilers take a third of
 * the two cores for the first half minute). {@code RoutingPathBench [rate] [seconds] [warmup]}.
 */
public final class RoutingPathBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names vary as in a real lead list, so duplicate checks meet realistic candidate counts. */
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Ken",
        "Radia", "Tim", "Hedy", "Dennis", "Linus", "Guido", "Bjarne", "James", "Anders", "Sophie", "Katherine", "Mary", "Annie", "Evelyn",
        "Jean", "Betty", "Ruth", "Kathleen", "Marlyn", "Fran", "Shafi", "Leslie", "Niklaus", "Tony", "Robin", "Dana", "Judea", "Yann"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy", "Hamilton",
        "Thompson", "Perlman", "Berners-Lee", "Lamarr", "Ritchie", "Torvalds", "Rossum", "Stroustrup", "Gosling", "Hejlsberg", "Wilson",
        "Johnson", "Vaughan", "Easley", "Boyd", "Bartik", "Holberton", "Teitelbaum", "Antonelli", "Wescoff", "Bilas", "Goldwasser",
        "Lamport", "Wirth", "Hoare", "Milner", "Scott", "Pearl", "LeCun", "Shannon", "Neumann", "Babbage", "Church", "Backus", "Kay"};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path dir = ServerProcess.tempDir("leadline-routing-bench");
        int reps = Integer.getInteger("reps", 50);
        boolean pluginsOn = "on".equals(System.getProperty("plugins"));
        StringBuilder yaml = new StringBuilder("reps:\n");
        for (int i = 0; i < reps; i++) {
            yaml.append("  - {email: rep").append(i).append("@bench.example, name: Rep ").append(i).append("}\n");
        }
        yaml.append("queues:\n  - name: Pool\n    strategy: round-robin\n    members: [");
        for (int i = 0; i < reps; i++) {
            yaml.append(i == 0 ? "" : ", ").append("rep").append(i).append("@bench.example");
        }
        yaml.append("]\n");
        Files.writeString(dir.resolve("leadline.yml"), yaml);
        Map<String, String> env = new java.util.HashMap<>(Map.of("LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("no-plugins").toString()));
        SlackApiStub slack = "slack".equals(System.getProperty("cards")) ? new SlackApiStub() : null;
        if (slack != null) {
            env.putAll(Map.of("SLACK_BOT_TOKEN", "xoxb-bench", "SLACK_SIGNING_SECRET", "bench-signing-secret-0123456789",
                    "SLACK_API_URL", slack.apiUrl()));
        }
        try (ServerProcess server = ServerProcess.start(dir, Integer.getInteger("port", 18083), env,
                System.getProperty("jfr") == null ? new String[0] : new String[] {"-XX:FlightRecorderOptions:stackdepth=256",
                        "-XX:StartFlightRecording=settings=profile,filename=" + System.getProperty("jfr")})) {
            if (!pluginsOn) {
                for (JsonNode plugin : JSON.readTree(send(server, "GET", "/api/v1/plugins", null).body())) {
                    send(server, "POST", "/api/v1/plugins/" + plugin.path("id").asText() + "/disable", "");
                }
            }
            System.out.println("server " + ServerProcess.jar() + "; plugins: " + server.plugins() + "; cards to "
                    + (slack == null ? "the outbox only (no chat platform)" : "a loopback Slack API stub"));
            HttpResponse<String> rules = send(server, "PUT", "/api/v1/rules/api", JSON.writeValueAsString(rules()));
            if (rules.statusCode() != 200) {
                throw new IllegalStateException("rules refused: " + rules.body());
            }
            run(server, rate, warmup, slack);
            Histogram[] measured = run(server, rate, seconds, slack);
            Histogram histogram = measured[0];
            System.out.printf("intake -> routed -> outbox, open loop at %.0f leads/s for %d s, 200 rules, %d reps: %d leads%n", rate, seconds,
                    reps, histogram.getTotalCount());
            System.out.printf("  latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", ms(histogram.getValueAtPercentile(50)),
                    ms(histogram.getValueAtPercentile(95)), ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()));
            if (slack != null) {
                Histogram cards = measured[1];
                System.out.printf("lead created -> first card at Slack's chat.postMessage: %d leads%n", cards.getTotalCount());
                System.out.printf("  latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", ms(cards.getValueAtPercentile(50)),
                        ms(cards.getValueAtPercentile(95)), ms(cards.getValueAtPercentile(99)), ms(cards.getMaxValue()));
            }
            System.out.println("  " + server.cpu() + " (warm-up and measured run)");
        } finally {
            if (slack != null) {
                slack.close();
            }
            Files.copy(dir.resolve("server.log"), Path.of(System.getProperty("java.io.tmpdir"), "routing-bench-server.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The leads' latency to their routing, and (with a Slack stub) to their first card at Slack. */
    private static Histogram[] run(ServerProcess server, double rate, int seconds, SlackApiStub slack) throws Exception {
        int clients = 20;
        long interval = (long) (clients * 1e9 / rate);
        Map<String, Instant> due = new ConcurrentHashMap<>();
        Map<String, Instant> created = new ConcurrentHashMap<>();
        Histogram answered = new Histogram(3);
        AtomicLong sequence = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long begin = System.nanoTime();
        Instant wallBegin = Instant.now();
        long end = begin + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long offset = interval * c / clients;
            workers.add(pool.submit(() -> {
                long next = begin + offset;
                while (next < end) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long n = sequence.incrementAndGet();
                    Instant scheduled = wallBegin.plusNanos(next - begin);
                    next += interval;
                    String body = "{\"firstName\":\"" + FIRST[(int) (n % FIRST.length)] + "\",\"lastName\":\"" + LAST[(int) (n / FIRST.length % LAST.length)]
                            + "-" + n + "\",\"email\":\"route" + n + "@corp" + (n % 300)
                            + ".example\",\"company\":\"Company " + (n % 300) + " " + n + "\",\"country\":\"" + (n % 2 == 0 ? "DE" : "US")
                            + "\",\"employeeCount\":" + (n % 10_000) + ",\"postalCode\":\"" + (10000 + n % 89999) + "\"}";
                    try {
                        HttpResponse<String> answer = send(server, "POST", "/api/v1/leads", body);
                        long took = System.nanoTime() - (next - interval);
                        if (answer.statusCode() == 201) {
                            JsonNode lead = JSON.readTree(answer.body());
                            created.put(lead.path("id").asText(), scheduled);
                            if (lead.path("ownerRepId").isNumber()) {
                                synchronized (answered) {
                                    answered.recordValue(Math.max(0, took));
                                }
                            } else {
                                due.put(lead.path("id").asText(), scheduled);
                            }
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        Histogram histogram = answered;
        long unrouted = 0;
        if (!due.isEmpty()) {
            System.out.println("  " + due.size() + " leads were left to the router's thread (their latency is counted to their decision)");
        }
        for (Map.Entry<String, Instant> lead : due.entrySet()) {
            String path = "/api/v1/leads/" + lead.getKey() + "/routing";
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> send(server, "GET", path, null).statusCode() == 200);
            HttpResponse<String> routing = send(server, "GET", path, null);
            JsonNode decision = JSON.readTree(routing.body());
            if (!decision.path("outcome").asText().equals("ASSIGN")) {
                unrouted++;
                continue;
            }
            Instant decided = Instant.parse(decision.path("explanation").path("decidedAt").asText());
            histogram.recordValue(Math.max(0, Duration.between(lead.getValue(), decided).toNanos()));
        }
        if (failures.get() > 0 || unrouted > 0) {
            System.out.println("  " + failures.get() + " requests failed, " + unrouted + " leads not assigned");
        }
        return new Histogram[] {histogram, slack == null ? null : cards(slack, created)};
    }

    /** Each lead's time from when its request was due to its first card at the stub; waits up to 30 s for the last cards. */
    private static Histogram cards(SlackApiStub slack, Map<String, Instant> created) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> created.keySet().stream().allMatch(id -> slack.firstPost(id) != null));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // counted as missing below
        }
        Histogram cards = new Histogram(3);
        long missing = 0;
        for (Map.Entry<String, Instant> lead : created.entrySet()) {
            Instant posted = slack.firstPost(lead.getKey());
            if (posted == null) {
                missing++;
            } else {
                cards.recordValue(Math.max(0, Duration.between(lead.getValue(), posted).toNanos()));
            }
        }
        if (missing > 0) {
            System.out.println("  " + missing + " leads had no card at Slack 30 s after the run");
        }
        return cards;
    }

    private static Map<String, Object> rules() {
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < 199; i++) {
            entries.add(Map.of("name", "Territory " + i, "when", Map.of("all", List.of(
                    Map.of("field", "country", "op", "country", "values", List.of("JP", "KR")),
                    Map.of("field", "postalCode", "op", "postcode", "values", List.of((10000 + i * 400) + "-" + (10000 + i * 400 + 399))))),
                    "to", Map.of("queue", "Pool")));
        }
        entries.add(Map.of("name", "Everyone else", "when", Map.of("field", "email", "op", "not-empty"), "to", Map.of("queue", "Pool")));
        return Map.of("entries", entries, "default", Map.of("queue", "Pool"));
    }

    private static HttpResponse<String> send(ServerProcess server, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                .header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
