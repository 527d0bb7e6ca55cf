package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Accounts imported over HTTP, leads matched to them at intake and later, and routed to their owners. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNTS = """
            Account Name,Website,Owner,External ID,Employees,Contact Email,Contact First Name,Contact Last Name
            Acme,https://www.acme.com,jane@example.com,A-1,500,peter@acme.com,Peter,Parker
            Acme,https://www.acme.com,jane@example.com,A-1,500,mary@acme.com,Mary,Watson
            Initech,initech.io,omar@example.com,A-2,,bill@initech-mail.io,Bill,Lumbergh
            Globex,globex.com,nobody@example.com,A-3,,,,
            ,nameless.com,jane@example.com,,,,,
            """;
    private static TestServer server;
    private static String leadBeforeUmbrella;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("omar@example.com"))), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> importAccounts(String csv) {
        return server.send(server.request("/api/v1/accounts/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static JsonNode createLead(String body) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    private static long accountId(String name) throws Exception {
        try (dev.leadline.db.Database db = dev.leadline.db.Database.connect(server.env().get("LEADLINE_DB_URL"), "root", server.env().get("LEADLINE_DB_PASSWORD"), 1)) {
            var account = dev.leadline.db.jooq.Tables.ACCOUNT;
            return db.dsl().select(account.ID).from(account).where(account.NAME.eq(name)).fetchSingle(account.ID);
        }
    }

    @Test
    @Order(1)
    void anAccountsFileCreatesAccountsWithTheirContactsAndRejectsRowsWithAnUnknownOwnerOrNoName() throws Exception {
        leadBeforeUmbrella = createLead("{\"email\":\"lee@umbrella.example\",\"lastName\":\"Lee\"}").path("id").asText();

        HttpResponse<String> imported = importAccounts(ACCOUNTS);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = json(imported);
        assertThat(report.path("rows").asInt()).isEqualTo(5);
        assertThat(report.path("accountsCreated").asInt()).isEqualTo(2);
        assertThat(report.path("contactsCreated").asInt()).isEqualTo(3);
        assertThat(report.path("rejectedCount").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").get(0).path("line").asInt()).isEqualTo(5);
        assertThat(report.path("rejected").get(0).path("reason").asText()).isEqualTo("owner 'nobody@example.com' is not a rep");
        assertThat(report.path("rejected").get(1).path("line").asInt()).isEqualTo(6);
        assertThat(report.path("rejected").get(1).path("reason").asText()).isEqualTo("name is required");
    }

    @Test
    @Order(2)
    void importingTheSameFileAgainCreatesAndChangesNothing() throws Exception {
        JsonNode again = json(importAccounts(ACCOUNTS));

        assertThat(again.path("accountsCreated").asInt()).isZero();
        assertThat(again.path("accountsUpdated").asInt()).isZero();
        assertThat(again.path("contactsCreated").asInt()).isZero();
        assertThat(again.path("contactsUpdated").asInt()).isZero();
        assertThat(again.path("rejectedCount").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aFileWithoutANameColumnOrWithoutAHeaderIsABadRequestAndOnlyAdminsMayImport() throws Exception {
        HttpResponse<String> noName = importAccounts("domain,owner\nacme.com,jane@example.com\n");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(json(noName).path("message").asText()).contains("header with a 'name' column");

        HttpResponse<String> empty = importAccounts("");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).path("message").asText()).contains("the first line must be a header");

        String integration = server.services().tokens().issue(dev.leadline.core.access.TokenService.Request.of("zap", TokenRole.INTEGRATION), Actor.cli("t")).secret();
        HttpResponse<String> forbidden = server.send(server.request("/api/v1/accounts/import").setHeader("Authorization", "Bearer " + integration)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(ACCOUNTS)).build());
        assertThat(forbidden.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void aNewLeadShowsTheAccountItMatchedByDomainRootAndCompanyNameWithItsConfidence() throws Exception {
        JsonNode lead = createLead("{\"firstName\":\"Bob\",\"email\":\"bob@acme.co.uk\",\"company\":\"ACME Ltd\"}");

        JsonNode account = lead.path("account");
        assertThat(account.path("id").asLong()).isEqualTo(accountId("Acme"));
        assertThat(account.path("name").asText()).isEqualTo("Acme");
        assertThat(account.path("ownerRepId").asLong()).isEqualTo(server.services().team().repByEmail("jane@example.com").orElseThrow().id());
        assertThat(account.path("confidence").asDouble()).isEqualTo(0.92);
        assertThat(account.path("matchedBy").asText()).isEqualTo("domain root acme (acme.co.uk ~ acme.com) and company name 'Acme'");
        assertThat(json(server.get("/api/v1/leads/" + lead.path("id").asText())).path("account")).isEqualTo(account);
    }

    @Test
    @Order(5)
    void aGmailLeadMatchesByCompanyNameOnlyAndLessSurelyAndAContactsDomainFindsItsAccount() throws Exception {
        JsonNode gmail = createLead("{\"email\":\"bob.smith@gmail.com\",\"company\":\"Initech Inc.\"}").path("account");
        assertThat(gmail.path("matchedBy").asText()).isEqualTo("company name 'Initech'");
        assertThat(gmail.path("confidence").asDouble()).isEqualTo(0.6);

        JsonNode colleague = createLead("{\"email\":\"sam@initech-mail.io\"}").path("account");
        assertThat(colleague.path("id").asLong()).isEqualTo(accountId("Initech"));
        assertThat(colleague.path("matchedBy").asText()).isEqualTo("contact bill@initech-mail.io at the domain initech-mail.io");

        assertThat(createLead("{\"email\":\"someone@gmail.com\"}").path("account").isNull()).isTrue();
    }

    @Test
    @Order(6)
    void openLeadsWithoutAnAccountAreMatchedWhenItsAccountIsImportedLater() throws Exception {
        assertThat(json(server.get("/api/v1/leads/" + leadBeforeUmbrella)).path("account").isNull()).isTrue();

        JsonNode report = json(importAccounts("name,domain,owner\nUmbrella Corp,umbrella.example,omar@example.com\n"));

        assertThat(report.path("accountsCreated").asInt()).isEqualTo(1);
        assertThat(report.path("leadsMatched").asInt()).isEqualTo(1);
        assertThat(json(server.get("/api/v1/leads/" + leadBeforeUmbrella)).path("account").path("name").asText()).isEqualTo("Umbrella Corp");
    }

    @Test
    @Order(7)
    void importedLeadsAreMatchedInTheirBatch() throws Exception {
        HttpResponse<String> imported = server.send(server.request("/api/v1/leads/import?notify=false").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("email,company\nann@globex-nomatch.example,Nobody\nzoe@initech.io,Initech\n")).build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        JsonNode items = json(server.get("/api/v1/leads?q=zoe@initech.io")).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("account").path("matchedBy").asText()).isEqualTo("domain initech.io and company name 'Initech'");
    }

    @Test
    @Order(8)
    void theAccountOwnerRuleRoutesALeadToTheOwnerOfTheImportedAccount() throws Exception {
        HttpResponse<String> saved = server.send(server.request("/api/v1/rules/api").header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        entries:
                          - name: Named accounts
                            to: {accountOwner: true}
                        default: {queue: Inbound}
                        """)).build());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        String id = createLead("{\"email\":\"carl@acme.com\",\"lastName\":\"Carl\"}").path("id").asText();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200);
        JsonNode routing = json(server.get("/api/v1/leads/" + id + "/routing"));
        assertThat(routing.path("explanation").path("entry").asText()).isEqualTo("Named accounts");
        assertThat(routing.toString()).contains("matched account Acme by domain acme.com (confidence 0.95), owned by Jane Rivera");
        assertThat(json(server.get("/api/v1/leads/" + id)).path("ownerRepId").asLong())
                .isEqualTo(server.services().team().repByEmail("jane@example.com").orElseThrow().id());
        try (dev.leadline.db.Database db = dev.leadline.db.Database.connect(server.env().get("LEADLINE_DB_URL"), "root", server.env().get("LEADLINE_DB_PASSWORD"), 1)) {
            var outbox = dev.leadline.db.jooq.Tables.OUTBOX;
            assertThat(db.dsl().fetch(outbox, outbox.LEAD_ID.eq(dev.leadline.core.lead.LeadId.parse(id).value())).getValues(outbox.CARD))
                    .as("Jane's card names the account and how surely").anyMatch(card -> card.contains("Acme (95 %, domain acme.com)"));
        }
    }
}
