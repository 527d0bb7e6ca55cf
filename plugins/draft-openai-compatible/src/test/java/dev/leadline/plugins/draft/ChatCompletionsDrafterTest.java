package dev.leadline.plugins.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.Draft;
import dev.leadline.plugin.DraftRequest;
import dev.leadline.plugin.testkit.TestContext;
import dev.leadline.plugin.testkit.TestLeads;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** draft-openai-compatible against a loopback stand-in for an OpenAI-compatible chat-completions API. */
class ChatCompletionsDrafterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ANSWER = """
            {"subject": "Acme's pilot: a 20-minute walkthrough?",
             "body": "Hi Jane,\\n\\nThanks for downloading our pricing guide. Would a 20-minute walkthrough for Acme's team help?\\n\\nBest,\\nOmar Haddad",
             "rationale": "She downloaded the pricing guide two days ago and has not been contacted yet."}""";

    private ChatCompletionsStub api;

    @BeforeEach
    void start() throws IOException {
        api = new ChatCompletionsStub();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A lead from a web form, with what enrichment found, two days into a cadence. */
    static DraftRequest request() {
        return new DraftRequest(TestLeads.lead(Map.of("firstName", "Jane", "lastName", "Rivera", "company", "Acme Robotics", "title", "Head of Operations",
                        "email", "jane.rivera@acme-robotics.example", "source", "web-form"), Map.of("industry", "Manufacturing", "employeeCount", "850")),
                new ActivitySummary(1, 0, Instant.parse("2026-12-01T10:15:00Z")),
                List.of("2026-12-01 Downloaded the pricing guide", "2026-11-30 Claimed by Omar Haddad"), "trial-follow-up",
                "Following up on your pricing guide, Jane", "Hi Jane,\n\nYou downloaded our pricing guide. Can I help?\n\nOmar", "Omar Haddad");
    }

    private TestContext context(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("url", api.baseUrl(), "model", "llama3.1:8b"));
        settings.putAll(extra);
        return TestContext.withConfig(settings);
    }

    @Test
    void theRequestCarriesTheModelBothMessagesTheKeyAndJsonModeAndTheAnswerIsTheDraft() throws Exception {
        api.answering(ANSWER);

        Draft draft = new ChatCompletionsDrafter().draft(request(), context(Map.of("apiKey", "sk-test-123")));

        assertThat(draft.subject()).isEqualTo("Acme's pilot: a 20-minute walkthrough?");
        assertThat(draft.body()).startsWith("Hi Jane,\n\nThanks for downloading").endsWith("Best,\nOmar Haddad");
        assertThat(draft.rationale()).isEqualTo("She downloaded the pricing guide two days ago and has not been contacted yet.");

        ChatCompletionsStub.Seen seen = api.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.headers()).containsEntry("authorization", "Bearer sk-test-123").containsEntry("content-type", "application/json");
        JsonNode body = seen.body();
        assertThat(body.path("model").asText()).isEqualTo("llama3.1:8b");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.path(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.path(0).path("content").asText()).contains("plain-text sales follow-up email on behalf of the sender")
                .contains("never invent facts").contains("Answer with ONLY a JSON object").contains("\"subject\"", "\"body\"", "\"rationale\"");
        assertThat(messages.path(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.path(1).path("content").asText()).contains("- firstName: Jane", "- company: Acme Robotics",
                "- title: Head of Operations", "- industry: Manufacturing", "- employeeCount: 850",
                "1 contact attempt(s), 0 meeting(s), last activity 2026-12-01T10:15:00Z",
                "- 2026-12-01 Downloaded the pricing guide", "Cadence: trial-follow-up", "Sender: Omar Haddad",
                "Subject: Following up on your pricing guide, Jane", "You downloaded our pricing guide. Can I help?");
    }

    @Test
    void withoutAKeyThereIsNoAuthorizationAndTheSettingsChangeTheRequest() throws Exception {
        api.answering(ANSWER);

        new ChatCompletionsDrafter().draft(request(), context(Map.of("url", api.baseUrl() + "/", "temperature", "0.9",
                "systemPrompt", "You write for Acme Robotics' sales team, in British English.")));

        ChatCompletionsStub.Seen seen = api.seen().get(0);
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.headers()).doesNotContainKey("authorization");
        assertThat(seen.body().path("temperature").asDouble()).isEqualTo(0.9);
        assertThat(seen.body().path("messages").path(0).path("content").asText())
                .startsWith("You write for Acme Robotics' sales team, in British English.")
                .contains("Answer with ONLY a JSON object")
                .doesNotContain("never invent facts");
    }

    @Test
    void anAnswerInMarkdownFencesWithWordsAroundItOrAfterThinkingStillParses() throws Exception {
        api.answering("Here is the draft:\n```json\n" + ANSWER + "\n```\nLet me know if you want changes {or not}.");
        assertThat(new ChatCompletionsDrafter().draft(request(), context(Map.of())).subject()).isEqualTo("Acme's pilot: a 20-minute walkthrough?");

        api.answering("<think>The lead {Jane} downloaded a guide.</think>\n" + ANSWER);
        assertThat(new ChatCompletionsDrafter().draft(request(), context(Map.of())).subject()).isEqualTo("Acme's pilot: a 20-minute walkthrough?");
    }

    @Test
    void aServerErrorThrowsWithTheStatusAndAtMost200CharactersOfTheBody() {
        api.answering(500, Map.of(), "{\"error\":{\"message\":\"model runner crashed: " + "x".repeat(1000) + "\"}}");

        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("answered HTTP 500: {\"error\":{\"message\":\"model runner crashed")
                .satisfies(e -> assertThat(e.getMessage().substring(e.getMessage().indexOf(": {") + 2)).hasSizeLessThanOrEqualTo(200));
    }

    @Test
    void aRateLimitThrowsWithItsRetryAfter() {
        api.answering(429, Map.of("Retry-After", "20"), "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");

        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of())))
                .hasMessageContaining("(HTTP 429, Retry-After: 20)").hasMessageContaining("Rate limit reached");

        api.answering(429, Map.of(), "{}");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("(HTTP 429, no Retry-After)");
    }

    @Test
    void malformedAnswersThrowSayingWhatIsWrong() {
        api.answering("{\"subject\": \"Hi\", \"body\": \"Hello\", }");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("not valid JSON");

        api.answering("Sure! Subject: Hi Jane. Body: Hello.");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("did not answer a JSON object");

        api.answering(200, Map.of(), "<html>Bad gateway</html>");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("did not answer JSON");

        api.answering(200, Map.of(), "{\"object\":\"chat.completion\",\"choices\":[]}");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of())))
                .hasMessageContaining("no choices[0].message.content");

        api.answering("{\"subject\": \"Hi\"}");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("has no body");

        api.answering("{\"subject\": \"Hi\", \"body\": [\"Hello\"]}");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("body is not a string");
    }

    @Test
    void anEmptySubjectOrBodyAndTooLongOnesThrow() {
        api.answering("{\"subject\": \" \\r\\n \", \"body\": \"Hello\"}");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("subject is empty");

        api.answering("{\"subject\": \"Hi\", \"body\": \"\"}");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("body is empty");

        api.answering("{\"subject\": \"" + "s".repeat(201) + "\", \"body\": \"Hello\"}");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("201 characters, at most 200");

        api.answering("{\"subject\": \"Hi\", \"body\": \"" + "b".repeat(20_001) + "\"}");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of()))).hasMessageContaining("20001 characters, at most 20000");
    }

    @Test
    void theSubjectIsMadeOneLineAndALongRationaleIsCut() throws Exception {
        api.answering("{\"subject\": \"Quick question\\r\\nfor Acme\", \"body\": \"Hello\\r\\nJane\", \"rationale\": \"" + "r".repeat(1500) + "\"}");

        Draft draft = new ChatCompletionsDrafter().draft(request(), context(Map.of()));

        assertThat(draft.subject()).isEqualTo("Quick question for Acme");
        assertThat(draft.body()).isEqualTo("Hello\nJane");
        assertThat(draft.rationale()).hasSize(1000).endsWith("…");

        api.answering("{\"subject\": \"Hi\", \"body\": \"Hello\"}");
        assertThat(new ChatCompletionsDrafter().draft(request(), context(Map.of())).rationale()).isEmpty();
    }

    @Test
    void noAnswerInTimeoutSecondsThrowsWithoutWaitingForTheHost() {
        api.hanging();
        long started = System.nanoTime();

        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of("timeoutSeconds", "0.5"))))
                .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("within 0.5 s (plugins.draft-openai-compatible.timeoutSeconds)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anInterruptedCallEndsAtOnce() throws Exception {
        api.hanging();
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                // interrupt once the request is out and the drafter is waiting for its answer
                if (api.awaitHeld(10)) {
                    caller.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();

        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of("timeoutSeconds", "10"))))
                .isInstanceOf(InterruptedException.class);
        interrupter.join();
        Thread.interrupted();
    }

    @Test
    void withoutAUrlOrAModelItSaysWhichSettingToSet() {
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), TestContext.withConfig(Map.of("model", "llama3.1:8b"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("set plugins.draft-openai-compatible.url (or LEADLINE_PLUGIN_DRAFT_OPENAI_COMPATIBLE_URL)");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), TestContext.withConfig(Map.of("url", api.baseUrl()))))
                .hasMessageStartingWith("set plugins.draft-openai-compatible.model");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of("temperature", "warm"))))
                .hasMessage("plugins.draft-openai-compatible.temperature must be a number, not 'warm'");
        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of("url", "localhost:11434/v1"))))
                .hasMessageContaining("must be an http:// or https:// URL");
        assertThat(api.seen()).isEmpty();
    }

    @Test
    void theApiKeyIsNeverInAnErrorMessage() {
        api.answering(401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided: sk-secret-abc123.\",\"code\":\"invalid_api_key\"}}");

        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of("apiKey", "sk-secret-abc123"))))
                .hasMessageContaining("answered HTTP 401 (check plugins.draft-openai-compatible.apiKey)")
                .hasMessageContaining("Incorrect API key provided: ***.")
                .message().doesNotContain("sk-secret-abc123");
    }

    @Test
    void aServerThatIsNotThereIsNamed() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";

        assertThatThrownBy(() -> new ChatCompletionsDrafter().draft(request(), context(Map.of("url", url))))
                .isInstanceOf(IOException.class).hasMessageStartingWith("cannot connect to " + url + "/chat/completions");
    }

    @Test
    void theFirstObjectIgnoresBracesInStrings() {
        assertThat(ChatCompletionsDrafter.firstObject("x {\"a\": \"} {\\\"\", \"b\": {\"c\": 1}} y {\"d\": 2}"))
                .contains("{\"a\": \"} {\\\"\", \"b\": {\"c\": 1}}");
        assertThat(ChatCompletionsDrafter.firstObject("{\"a\": 1")).isEmpty();
        assertThat(ChatCompletionsDrafter.firstObject("none")).isEmpty();
    }

    @Test
    void theDrafterIdIsStable() throws Exception {
        assertThat(new ChatCompletionsDrafter().id()).isEqualTo("openai-compatible");
        assertThat(JSON.readTree(ChatCompletionsStub.completion("x")).path("object").asText()).isEqualTo("chat.completion");
    }
}
