package dev.leadline.plugins.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback stand-in for an OpenAI-compatible {@code POST /v1/chat/completions}, answering in the shape
 * OpenAI documents for a chat completion (as Ollama, llama.cpp and vLLM do), and recording what it was sent.
 */
final class ChatCompletionsStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stub saw it: header names in lower case. */
    record Seen(String method, String path, Map<String, String> headers, JsonNode body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile Map<String, String> headers = Map.of();
    private volatile String body = completion("{\"subject\":\"Hello\",\"body\":\"Hi\",\"rationale\":\"\"}");
    private volatile boolean hang;

    ChatCompletionsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** The API's base URL, as a user sets it: {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers a 200 chat completion whose message content is this text. */
    ChatCompletionsStub answering(String content) {
        return answering(200, Map.of(), completion(content));
    }

    ChatCompletionsStub answering(int status, Map<String, String> headers, String body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        return this;
    }

    /** Takes the request and answers nothing until closed. */
    /** Waits until a request is being held by {@link #hanging()}: the caller is then waiting for its answer. */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    ChatCompletionsStub hanging() {
        this.hang = true;
        return this;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** A chat completion as OpenAI documents it, its one choice's message content this text. */
    static String completion(String content) {
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
        completion.put("object", "chat.completion");
        completion.put("created", 1741569952L);
        completion.put("model", "llama3.1:8b");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        completion.putObject("usage").put("prompt_tokens", 412).put("completion_tokens", 96).put("total_tokens", 508);
        completion.put("system_fingerprint", "fp_ollama");
        return completion.toString();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            byte[] request = exchange.getRequestBody().readAllBytes();
            Map<String, String> seenHeaders = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> seenHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), seenHeaders,
                    JSON.readTree(new String(request, StandardCharsets.UTF_8))));
            if (hang) {
                held.countDown();
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
