package dev.leadline.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Claim races against the jar over HTTP: (1) 50 reps claim the same lead at once, repeated; each
 * round must have exactly one winner; (2) 100 reps each claim a different lead at once; latency.
 */
public final class ClaimBench {
    private static final Pattern ID = Pattern.compile("\"id\":\"(L-\\d+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int spreadRounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = ServerProcess.tempDir("leadline-claim-bench");
        StringBuilder yaml = new StringBuilder("reps:\n  - {email: boss@bench.example, name: Boss, role: MANAGER}\n");
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            yaml.append("  - {email: rep").append(i).append("@bench.example, name: Rep ").append(i).append("}\n");
            members.append(i == 0 ? "" : ", ").append("rep").append(i).append("@bench.example");
        }
        yaml.append("queues:\n  - name: Inbound\n    members: [").append(members).append("]\n");
        Files.writeString(dir.resolve("leadline.yml"), yaml);
        try (ServerProcess server = ServerProcess.start(dir, 18083, Map.of("LEADLINE_DB_POOL_SIZE", "32"))) {
            ExecutorService pool = Executors.newFixedThreadPool(100);
            int exactlyOne = 0;
            for (int r = 0; r < rounds; r++) {
                String lead = offeredLead(server);
                List<Integer> statuses = race(server, pool, List.of(lead), 50, null);
                long wins = statuses.stream().filter(s -> s == 200).count();
                long losses = statuses.stream().filter(s -> s == 409).count();
                if (wins == 1 && losses == 49) {
                    exactlyOne++;
                } else {
                    System.out.println("round " + r + ": " + wins + " winners, " + losses + " told it was taken");
                }
            }
            System.out.printf("same lead, 50 concurrent claims x %d rounds: exactly one winner in %d rounds%n", rounds, exactlyOne);

            Histogram latency = new Histogram(3);
            for (int r = 0; r < spreadRounds; r++) {
                List<String> leads = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    leads.add(offeredLead(server));
                }
                race(server, pool, leads, 100, latency);
            }
            System.out.printf("100 concurrent claims on different leads x %d rounds: p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    spreadRounds, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(95) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
            pool.shutdown();
        }
    }

    private static List<Integer> race(ServerProcess server, ExecutorService pool, List<String> leads, int claimants, Histogram latency)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(claimants);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < claimants; i++) {
            String lead = leads.get(i % leads.size());
            String rep = "rep" + i + "@bench.example";
            results.add(pool.submit(() -> {
                start.await();
                long t0 = System.nanoTime();
                int status = post(server, "/api/v1/leads/" + lead + "/claim", "{\"rep\":\"" + rep + "\"}").statusCode();
                if (latency != null) {
                    synchronized (latency) {
                        latency.recordValue(System.nanoTime() - t0);
                    }
                }
                return status;
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        return statuses;
    }

    private static String offeredLead(ServerProcess server) throws Exception {
        HttpResponse<String> created = post(server, "/api/v1/leads", "{\"lastName\":\"Race\",\"company\":\"Race Co\"}");
        Matcher m = ID.matcher(created.body());
        if (!m.find()) {
            throw new IllegalStateException("no lead id in " + created.body());
        }
        post(server, "/api/v1/leads/" + m.group(1) + "/assign", "{\"rep\":\"boss@bench.example\",\"queue\":\"Inbound\"}");
        return m.group(1);
    }

    private static HttpResponse<String> post(ServerProcess server, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
