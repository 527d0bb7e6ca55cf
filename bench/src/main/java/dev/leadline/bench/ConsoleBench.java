package dev.leadline.bench;

import dev.leadline.db.Database;
import dev.leadline.db.EmbeddedMariaDb;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console on a large lead table (the data of {@link ViewsBench}), against the built jar run as its
 * own process: a manager signed in by a one-time link from {@code leadline login-link}, then My work (the
 * manager's own view counts and everyone's set views counted), the list of each view (first page and the
 * next page by its keyset link) and random leads' pages. Times are request to last byte over loopback
 * (server time plus loopback and the client's own work); bytes are as transferred, gzip asked for.
 * {@code ConsoleBench [leads] [repeats]}; {@code -Dbench.data=/some/dir} keeps and reuses the data.
 */
public final class ConsoleBench {
    /** rep2 owns 20,000 leads (rep1 none: the generator's owner and status go by the lead's number). */
    private static final String MANAGER = "rep2@bench.example";
    private static final List<String> VIEWS = List.of("mine", "overdue", "upcoming", "no-upcoming", "idle", "no-activity", "new", "recent");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:console/assets|webjars)/[^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = ViewsBench.dataDir("leadline-console");
        try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dir); Database db = embedded.connect(EmbeddedMariaDb.DATABASE, 2)) {
            ViewsBench.generateOnce(db.dsl(), leads);
            db.dsl().execute("UPDATE rep SET role = IF(email = ?, 'MANAGER', 'REP')", MANAGER);
        }
        Map<String, String> env = Map.of("LEADLINE_DATA_DIR", dir.toString(), "LEADLINE_PLUGINS_DIR", dir.resolve("no-plugins").toString());
        try (ServerProcess server = ServerProcess.start(dir, 18090, env)) {
            String cookie = signIn(server, dir, env);
            System.out.println("page                                  p50        p95      bytes (gzip)");
            measure(server, cookie, "/console (My work, its counts after it)", i -> "/console?view=mine", repeats);
            measure(server, cookie, "/console/counts (My work's counts)", i -> "/console/counts?view=mine", repeats);
            for (String view : VIEWS) {
                String scope = view.equals("mine") || view.equals("new") || view.equals("recent") ? "" : "&scope=everyone";
                measure(server, cookie, "/console/list " + view + (scope.isEmpty() ? "" : " (everyone)"),
                        i -> "/console/list?view=" + view + scope, repeats);
                String next = next(get(server, cookie, "/console/list?view=" + view + scope).body());
                if (!next.isEmpty()) {
                    String after = next.substring(next.indexOf('?'));
                    measure(server, cookie, "  next page", i -> "/console/list" + after, repeats);
                }
            }
            Random random = new Random(11);
            measure(server, cookie, "/console/leads/{id} (random)", i -> "/console/leads/L-" + (1 + random.nextInt(leads)), repeats);
            firstLoad(server, cookie, "/console");
            firstLoad(server, cookie, "/console/leads/L-" + (1 + random.nextInt(leads)));
            System.out.println(server.cpu());
        }
    }

    private static String signIn(ServerProcess server, Path dir, Map<String, String> env) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ServerProcess.jar().toAbsolutePath().toString(), "login-link", "--rep", MANAGER);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(dir.resolve("login-link.log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("login-link failed; see " + dir.resolve("login-link.log"));
        }
        String link = out.substring(out.lastIndexOf('/') + 1);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(server.uri("/console/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("link=" + URLEncoder.encode(link, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException("not signed in: "
                + answer.statusCode() + " " + answer.body()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static void measure(ServerProcess server, String cookie, String name, java.util.function.IntFunction<String> paths, int repeats)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < repeats + 2; i++) {
            String path = paths.apply(i);
            long started = System.nanoTime();
            HttpResponse<byte[]> answer = HTTP.send(request(server, cookie, path), HttpResponse.BodyHandlers.ofByteArray());
            double took = (System.nanoTime() - started) / 1e6;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode());
            }
            if (i >= 2) { // the first two warm the server up
                millis.add(took);
                bytes = Math.max(bytes, answer.body().length);
            }
        }
        System.out.printf("%-34s %7.1f ms %7.1f ms %8s%n", name, pct(millis, 50), pct(millis, 95), kb(bytes));
    }

    /** The page and everything it loads (styles, scripts), as transferred. */
    private static void firstLoad(ServerProcess server, String cookie, String path) throws Exception {
        HttpResponse<byte[]> page = HTTP.send(request(server, cookie, path), HttpResponse.BodyHandlers.ofByteArray());
        String html = get(server, cookie, path).body();
        long total = page.body().length;
        StringBuilder parts = new StringBuilder(path + " " + kb(page.body().length) + " " + page.headers().firstValue("Content-Encoding").orElse("identity"));
        Set<String> assets = new LinkedHashSet<>();
        Matcher matcher = ASSET.matcher(html);
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        for (String asset : assets) {
            HttpResponse<byte[]> answer = HTTP.send(request(server, cookie, asset), HttpResponse.BodyHandlers.ofByteArray());
            total += answer.body().length;
            parts.append(" + ").append(asset.substring(asset.lastIndexOf('/') + 1)).append(' ').append(kb(answer.body().length))
                    .append(' ').append(answer.headers().firstValue("Content-Encoding").orElse("identity"));
        }
        System.out.printf("first load of %s: %s total (%s)%n", path, kb(total), parts);
    }

    private static HttpRequest request(ServerProcess server, String cookie, String path) {
        return HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).header("Accept-Encoding", "gzip")
                .timeout(Duration.ofSeconds(60)).build();
    }

    private static HttpResponse<String> get(ServerProcess server, String cookie, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String next(String html) {
        Matcher matcher = NEXT.matcher(html);
        return matcher.find() ? matcher.group(1).replace("&amp;", "&") : "";
    }

    private static String kb(long bytes) {
        return String.format("%.1f KB", bytes / 1024.0);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
