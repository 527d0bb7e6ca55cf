package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code /api/openapi.json} is checked against the code: it is a valid OpenAPI 3.1
 * document, it names exactly the routes of the routes table (the console and CORS preflights aside), every example in
 * it matches its schema, and real answers of a running server, and the requests that got them, match the schemas the
 * document gives for that operation and status.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the validator finds the document, so that its {@code #/components/...} references resolve. */
    private static final String BASE = "https://leadline.invalid/openapi.json";
    private static final Pattern ROUTE = Pattern.compile("routes\\.(get|post|put|delete|patch|head)\\(\"([^\"]+)\"");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private static TestServer server;
    private static String text;
    private static JsonNode doc;
    private static SchemaRegistry schemas;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of()),
                        new RepSpec("bea@example.com", "Bea Booker", "UTC", "24/7", null, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com")),
                        new QueueSpec("Bookings", null, List.of("bea@example.com"))), Actor.cli("test"));
        HttpResponse<String> served = server.send(HttpRequest.newBuilder(server.uri("/api/openapi.json")).build());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        text = served.body();
        doc = JSON.readTree(text);
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemas(Map.of(BASE, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theServedDocumentIsAValidOpenApi31Document() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(parsed.getOpenAPI().getWebhooks()).containsOnlyKeys("lead.created", "lead.routed", "lead.claimed", "lead.status_changed",
                "lead.converted", "lead.unconverted", "lead.merged", "lead.unmerged", "lead.contact_attempted", "lead.note_added", "meeting.scheduled", "sla.breached", "duplicate.flagged");
    }

    @Test
    void theDocumentNamesExactlyTheRoutesOfTheRoutesTable() {
        Set<String> routed = routesInTheTable();
        Set<String> documented = documentedOperations();

        assertThat(routed).as("routes found in HttpApi.java").hasSizeGreaterThan(100).contains("GET /api/openapi.json", "GET /api/docs");
        assertThat(routed).filteredOn(route -> !documented.contains(route)).as("routes missing from the OpenAPI document").isEmpty();
        assertThat(documented).filteredOn(op -> !routed.contains(op))
                .as("documented operations the routes table does not have").isEmpty();
    }

    @Test
    void everyRequestAndSuccessHasAnExampleAndEveryExampleMatchesItsSchema() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String section : List.of("paths", "webhooks")) {
            for (var path : doc.path(section).properties()) {
                for (var operation : path.getValue().properties()) {
                    if (!METHODS.contains(operation.getKey())) {
                        continue;
                    }
                    String where = section + " " + operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    JsonNode body = resolve(operation.getValue().path("requestBody"));
                    checked += checkExamples(where + " request", body.path("content"), true, problems);
                    for (var response : operation.getValue().path("responses").properties()) {
                        boolean success = response.getKey().startsWith("2");
                        checked += checkExamples(where + " " + response.getKey(), resolve(response.getValue()).path("content"), success, problems);
                    }
                }
            }
        }

        assertThat(checked).as("examples checked").isGreaterThan(200);
        assertThat(problems).isEmpty();
    }

    @Test
    void aLeadsLifeThroughTheApiAnswersAsDocumented() throws IOException {
        JsonNode created = call("POST", "/api/v1/leads", "/api/v1/leads", """
                {"firstName":"Ada","lastName":"Lovelace","email":"ada@engines.example","company":"Engines","employeeCount":250,
                 "birthDate":"1815-12-10","customFields":{"Budget":"50k"}}""", 201);
        String id = created.path("id").asText();
        call("GET", "/api/v1/leads/" + id, "/api/v1/leads/{id}", null, 200);
        call("GET", "/api/v1/leads?limit=5", "/api/v1/leads", null, 200);
        call("POST", "/api/v1/leads/" + id + "/assign", "/api/v1/leads/{id}/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}", 200);
        call("POST", "/api/v1/leads/" + id + "/claim", "/api/v1/leads/{id}/claim", "{\"rep\":\"jane@example.com\"}", 200);
        call("POST", "/api/v1/leads/" + id + "/claim", "/api/v1/leads/{id}/claim", "{\"rep\":\"omar@example.com\"}", 409);
        call("POST", "/api/v1/leads/" + id + "/contact-attempts", "/api/v1/leads/{id}/contact-attempts",
                "{\"rep\":\"jane@example.com\",\"channel\":\"email\",\"reached\":true,\"note\":\"replied\"}", 200);
        call("POST", "/api/v1/leads/" + id + "/notes", "/api/v1/leads/{id}/notes", "{\"rep\":\"jane@example.com\",\"text\":\"wants a demo\"}", 200);
        call("POST", "/api/v1/leads/" + id + "/meetings", "/api/v1/leads/{id}/meetings",
                "{\"rep\":\"jane@example.com\",\"startsAt\":\"2030-01-07T10:00:00Z\",\"title\":\"Demo\",\"attendees\":[\"ada@engines.example\"]}", 201);
        call("GET", "/api/v1/leads/" + id + "/meetings", "/api/v1/leads/{id}/meetings", null, 200);
        call("POST", "/api/v1/leads/" + id + "/tasks", "/api/v1/leads/{id}/tasks",
                "{\"rep\":\"jane@example.com\",\"title\":\"Send the quote\",\"dueAt\":\"2030-01-08T09:00:00Z\"}", 201);
        call("GET", "/api/v1/leads/" + id + "/tasks", "/api/v1/leads/{id}/tasks", null, 200);
        call("POST", "/api/v1/leads/" + id + "/qualify", "/api/v1/leads/{id}/qualify", "{\"rep\":\"jane@example.com\",\"note\":\"budget\"}", 200);
        call("POST", "/api/v1/leads/" + id + "/qualify", "/api/v1/leads/{id}/qualify", "{\"rep\":\"jane@example.com\"}", 409);
        call("GET", "/api/v1/leads/" + id + "/timeline", "/api/v1/leads/{id}/timeline", null, 200);
        call("GET", "/api/v1/leads/" + id + "/files", "/api/v1/leads/{id}/files", null, 200);
        call("GET", "/api/v1/leads/" + id + "/duplicates", "/api/v1/leads/{id}/duplicates", null, 200);
        call("GET", "/api/v1/leads/" + id + "/enrichment", "/api/v1/leads/{id}/enrichment", null, 200);
        call("POST", "/api/v1/leads/" + id + "/convert", "/api/v1/leads/{id}/convert",
                "{\"rep\":\"jane@example.com\",\"account\":{\"name\":\"Engines Ltd\"},\"opportunity\":{\"name\":\"Pilot\",\"amount\":1200}}", 200);
        call("POST", "/api/v1/leads/" + id + "/unconvert", "/api/v1/leads/{id}/unconvert", "{\"rep\":\"mia@example.com\"}", 200);
        call("GET", "/api/v1/disqualify-reasons", "/api/v1/disqualify-reasons", null, 200);
    }

    @Test
    void theTeamFormsRulesViewsTokensAndPluginsAnswerAsDocumented() throws IOException {
        call("GET", "/api/v1/reps", "/api/v1/reps", null, 200);
        call("GET", "/api/v1/queues", "/api/v1/queues", null, 200);
        call("PUT", "/api/v1/forms/contact", "/api/v1/forms/{key}",
                "{\"name\":\"Contact us\",\"fieldMapping\":{\"work_email\":\"email\"},\"defaultSource\":\"web\",\"allowedOrigins\":[\"https://example.com\"]}", 200);
        call("GET", "/api/v1/forms", "/api/v1/forms", null, 200);
        call("PUT", "/api/v1/rules/api", "/api/v1/rules/{purpose}",
                "{\"entries\":[{\"name\":\"Big\",\"when\":{\"field\":\"employeeCount\",\"op\":\"ge\",\"value\":1000},\"to\":{\"queue\":\"Inbound\"}}],"
                        + "\"default\":{\"queue\":\"Inbound\"}}", 200);
        call("GET", "/api/v1/rules/api", "/api/v1/rules/{purpose}", null, 200);
        call("GET", "/api/v1/rules", "/api/v1/rules", null, 200);
        call("POST", "/api/v1/routing/dry-run", "/api/v1/routing/dry-run", "{\"email\":\"big@corp.example\",\"employeeCount\":5000}", 200);
        String routed = call("POST", "/api/v1/leads", "/api/v1/leads", "{\"email\":\"big@corp.example\",\"employeeCount\":5000}", 201)
                .path("id").asText();
        HttpResponse<String> decision = await().atMost(Duration.ofSeconds(10))
                .until(() -> server.get("/api/v1/leads/" + routed + "/routing"), response -> response.statusCode() == 200);
        checkResponse("GET", "/api/v1/leads/{id}/routing", decision, 200);
        call("PUT", "/api/v1/views/big-leads", "/api/v1/views/{name}",
                "{\"filters\":[{\"field\":\"employeeCount\",\"op\":\"ge\",\"value\":\"1000\"}],\"sort\":\"-employeeCount\"}", 201);
        call("GET", "/api/v1/views", "/api/v1/views", null, 200);
        call("GET", "/api/v1/views/big-leads", "/api/v1/views/{name}", null, 200);
        call("GET", "/api/v1/views/counts", "/api/v1/views/counts", null, 200);
        call("POST", "/api/v1/tokens", "/api/v1/tokens", "{\"name\":\"crm-sync\",\"role\":\"integration\",\"actAs\":true,\"expiresInDays\":30}", 201);
        call("GET", "/api/v1/tokens", "/api/v1/tokens", null, 200);
        call("DELETE", "/api/v1/tokens/crm-sync", "/api/v1/tokens/{name}", null, 200);
        JsonNode plugins = call("GET", "/api/v1/plugins", "/api/v1/plugins", null, 200);
        if (!plugins.isEmpty()) {
            call("GET", "/api/v1/plugins/" + plugins.get(0).path("id").asText(), "/api/v1/plugins/{id}", null, 200);
        }
        call("GET", "/api/v1/cadences", "/api/v1/cadences", null, 200);
        call("GET", "/api/v1/suppressions", "/api/v1/suppressions", null, 200);
        call("GET", "/api/v1/reports/funnel?by=source", "/api/v1/reports/funnel", null, 200);
        call("GET", "/api/v1/reports/speed-to-lead?by=queue", "/api/v1/reports/speed-to-lead", null, 200);
        call("GET", "/health", "/health", null, 200);
        call("GET", "/health/live", "/health/live", null, 200);
        call("GET", "/health/ready", "/health/ready", null, 200);
    }

    @Test
    void duplicatesMeetingsNurtureImportsAndReportsAnswerAsDocumented() throws IOException {
        String a = call("POST", "/api/v1/leads", "/api/v1/leads", "{\"email\":\"grace@navy.example\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\"}", 201)
                .path("id").asText();
        String b = call("POST", "/api/v1/leads", "/api/v1/leads",
                "{\"email\":\"g.hopper@navy.example\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"phone\":\"+1 202 555 0100\"}", 201)
                .path("id").asText();
        // a new lead is still being looked at in the background (duplicates, routing) for a moment, which a merge may race
        String merge = "{\"rep\":\"mia@example.com\",\"leads\":[\"" + b + "\"],\"fields\":{\"phone\":\"" + b + "\"}}";
        checkRequest("POST", "/api/v1/leads/{id}/merge", "application/json", merge, 200);
        HttpResponse<String> merged = await().atMost(Duration.ofSeconds(10))
                .until(() -> server.postJson("/api/v1/leads/" + a + "/merge", merge), response -> response.statusCode() != 409);
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        checkResponse("POST", "/api/v1/leads/{id}/merge", merged, 200);
        call("POST", "/api/v1/leads/" + a + "/unmerge", "/api/v1/leads/{id}/unmerge", "{\"rep\":\"mia@example.com\"}", 200);
        call("POST", "/api/v1/leads/" + a + "/duplicates/" + b + "/dismiss", "/api/v1/leads/{id}/duplicates/{other}/dismiss",
                "{\"rep\":\"mia@example.com\"}", 200);
        call("POST", "/api/v1/leads/" + a + "/assign", "/api/v1/leads/{id}/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}", 200);
        call("POST", "/api/v1/leads/" + a + "/claim", "/api/v1/leads/{id}/claim", "{\"rep\":\"jane@example.com\"}", 200);
        call("POST", "/api/v1/leads/" + a + "/release", "/api/v1/leads/{id}/release", "{\"rep\":\"jane@example.com\"}", 200);
        call("POST", "/api/v1/leads/" + a + "/assign", "/api/v1/leads/{id}/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}", 200);

        JsonNode meeting = call("POST", "/api/v1/leads/" + a + "/meetings", "/api/v1/leads/{id}/meetings",
                "{\"rep\":\"jane@example.com\",\"startsAt\":\"2030-02-04T10:00:00Z\",\"durationMinutes\":45}", 201);
        String m = meeting.path("id").asText();
        call("GET", "/api/v1/meetings/" + m, "/api/v1/meetings/{ref}", null, 200);
        call("POST", "/api/v1/meetings/" + m + "/reschedule", "/api/v1/meetings/{id}/reschedule",
                "{\"rep\":\"jane@example.com\",\"startsAt\":\"2030-02-05T10:00:00Z\"}", 200);
        call("POST", "/api/v1/meetings/" + m + "/outcome", "/api/v1/meetings/{id}/outcome", "{\"rep\":\"jane@example.com\",\"outcome\":\"cancelled\"}", 200);
        String task = call("POST", "/api/v1/leads/" + a + "/tasks", "/api/v1/leads/{id}/tasks",
                "{\"rep\":\"jane@example.com\",\"title\":\"Call back\",\"dueAt\":\"2030-02-06T09:00:00Z\"}", 201).path("id").asText();
        call("POST", "/api/v1/tasks/" + task + "/complete", "/api/v1/tasks/{id}/complete", "{\"rep\":\"jane@example.com\"}", 200);

        send("PUT", "/api/v1/cadences/check-back", "/api/v1/cadences/{name}", "application/yaml",
                "sendWindow: MON-FRI 09:00-17:00\nsteps:\n  - wait: 3d\n  - task: {title: \"Call {{ lead.firstName }}\", due: 1d}\n", 200);
        call("GET", "/api/v1/cadences/check-back", "/api/v1/cadences/{name}", null, 200);
        call("POST", "/api/v1/leads/" + b + "/nurture", "/api/v1/leads/{id}/nurture", "{\"cadence\":\"check-back\",\"rep\":\"jane@example.com\"}", 201);
        call("GET", "/api/v1/leads/" + b, "/api/v1/leads/{id}", null, 200);
        call("DELETE", "/api/v1/leads/" + b + "/nurture", "/api/v1/leads/{id}/nurture", "{\"rep\":\"jane@example.com\"}", 200);
        call("POST", "/api/v1/leads/" + b + "/disqualify", "/api/v1/leads/{id}/disqualify",
                "{\"rep\":\"mia@example.com\",\"reason\":\"Bad timing\",\"note\":\"next year\"}", 200);
        call("PUT", "/api/v1/suppressions/grace@navy.example", "/api/v1/suppressions/{address}", "{\"reason\":\"asked by phone\"}", 201);
        call("GET", "/api/v1/suppressions?limit=10", "/api/v1/suppressions", null, 200);
        call("DELETE", "/api/v1/suppressions/grace@navy.example", "/api/v1/suppressions/{address}", null, 200);
        call("PUT", "/api/v1/reps/omar@example.com/availability", "/api/v1/reps/{rep}/availability",
                "{\"paused\":true,\"outOfOffice\":{\"from\":\"2030-03-01T00:00:00Z\",\"until\":\"2030-03-08T00:00:00Z\"}}", 200);
        JsonNode openEnded = call("PUT", "/api/v1/reps/omar@example.com/availability", "/api/v1/reps/{rep}/availability",
                "{\"paused\":false,\"outOfOffice\":{\"from\":\"2030-03-01T00:00:00Z\"}}", 200);
        assertThat(openEnded.path("outOfOffice").path("until").isNull()).as("an open-ended absence: until is null, not \"null\"").isTrue();
        call("GET", "/api/v1/suppressions?limit=abc", "/api/v1/suppressions", null, 400);

        String csv = "First Name,Last Name,Email\nAlan,Turing,alan@bletchley.example\nBad,Row,nope\n";
        send("POST", "/api/v1/leads/import/preview", "/api/v1/leads/import/preview", "text/csv", csv, 200);
        JsonNode report = send("POST", "/api/v1/leads/import", "/api/v1/leads/import", "text/csv", csv, 200);
        call("GET", "/api/v1/imports/" + report.path("job").asText(), "/api/v1/imports/{id}", null, 200);
        send("POST", "/api/v1/accounts/import", "/api/v1/accounts/import", "text/csv", "name,domain\nBletchley Park,bletchley.example\n", 200);
        for (String name : List.of("conversion", "reps", "trends", "fairness", "quality")) {
            call("GET", "/api/v1/reports/" + name, "/api/v1/reports/" + name, null, 200);
        }
        call("GET", "/api/v1/reports/fairness/skips", "/api/v1/reports/fairness/skips", null, 200);
    }

    @Test
    void aVisitorBooksAMeetingThroughAFormAsDocumented() throws IOException {
        call("PUT", "/api/v1/forms/meet", "/api/v1/forms/{key}",
                "{\"name\":\"Meet us\",\"defaultSource\":\"web\",\"booking\":{\"queue\":\"Bookings\",\"durationMinutes\":45}}", 200);
        JsonNode received = call("POST", "/forms/meet", "/forms/{key}", "{\"email\":\"vera@client.example\",\"last_name\":\"Visitor\"}", 201);
        String link = java.net.URI.create(received.path("booking").path("url").asText()).getPath();

        JsonNode slots = call("GET", link + "/slots?tz=Europe/Berlin", "/book/{token}/slots", null, 200);
        call("POST", link, "/book/{token}", "{\"startsAt\":\"" + slots.path("slots").get(0).path("startsAt").asText() + "\"}", 201);
        call("POST", link + "/cancel", "/book/{token}/cancel", "{\"timeZone\":\"Europe/Berlin\"}", 200);
    }

    @Test
    void webhookSubscriptionsTheirLogAndReplaysAnswerAsDocumented() throws IOException {
        // a public address literal: saved without DNS; its deliveries wait in the log (nothing here reaches it)
        JsonNode made = call("POST", "/api/v1/webhooks", "/api/v1/webhooks",
                "{\"url\":\"https://93.184.215.14/hooks/leadline\",\"events\":[\"lead.created\",\"lead.note_added\"],\"description\":\"CRM sync\"}", 201);
        String hook = "/api/v1/webhooks/" + made.path("id").asLong();
        call("GET", "/api/v1/webhooks", "/api/v1/webhooks", null, 200);
        call("GET", hook, "/api/v1/webhooks/{id}", null, 200);
        call("POST", "/api/v1/leads", "/api/v1/leads", "{\"email\":\"hooked@client.example\",\"lastName\":\"Hooked\"}", 201);
        JsonNode log = call("GET", hook + "/deliveries?limit=10", "/api/v1/webhooks/{id}/deliveries", null, 200);
        assertThat(log.path("deliveries")).hasSize(1);
        call("POST", hook + "/deliveries/" + log.path("deliveries").get(0).path("id").asLong() + "/replay",
                "/api/v1/webhooks/{id}/deliveries/{delivery}/replay", null, 202);
        call("POST", hook + "/replay", "/api/v1/webhooks/{id}/replay",
                "{\"from\":\"" + java.time.Instant.now().minusSeconds(3600) + "\",\"to\":\"" + java.time.Instant.now().plusSeconds(60)
                        + "\",\"status\":\"pending\"}", 202);
        call("PATCH", hook, "/api/v1/webhooks/{id}", "{\"status\":\"paused\"}", 200);
        call("POST", "/api/v1/webhooks", "/api/v1/webhooks", "{\"url\":\"https://93.184.215.14/x\",\"events\":[\"lead.eaten\"]}", 400);
        call("GET", "/api/v1/webhooks/999999", "/api/v1/webhooks/{id}", null, 404);
        call("DELETE", hook, "/api/v1/webhooks/{id}", null, 204);
    }

    @Test
    void errorsAnswerInTheDocumentedShape() throws IOException {
        JsonNode invalid = call("POST", "/api/v1/leads", "/api/v1/leads", "{\"email\":\"nope\",\"shoeSize\":44}", 400);
        assertThat(invalid.path("error").asText()).isEqualTo("validation_failed");
        call("GET", "/api/v1/leads/L-999999", "/api/v1/leads/{id}", null, 404);
        call("GET", "/api/v1/rules/nothing-here", "/api/v1/rules/{purpose}", null, 404);
        call("GET", "/api/v1/leads?status=LOST", "/api/v1/leads", null, 400);
        HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(server.uri("/api/v1/leads")).build());
        checkResponse("GET", "/api/v1/leads", anonymous, 401);
    }

    /**
     * Sends a request as the admin and gives the answer's JSON, once checked against the document: the answer against the
     * schema of its status, the request against the schema of the body (which refuses it too when the server says 400).
     */
    private static JsonNode call(String method, String uri, String template, String body, int status) throws IOException {
        return send(method, uri, template, "application/json", body, status);
    }

    private static JsonNode send(String method, String uri, String template, String type, String body, int status) throws IOException {
        HttpRequest.Builder request = server.request(uri);
        if (body != null) {
            checkRequest(method, template, type, body, status);
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = server.send(request.build());
        assertThat(response.statusCode()).as("%s %s: %s", method, uri, response.body()).isEqualTo(status);
        return checkResponse(method, template, response, status);
    }

    private static void checkRequest(String method, String template, String type, String body, int status) throws IOException {
        JsonNode sent = type.equals("application/json") ? JSON.readTree(body) : JSON.getNodeFactory().textNode(body);
        List<Error> errors = validate(schemaOf(operation(template, method).path("requestBody"), type), sent);
        if (status / 100 == 2) {
            assertThat(errors).as("%s %s request %s", method, template, body).isEmpty();
        } else if (status == 400) {
            assertThat(errors).as("%s %s request the server refuses, by its schema too: %s", method, template, body).isNotEmpty();
        }
    }

    private static JsonNode checkResponse(String method, String template, HttpResponse<String> response, int status) throws IOException {
        JsonNode documented = resolve(operation(template, method).path("responses").path(Integer.toString(status)));
        assertThat(documented.isMissingNode()).as("%s %s documents %s", method, template, status).isFalse();
        if (documented.path("content").isMissingNode()) {
            assertThat(response.body()).as("%s %s %s has no body", method, template, status).isEmpty();
            return JSON.missingNode();
        }
        JsonNode answer = JSON.readTree(response.body());
        assertThat(validate(schemaOf(documented, "application/json"), answer)).as("%s %s %s: %s", method, template, status, answer).isEmpty();
        return answer;
    }

    private static JsonNode operation(String template, String method) {
        JsonNode operation = doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s %s is documented", method, template).isFalse();
        return operation;
    }

    private static JsonNode schemaOf(JsonNode bodyOrResponse, String mediaType) {
        JsonNode schema = resolve(bodyOrResponse).path("content").path(mediaType).path("schema");
        assertThat(schema.isMissingNode()).as("a %s schema in %s", mediaType, bodyOrResponse).isFalse();
        return schema;
    }

    /** Counts the examples of one request body or response and adds a problem for each that does not match its schema. */
    private static int checkExamples(String where, JsonNode content, boolean exampleRequired, List<String> problems) {
        int checked = 0;
        for (var media : content.properties()) {
            List<JsonNode> examples = new ArrayList<>();
            if (media.getValue().has("example")) {
                examples.add(media.getValue().get("example"));
            }
            media.getValue().path("examples").forEach(example -> examples.add(resolve(example).path("value")));
            if (examples.isEmpty() && exampleRequired) {
                problems.add(where + " " + media.getKey() + ": no example");
            }
            for (JsonNode example : examples) {
                List<Error> errors = validate(media.getValue().path("schema"), example);
                errors.forEach(error -> problems.add(where + " " + media.getKey() + ": " + error));
                checked++;
            }
        }
        return checked;
    }

    /** Validates a value against a schema of the document, its references resolved within the document. */
    private static List<Error> validate(JsonNode schema, JsonNode value) {
        return schemas.getSchema(absolute(schema.deepCopy())).validate(value);
    }

    /** The schema with its {@code #/...} references made absolute, so that they point into the document wherever it is used. */
    private static JsonNode absolute(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("$ref").isTextual() && object.get("$ref").asText().startsWith("#")) {
                object.put("$ref", BASE + object.get("$ref").asText());
            }
            object.properties().forEach(entry -> absolute(entry.getValue()));
        } else if (node.isArray()) {
            node.forEach(OpenApiTest::absolute);
        }
        return node;
    }

    /** A {@code $ref} to a response, request body or example of the components, followed. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() && ref.asText().startsWith("#/") ? resolve(doc.at(ref.asText().substring(1))) : node;
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        for (var path : doc.path("paths").properties()) {
            for (String method : iterable(path.getValue().fieldNames())) {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** Each route of the routes table, but for the console's pages and the CORS preflights. */
    private static Set<String> routesInTheTable() {
        Matcher m = ROUTE.matcher(read(repositoryRoot().resolve("server/src/main/java/dev/leadline/server/http/HttpApi.java")));
        Set<String> routes = new TreeSet<>();
        while (m.find()) {
            if (!m.group(2).startsWith("/console")) {
                routes.add(m.group(1).toUpperCase(Locale.ROOT) + " " + m.group(2));
            }
        }
        return routes;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding .mvn above " + Path.of("").toAbsolutePath());
    }
}
