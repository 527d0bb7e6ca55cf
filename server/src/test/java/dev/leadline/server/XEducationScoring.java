package dev.leadline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * score-bayes measured through a running server, the way a customer meets it: the X Education leads
 * ({@code ../shared/data/x-education/Leads.csv}), shuffled with seed 42 and split 70/30. The 70 % are
 * imported as CSV and their outcomes recorded through the API (a manager assigns the lead to a rep, who
 * converts or disqualifies it; {@value #CLIENTS} clients at once); the model's state is read from
 * {@code GET /api/v1/plugins/score-bayes} until it has learned from all of them; then the other 30 %
 * arrive as a second CSV import and each is read back once that model scored it: ROC AUC, Brier score,
 * abstentions, leads left unscored. Last, a probe lead that gives none of the fields the model learned from. Used by {@code XEducationScoringTest}
 * and by {@code bench/run XEducationBench} (the built jar), so both measure the same thing.
 */
public final class XEducationScoring {
    /** The server's configuration: the rep who decides the leads and the manager who assigns them. */
    public static final String CONFIG = "reps:\n  - {email: rep@xeducation.example, name: Rep}\n"
            + "  - {email: boss@xeducation.example, name: Boss, role: MANAGER}\n";
    /** The columns the sales team wrote while working the leads: they record the outcome as much as predict it. */
    public static final List<String> NOTES = List.of("Tags", "Lead Quality");
    private static final int CLIENTS = 8;
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What one run measured; {@code model} is score-bayes' state when it had learned from every outcome. */
    public record Result(String columns, int testLeads, int scored, int abstained, int unscored, double auc, double brier,
                         JsonNode model, JsonNode probe, double importSeconds, double outcomesSeconds, double learningSeconds,
                         double scoringSeconds) {
        public String summary() {
            return String.format("X Education through the server, %s: %d test leads, %d scored, %d abstained, %d unscored;"
                            + " ROC AUC %.4f, Brier %.4f (the model's own hold-out AUC %s). Import %.1f s, %d outcomes recorded in %.1f s,"
                            + " model learned from them %.1f s later, the test leads imported and scored in %.1f s. Probe lead: %s",
                    columns, testLeads, scored, abstained, unscored, auc, brier, model.path("holdOutAuc"), importSeconds,
                    model.path("outcomesLearned").asInt(), outcomesSeconds, learningSeconds, scoringSeconds, probe);
        }
    }

    private final URI server;
    private final String token;

    /** A driver for the server at {@code server} (e.g. {@code http://127.0.0.1:8080}) with an admin token. */
    public XEducationScoring(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    /** The export's rows, shuffled with seed 42: the first 70 % teach the model, the rest test it. */
    public static List<Map<String, String>> shuffledRows(Path leadsCsv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(leadsCsv)) {
            csv.forEach(r -> rows.add(new LinkedHashMap<>(r.getFieldsAsMap())));
        }
        Collections.shuffle(rows, new Random(42));
        return rows;
    }

    /** One run on a server that holds no leads yet; {@code leaveOut} names columns the import leaves out. */
    public Result run(List<Map<String, String>> rows, List<String> leaveOut) throws Exception {
        List<Map<String, String>> learn = rows.subList(0, (int) (rows.size() * 0.7));
        List<Map<String, String>> test = rows.subList(learn.size(), rows.size());
        long t0 = System.nanoTime();
        Map<String, String> leadOf = importLeads(learn, leaveOut);
        long t1 = System.nanoTime();
        recordOutcomes(learn, leadOf);
        long t2 = System.nanoTime();
        JsonNode model = waitForModel(learn.size());
        long t3 = System.nanoTime();
        leadOf = importLeads(test, leaveOut);
        Map<String, JsonNode> scores = scoresBy(model, List.copyOf(leadOf.values()));
        long t4 = System.nanoTime();
        JsonNode probe = probe(model);
        List<double[]> scored = new ArrayList<>();
        int abstained = 0;
        for (Map<String, String> row : test) {
            JsonNode s = scores.get(leadOf.get(row.get("Lead Number")));
            if (s != null && abstainedIn(s)) {
                abstained++;
            } else if (s != null) {
                scored.add(new double[] {s.path("score").asDouble(), row.get("Converted").equals("1") ? 1 : 0});
            }
        }
        String columns = leaveOut.isEmpty() ? "every column" : "without " + String.join(" and ", leaveOut);
        return new Result(columns, test.size(), scored.size(), abstained, test.size() - scores.size(), auc(scored), brier(scored), model,
                probe, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
    }

    /** Imports the rows as one CSV; every row must become a lead. Returns the new leads by {@code Lead Number}. */
    Map<String, String> importLeads(List<Map<String, String>> rows, List<String> leaveOut) throws Exception {
        Map<String, String> before = leadsByNumber();
        JsonNode report = JSON.readTree(send("POST", "/api/v1/leads/import?notify=false", csv(rows, leaveOut), "text/csv").body());
        if (report.path("imported").asInt() != rows.size()) {
            throw new IllegalStateException("the import took " + report.path("imported") + " of " + rows.size() + " rows: " + report);
        }
        Map<String, String> leads = leadsByNumber();
        leads.keySet().removeAll(before.keySet());
        return leads;
    }

    private static String csv(List<Map<String, String>> rows, List<String> leaveOut) {
        List<String> columns = rows.get(0).keySet().stream().filter(c -> !c.equals("Converted") && !leaveOut.contains(c)).toList();
        StringWriter text = new StringWriter();
        try (CsvWriter out = CsvWriter.builder().build(text)) {
            out.writeRecord(columns);
            rows.forEach(r -> out.writeRecord(columns.stream().map(c -> r.getOrDefault(c, "")).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Each decided row's lead assigned to the rep, then converted or disqualified by the rep. */
    void recordOutcomes(List<Map<String, String>> decided, Map<String, String> leadOf) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Map<String, String> row : decided) {
                done.add(clients.submit(() -> decide(leadOf.get(row.get("Lead Number")), row.get("Converted").equals("1"), row.get("Lead Number"))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    private Void decide(String lead, boolean won, String number) throws Exception {
        expectOk(send("POST", "/api/v1/leads/" + lead + "/assign", "{\"rep\":\"boss@xeducation.example\",\"to\":\"rep@xeducation.example\"}",
                "application/json"), "assign " + lead);
        expectOk(won ? send("POST", "/api/v1/leads/" + lead + "/convert",
                        "{\"rep\":\"rep@xeducation.example\",\"account\":{\"name\":\"Learner " + number + "\"}}", "application/json")
                : send("POST", "/api/v1/leads/" + lead + "/disqualify", "{\"rep\":\"rep@xeducation.example\",\"reason\":\"No need\"}",
                        "application/json"), (won ? "convert " : "disqualify ") + lead);
        return null;
    }

    /** score-bayes' state once it has learned from {@code outcomes} decided leads (reading it lets it learn again). */
    private JsonNode waitForModel(int outcomes) {
        return org.awaitility.Awaitility.await("score-bayes learning from " + outcomes + " outcomes").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(send("GET", "/api/v1/plugins/score-bayes", null, null).body()).path("providerState").path("bayes"),
                        state -> state.path("outcomesLearned").asInt() >= outcomes);
    }

    /**
     * Each lead's score-bayes score once {@code model} (or a later one) scored it; leads never so scored are
     * missing. The server scores waiting leads oldest first, so only the newest is asked after until it is
     * scored; then every lead is read, again each second for those not scored yet.
     */
    private Map<String, JsonNode> scoresBy(JsonNode model, List<String> leads) {
        Instant trainedAt = Instant.parse(model.path("trainedAt").asText());
        String newest = leads.stream().max(Comparator.comparingLong(id -> Long.parseLong(id.replaceAll("\\D", "")))).orElseThrow();
        Map<String, JsonNode> scores = new HashMap<>();
        try {
            org.awaitility.Awaitility.await("the newest test lead scored").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> bayesScore(newest, trainedAt).isPresent());
            org.awaitility.Awaitility.await("every test lead scored").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (String lead : leads) {
                    if (!scores.containsKey(lead)) {
                        bayesScore(lead, trainedAt).ifPresent(s -> scores.put(lead, s));
                    }
                }
                return scores.size() == leads.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the leads still missing are counted as unscored, which the test reports and fails on
        }
        return scores;
    }

    /** A lead with a name and nothing the model learned from, as score-bayes scored it (null when it never did). */
    private JsonNode probe(JsonNode model) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/leads",
                "{\"firstName\":\"Probe\",\"lastName\":\"Nobody\",\"email\":\"probe@xeducation.example\"}", "application/json");
        expectOk(created, "create the probe lead");
        String id = JSON.readTree(created.body()).path("id").asText();
        return scoresBy(model, List.of(id)).get(id);
    }

    /** True when the provider abstained: its score does not count (it says why in its reasons). */
    public static boolean abstainedIn(JsonNode score) {
        return score.path("weight").asDouble() == 0;
    }

    private Optional<JsonNode> bayesScore(String lead, Instant trainedAt) throws Exception {
        for (JsonNode s : JSON.readTree(send("GET", "/api/v1/leads/" + lead + "/enrichment", null, null).body()).path("scores")) {
            if (s.path("provider").asText().equals("score-bayes/bayes") && !at(s.path("at")).isBefore(trainedAt)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A time as the API writes it: ISO text, or seconds since the epoch. */
    private static Instant at(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochMilli((long) (node.asDouble() * 1000)) : Instant.parse(node.asText());
    }

    private Map<String, String> leadsByNumber() throws Exception {
        Map<String, String> leads = new HashMap<>();
        String cursor = "";
        do {
            JsonNode page = JSON.readTree(send("GET", "/api/v1/leads?limit=200" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), null, null).body());
            page.path("items").forEach(l -> leads.put(l.path("customFields").path("Lead Number").asText(), l.path("id").asText()));
            cursor = page.path("nextCursor").asText("");
        } while (!cursor.isEmpty());
        return leads;
    }

    private static void expectOk(HttpResponse<String> response, String what) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(PATIENCE).header("Authorization", "Bearer " + token);
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
