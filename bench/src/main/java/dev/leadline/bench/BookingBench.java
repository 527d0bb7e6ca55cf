package dev.leadline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The booking answer: {@code POST /forms/{key}} from JavaScript for a form with {@code booking: {queue: Inbound}},
 * where Inbound is a round-robin queue of 50 reps in four time zones, each with working hours, an ICS calendar
 * (served by this JVM) of about 60 busy events over the next 30 days, and Leadline meetings that the run books
 * as it goes (every fourth visitor books the second slot offered). The answer stores and routes the lead and
 * finds the first 12 free slots across the queue in turn order. A/B in the same run: a form without booking,
 * submitted alternately by the same clients (its answer does not wait for routing, which follows enrichment by the
 * bundled plugins; the booking answer does). Also {@code GET /book/{token}/slots} (40 slots in a zone).
 *
 * <p>{@code bench/run BookingBench <submits> <clients>}; {@code -Dwait=0s} routes without waiting for enrichment.
 */
public final class BookingBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPS = 50;
    private static final String[] ZONES = {"America/New_York", "Europe/London", "Europe/Berlin", "Asia/Tokyo"};
    private static final DateTimeFormatter ICS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    public static void main(String[] args) throws Exception {
        int submits = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = ServerProcess.tempDir("leadline-booking-bench");
        HttpServer calendars = calendars();
        StringBuilder yml = new StringBuilder("reps:\n");
        for (int i = 0; i < REPS; i++) {
            yml.append("  - {email: rep").append(i).append("@bench.example, name: Rep ").append(i).append(", timeZone: ").append(ZONES[i % 4])
                    .append(", workingHours: \"MON-FRI 09:00-17:00\", calendar: {ics: \"http://127.0.0.1:").append(calendars.getAddress().getPort())
                    .append("/rep").append(i).append(".ics\"}}\n");
        }
        yml.append("queues:\n  - name: Inbound\n    strategy: round-robin\n    members: [");
        for (int i = 0; i < REPS; i++) {
            yml.append(i == 0 ? "" : ", ").append("rep").append(i).append("@bench.example");
        }
        yml.append("]\nforms:\n  - {key: demo, name: Demo, booking: {queue: Inbound, durationMinutes: 30}}\n  - {key: plain, name: Plain}\n");
        // -Dwait=0s routes at once instead of after the bundled plugins' enrichment and scores (routing.enrichmentWait, 2s by default)
        yml.append("routing:\n").append(System.getProperty("wait") == null ? "" : "  enrichmentWait: " + System.getProperty("wait") + "\n")
                .append("  rules:\n    form:\n      default: {queue: Inbound}\n");
        Files.writeString(dir.resolve("leadline.yml"), yml.toString());
        int port = Integer.getInteger("port", 18086);
        Map<String, String> env = new HashMap<>(Map.of("LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(),
                "LEADLINE_PLUGINS_DIR", dir.resolve("no-plugins").toString(), "LEADLINE_FORM_RATE_PER_MINUTE", "100000"));
        try (ServerProcess server = ServerProcess.start(dir, port, env, "-Xmx512m")) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long read = awaitCalendars(server, http);
            System.out.printf("server %s; %d reps in a round-robin queue, %d busy times read from their ICS calendars; %d submits by %d clients%n",
                    ServerProcess.jar(), REPS, read, submits, clients);
            run(server, http, 40, clients); // warm-up
            Result result = run(server, http, submits, clients);
            print("booking answer (route + 12 slots)", result.booking);
            print("plain answer (route, no booking)  ", result.plain);
            print("GET /book/{token}/slots (40 slots)", result.slots);
            System.out.printf("  %d meetings booked during the run; %s%n", result.booked.get(), server.cpu());
        } finally {
            calendars.stop(0);
        }
    }

    private record Result(Histogram booking, Histogram plain, Histogram slots, AtomicInteger booked) {}

    private static Result run(ServerProcess server, HttpClient http, int submits, int clients) throws Exception {
        Result result = new Result(histogram(), histogram(), histogram(), new AtomicInteger());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < submits) {
                    String visitor = "{\"email\":\"v" + System.nanoTime() + "-" + n + "@client" + n + ".example\",\"company\":\"Client " + n + "\"}";
                    long start = System.nanoTime();
                    HttpResponse<String> booking = post(http, server, "/forms/demo", visitor);
                    record(result.booking, start, booking, 201);
                    JsonNode answer = JSON.readTree(booking.body()).path("booking");
                    if (answer.path("slots").size() == 0) {
                        throw new IllegalStateException("no slots offered: " + booking.body());
                    }
                    String link = java.net.URI.create(answer.path("url").asText()).getPath();
                    start = System.nanoTime();
                    record(result.plain, start, post(http, server, "/forms/plain", visitor.replace("@client", "@plain")), 201);
                    start = System.nanoTime();
                    HttpResponse<String> slots = http.send(HttpRequest.newBuilder(server.uri(link + "/slots?tz=Europe/Paris")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    record(result.slots, start, slots, 200);
                    if (n % 4 == 0) {
                        String second = answer.path("slots").get(Math.min(1, answer.path("slots").size() - 1)).path("startsAt").asText();
                        HttpResponse<String> booked = post(http, server, link, "{\"startsAt\":\"" + second + "\"}");
                        if (booked.statusCode() == 201) {
                            result.booked.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return result;
    }

    private static HttpResponse<String> post(HttpClient http, ServerProcess server, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void record(Histogram histogram, long start, HttpResponse<String> response, int expected) {
        long took = System.nanoTime() - start;
        if (response.statusCode() != expected) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        synchronized (histogram) {
            histogram.recordValue(took);
        }
    }

    private static Histogram histogram() {
        return new Histogram(600_000_000_000L, 3);
    }

    private static void print(String what, Histogram h) {
        System.out.printf("  %s: n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(95) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    /** Waits until the server has read every rep's calendar; returns the busy times it read. */
    private static long awaitCalendars(ServerProcess server, HttpClient http) throws Exception {
        long[] busy = {0};
        org.awaitility.Awaitility.await("every rep's calendar read").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    long total = 0;
                    for (int i = 0; i < REPS; i++) {
                        JsonNode shown = JSON.readTree(http.send(HttpRequest.newBuilder(server.uri("/api/v1/reps/rep" + i + "@bench.example/calendar"))
                                .header("Authorization", "Bearer " + ServerProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
                        if (!shown.path("busy").isNumber()) {
                            return false;
                        }
                        total += shown.path("busy").asLong();
                    }
                    busy[0] = total;
                    return true;
                });
        return busy[0];
    }

    /** Each rep's calendar: about two busy hours a working day in their zone, for the next 30 days. */
    private static HttpServer calendars() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (int i = 0; i < REPS; i++) {
            byte[] ics = calendar(i).getBytes(StandardCharsets.UTF_8);
            server.createContext("/rep" + i + ".ics", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=utf-8");
                exchange.sendResponseHeaders(200, ics.length);
                exchange.getResponseBody().write(ics);
                exchange.close();
            });
        }
        server.start();
        return server;
    }

    private static String calendar(int rep) {
        Random random = new Random(rep);
        ZoneId zone = ZoneId.of(ZONES[rep % 4]);
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Leadline bench//EN\r\n");
        LocalDate day = LocalDate.now(zone);
        for (int d = 0; d < 30; d++, day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (int e = 0; e < 3; e++) {
                ZonedDateTime start = day.atTime(9 + random.nextInt(8), random.nextBoolean() ? 0 : 30).atZone(zone);
                ZonedDateTime end = start.plusMinutes(30L * (1 + random.nextInt(3)));
                ics.append("BEGIN:VEVENT\r\nUID:rep").append(rep).append("-").append(d).append("-").append(e).append("@bench\r\nDTSTAMP:20260101T000000Z\r\n")
                        .append("DTSTART:").append(ICS.format(start.withZoneSameInstant(ZoneOffset.UTC))).append("\r\n")
                        .append("DTEND:").append(ICS.format(end.withZoneSameInstant(ZoneOffset.UTC))).append("\r\n")
                        .append("SUMMARY:Busy\r\nEND:VEVENT\r\n");
            }
        }
        return ics.append("END:VCALENDAR\r\n").toString();
    }
}
