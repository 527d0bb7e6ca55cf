package dev.leadline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * score-bayes measured through the running server, the way a customer would meet it: the X Education
 * leads ({@code ../shared/data/x-education/Leads.csv}) imported as CSV, split 70/30 (seed 42), the
 * outcomes of the 70 % recorded through the API (assign + convert, assign + disqualify), the model's
 * state read from {@code GET /api/v1/plugins/score-bayes}, then the scores of the other 30 % read back:
 * ROC AUC, Brier score, how many were left unscored. {@code bench/run XEducationBench [without-notes]}
 * leaves out the sales team's own notes ({@code Tags}, {@code Lead Quality}).
 */
public final class XEducationBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ServerProcess server;

    public static void main(String[] args) throws Exception {
        boolean withoutNotes = args.length > 0 && args[0].equals("without-notes");
        Path source = Path.of(System.getProperty("leads", "../shared/data/x-education/Leads.csv"));
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(source)) {
            csv.forEach(r -> rows.add(new LinkedHashMap<>(r.getFieldsAsMap())));
        }
        Collections.shuffle(rows, new Random(42));
        int cut = (int) (rows.size() * 0.7);
        Path dir = ServerProcess.tempDir("leadline-xeducation-bench");
        Path file = dir.resolve("leads.csv");
        List<String> columns = rows.get(0).keySet().stream().filter(c -> !c.equals("Converted"))
                .filter(c -> !withoutNotes || !(c.equals("Tags") || c.equals("Lead Quality"))).toList();
        try (CsvWriter out = CsvWriter.builder().build(file)) {
            out.writeRecord(columns);
            rows.forEach(r -> out.writeRecord(columns.stream().map(c -> r.getOrDefault(c, "")).toList()));
        }
        Files.writeString(dir.resolve("leadline.yml"), "reps:\n  - {email: rep@bench.example, name: Rep}\n"
                + "  - {email: boss@bench.example, name: Boss, role: MANAGER}\n");
        try (ServerProcess started = ServerProcess.start(dir, 18083, Map.of("LEADLINE_CONFIG", dir.resolve("leadline.yml").toString()),
                "-Xmx1g")) {
            server = started;
            long t0 = System.nanoTime();
            JsonNode imported = JSON.readTree(send("POST", "/api/v1/leads/import", Files.readString(file), "text/csv").body());
            System.out.printf("imported %d rows in %.1f s: %s%n", rows.size(), (System.nanoTime() - t0) / 1e9, imported.path("counts"));
            Map<String, String> leadOf = leadsByNumber();
            long t1 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> done = new ArrayList<>();
            for (Map<String, String> row : rows.subList(0, cut)) {
                String lead = leadOf.get(row.get("Lead Number"));
                boolean won = row.get("Converted").equals("1");
                done.add(pool.submit(() -> decide(lead, won, row.get("Lead Number"))));
            }
            int refused = 0;
            for (Future<Integer> f : done) {
                refused += f.get();
            }
            pool.shutdown();
            System.out.printf("recorded %d outcomes through the API in %.1f s (%d refused)%n", cut, (System.nanoTime() - t1) / 1e9, refused);
            JsonNode state = waitForModel(cut - refused);
            System.out.println("model: " + state);
            long t2 = System.nanoTime();
            java.time.Instant trainedAt = at(state.path("trainedAt"));
            Map<String, JsonNode> bayes = new HashMap<>();
            List<Map<String, String>> test = rows.subList(cut, rows.size());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (bayes.size() < test.size() && System.nanoTime() < deadline) {
                for (Map<String, String> row : test) {
                    String lead = leadOf.get(row.get("Lead Number"));
                    if (!bayes.containsKey(lead)) {
                        bayesScore(lead, trainedAt).ifPresent(s -> bayes.put(lead, s));
                    }
                }
                if (bayes.size() < test.size()) {
                    Thread.sleep(2000);
                }
            }
            List<double[]> scored = new ArrayList<>();
            int abstained = 0;
            for (Map<String, String> row : test) {
                JsonNode s = bayes.get(leadOf.get(row.get("Lead Number")));
                if (s != null && s.path("weight").asDouble() == 0) {
                    abstained++;
                } else if (s != null) {
                    scored.add(new double[] {s.path("score").asDouble(), row.get("Converted").equals("1") ? 1 : 0});
                }
            }
            int unscored = test.size() - bayes.size();
            System.out.printf("%s: %d test leads, %d scored by the retrained model, %d abstained, %d unscored (waited %.1f s);"
                            + " ROC AUC %.4f, Brier %.4f%n", withoutNotes ? "without Tags and Lead Quality" : "every column",
                    rows.size() - cut, scored.size(), abstained, unscored, (System.nanoTime() - t2) / 1e9, auc(scored), brier(scored));
            System.out.println("  " + server.cpu());
        }
    }

    /** Assigns the lead to the rep and converts or disqualifies it; 1 when the server refused. */
    private static int decide(String lead, boolean won, String number) throws Exception {
        HttpResponse<String> assigned = send("POST", "/api/v1/leads/" + lead + "/assign",
                "{\"rep\":\"boss@bench.example\",\"to\":\"rep@bench.example\"}", "application/json");
        HttpResponse<String> decided = won
                ? send("POST", "/api/v1/leads/" + lead + "/convert", "{\"rep\":\"rep@bench.example\",\"account\":{\"name\":\"Learner "
                        + number + "\"}}", "application/json")
                : send("POST", "/api/v1/leads/" + lead + "/disqualify", "{\"rep\":\"rep@bench.example\",\"reason\":\"No need\"}",
                        "application/json");
        if (assigned.statusCode() >= 300 || decided.statusCode() >= 300) {
            System.out.println("refused " + lead + ": " + assigned.statusCode() + " " + decided.statusCode() + " " + decided.body());
            return 1;
        }
        return 0;
    }

    /** Reads the model's state until it has learned from {@code outcomes} decided leads. */
    private static JsonNode waitForModel(int outcomes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            JsonNode state = JSON.readTree(send("GET", "/api/v1/plugins/score-bayes", null, null).body()).path("providerState").path("bayes");
            if (state.path("outcomesLearned").asInt() >= outcomes || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(1000);
        }
    }

    /** The lead's score-bayes score, if it was scored after the model it waits for was trained. */
    private static java.util.Optional<JsonNode> bayesScore(String lead, java.time.Instant trainedAt) throws Exception {
        for (JsonNode s : JSON.readTree(send("GET", "/api/v1/leads/" + lead + "/enrichment", null, null).body()).path("scores")) {
            if (s.path("provider").asText().equals("score-bayes/bayes") && !at(s.path("at")).isBefore(trainedAt)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    /** A time as the API writes it: ISO text, or seconds since the epoch. */
    private static java.time.Instant at(JsonNode node) {
        return node.isNumber() ? java.time.Instant.ofEpochMilli((long) (node.asDouble() * 1000)) : java.time.Instant.parse(node.asText());
    }

    private static Map<String, String> leadsByNumber() throws Exception {
        Map<String, String> leads = new HashMap<>();
        String cursor = "";
        do {
            JsonNode page = JSON.readTree(send("GET", "/api/v1/leads?limit=200" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), null, null).body());
            page.path("items").forEach(l -> leads.put(l.path("customFields").path("Lead Number").asText(), l.path("id").asText()));
            cursor = page.path("nextCursor").asText("");
        } while (!cursor.isEmpty());
        return leads;
    }

    private static HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + ServerProcess.TOKEN);
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double brier(List<double[]> scored) {
        return scored.stream().mapToDouble(s -> Math.pow(s[0] / 100 - s[1], 2)).average().orElse(Double.NaN);
    }

    /** The probability that a random converted lead scores above a random lost one (ties count half). */
    private static double auc(List<double[]> scored) {
        List<double[]> sorted = new ArrayList<>(scored);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        long won = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j)[0] == sorted.get(i)[0]) {
                j++;
            }
            for (int k = i; k < j; k++) {
                if (sorted.get(k)[1] == 1) {
                    rankSum += (i + 1 + j) / 2.0;
                    won++;
                }
            }
            i = j;
        }
        return (rankSum - won * (won + 1) / 2.0) / ((double) won * (sorted.size() - won));
    }
}
