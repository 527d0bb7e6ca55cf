package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.CRM_LINK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.plugins.crm.hubspot.HubSpotStub;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bundled crm-hubspot plugin behind the integration outbox of a running server, against a loopback
 * HubSpot: a new lead becomes a contact, its claim sets the owner, an owner changed in HubSpot comes back
 * (the newer change winning, on the timeline), a conversion makes the company and the deal, and a 429
 * is waited out; the plugin's sync state is in {@code GET /api/v1/plugins/crm-hubspot}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrmSyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HubSpotStub hubspot;
    private static TestServer server;
    private static Path dir;
    private static String lead;

    @BeforeAll
    static void start() throws Exception {
        hubspot = new HubSpotStub();
        hubspot.now(Instant.now());
        hubspot.owner("1001", "jane@example.com");
        hubspot.owner("1002", "omar@example.com");
        dir = Files.createTempDirectory("leadline-crm-sync");
        Files.writeString(dir.resolve("leadline.yml"), """
                reps:
                  - {email: jane@example.com, name: Jane Rivera}
                  - {email: omar@example.com, name: Omar Haddad}
                queues:
                  - {name: Inbound, members: [jane@example.com, omar@example.com]}
                plugins:
                  crm-hubspot:
                    token: %s
                    baseUrl: %s
                """.formatted(HubSpotStub.TOKEN, hubspot.baseUrl()));
        server = TestServer.start(Map.of("LEADLINE_CONFIG", dir.resolve("leadline.yml").toString(), "LEADLINE_CRM_PULL_INTERVAL", "5s"));
    }

    @AfterAll
    static void stop() {
        server.close();
        hubspot.close();
        dev.leadline.db.TestDatabases.deleteQuietly(dir);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static HubSpotStub.Rec contact(String email) {
        return hubspot.records("contacts").values().stream().filter(r -> email.equals(r.properties().path("email").asText())).findFirst()
                .orElse(null);
    }

    @Test
    @Order(1)
    void aNewLeadBecomesAContactAndItsClaimSetsTheOwner() throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads",
                "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@analytical.example\",\"company\":\"Analytical Engines\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        lead = json(created.body()).path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> contact("ada@analytical.example") != null);
        assertThat(contact("ada@analytical.example").properties().path("lastname").asText()).isEqualTo("Lovelace");
        assertThat(hubspot.seen().stream().allMatch(s -> ("Bearer " + HubSpotStub.TOKEN).equals(s.headers().get("authorization")))).isTrue();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !json(server.get("/api/v1/leads/" + lead).body()).path("queueId").isNull());
        hubspot.now(Instant.now());
        HttpResponse<String> claimed = server.postJson("/api/v1/leads/" + lead + "/claim", "{\"rep\":\"jane@example.com\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "1001".equals(contact("ada@analytical.example").properties().path("hubspot_owner_id").asText()));
        String crmId = contact("ada@analytical.example").id();
        assertThat(server.database().dsl().select(CRM_LINK.CRM_ID).from(CRM_LINK).where(CRM_LINK.CONNECTOR.eq("crm-hubspot"))
                .and(CRM_LINK.KIND.eq("lead")).and(CRM_LINK.LOCAL_ID.eq(lead)).fetchOne(CRM_LINK.CRM_ID)).isEqualTo(crmId);
        assertThat(hubspot.records("contacts")).as("the second push updated the same contact").hasSize(1);
    }

    @Test
    @Order(2)
    void anOwnerChangedInHubSpotLaterComesBackToTheLeadWithBothOnTheTimeline() throws Exception {
        // the pull has taken its first cursor by now (every 5 s); the change is made after it
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !json(server.get("/api/v1/plugins/crm-hubspot").body())
                .path("crm").path("lastPullAt").isNull());
        Instant later = Instant.now().plusSeconds(60);
        hubspot.edit("contacts", contact("ada@analytical.example").id(), "hubspot_owner_id", "1002", later);

        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> server.services().team().repByEmail("omar@example.com").orElseThrow().id()
                == json(server.get("/api/v1/leads/" + lead).body()).path("ownerRepId").asLong());
        String timeline = server.get("/api/v1/leads/" + lead + "/timeline").body();
        assertThat(timeline).contains("Owner changed in hubspot to Omar Haddad").contains("Leadline had Jane Rivera");
        assertThat(timeline).contains("crm:crm-hubspot");
    }

    @Test
    @Order(3)
    void aConversionMakesTheCompanyAndTheDealInHubSpot() throws Exception {
        hubspot.now(Instant.now().plusSeconds(120));
        HttpResponse<String> converted = server.postJson("/api/v1/leads/" + lead + "/convert",
                "{\"rep\":\"omar@example.com\",\"opportunity\":{\"name\":\"Difference Engine\",\"amount\":12000}}");
        assertThat(converted.statusCode()).as(converted.body()).isIn(200, 201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !hubspot.records("deals").isEmpty());
        assertThat(hubspot.records("deals").values().iterator().next().properties().path("dealname").asText()).isEqualTo("Difference Engine");
        assertThat(hubspot.records("companies").values().iterator().next().properties().path("name").asText()).contains("Analytical");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.database().dsl().fetchCount(CRM_LINK,
                CRM_LINK.CONNECTOR.eq("crm-hubspot").and(CRM_LINK.KIND.in("account", "opportunity"))) == 2);
    }

    @Test
    @Order(4)
    void aRateLimitIsWaitedOutAndTheSyncStateSaysSo() throws Exception {
        hubspot.answerNext("/crm/v3/objects/contacts", 429, Map.of("Retry-After", "1", "X-HubSpot-RateLimit-Interval-Milliseconds", "10000"),
                "{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\",\"errorType\":\"RATE_LIMIT\","
                        + "\"correlationId\":\"c033cdaa-2c40-4a64-ae48-b4cec88dad24\",\"policyName\":\"SECONDLY\"}");
        HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"lastName\":\"Babbage\",\"email\":\"charles@analytical.example\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> json(server.get("/api/v1/plugins/crm-hubspot").body())
                .path("crm").path("lastError").asText("").contains("rate limited"));
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> contact("charles@analytical.example") != null);
        JsonNode plugin = json(server.get("/api/v1/plugins/crm-hubspot").body());
        assertThat(plugin.path("providers").toString()).contains("crm:hubspot");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> json(server.get("/api/v1/plugins/crm-hubspot").body())
                .path("crm").path("pending").asInt() == 0);
    }

    @Test
    @Order(5)
    void theBackfillCommandSendsTheLeadsACrmMissedWithAProgressBar() throws Exception {
        synchronized (hubspot) {
            hubspot.records("contacts").clear();
        }
        server.database().dsl().deleteFrom(CRM_LINK).where(CRM_LINK.KIND.eq("lead")).execute();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.out;
        int exit;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            dev.leadline.server.cli.CliEnvironment.use(server.env());
            exit = Main.run("crm", "backfill", "--connector", "crm-hubspot", "--since", "2026-01-01");
        } finally {
            System.setOut(was);
            dev.leadline.server.cli.CliEnvironment.use(System.getenv());
        }
        String said = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exit).as(said).isZero();
        assertThat(said).contains("queued 2 leads created since 2026-01-01T00:00:00Z for crm-hubspot").contains("2/2 sent").contains("done");
        assertThat(contact("ada@analytical.example")).isNotNull();
        assertThat(contact("charles@analytical.example")).isNotNull();
        assertThat(server.database().dsl().fetchCount(CRM_LINK, CRM_LINK.KIND.eq("lead"))).isEqualTo(2);

        assertThat(Main.run("crm", "backfill", "--connector", "crm-hubspot", "--since", "last year")).isNotZero();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream errWas = System.err;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            dev.leadline.server.cli.CliEnvironment.use(server.env());
            assertThat(Main.run("crm", "backfill", "--connector", "crm-nope", "--since", "2026-01-01")).isNotZero();
            assertThat(Main.run("crm", "backfill", "--connector", "enrich-http", "--since", "2026-01-01")).isNotZero();
            assertThat(Main.run("crm", "backfill", "--connector", "crm-salesforce", "--since", "2026-01-01")).isNotZero();
        } finally {
            System.setErr(errWas);
            dev.leadline.server.cli.CliEnvironment.use(System.getenv());
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("no plugin here named crm-nope has a CRM connector")
                .contains("no plugin here named enrich-http").contains("crm-salesforce is not set up");
        assertThat(server.database().dsl().fetchCount(dev.leadline.db.jooq.Tables.INTEGRATION_DELIVERY,
                dev.leadline.db.jooq.Tables.INTEGRATION_DELIVERY.TARGET.in("crm:crm-nope", "crm:enrich-http", "crm:crm-salesforce")))
                .as("nothing queued for a connector that is not there or not set up").isZero();
    }
}
