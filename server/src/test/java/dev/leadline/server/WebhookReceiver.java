package dev.leadline.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on loopback, as a subscriber's endpoint: it records every request (headers and body)
 * and answers with the statuses queued for it (200 once they run out); one answer may be held until released.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    record Received(Map<String, String> headers, String body, int answered) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private volatile CountDownLatch hold;
    private volatile CountDownLatch holding;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            CountDownLatch held = hold;
            if (held != null) {
                hold = null;
                received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), 0));
                holding.countDown();
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            Integer status = answers.poll();
            int code = status == null ? 200 : status;
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), code));
            byte[] answer = (code == 200 ? "{\"ok\":true}" : "{\"error\":\"try later\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered with these statuses, in order. */
    void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    /** The next request is held without an answer until the returned latch is counted down; {@link #holding()} says when it came. */
    CountDownLatch holdNext() {
        CountDownLatch release = new CountDownLatch(1);
        holding = new CountDownLatch(1);
        hold = release;
        return release;
    }

    CountDownLatch holding() {
        return holding;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> received(String type) {
        return received().stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).toList();
    }

    void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
