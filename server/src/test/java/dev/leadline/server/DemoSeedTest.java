package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadView;
import dev.leadline.server.cli.DemoCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSeedTest {

    @Test
    void theDemoOrganisationHasLeadsToClaimAndWorkAndSeedingTwiceChangesNothing() {
        try (TestServer server = TestServer.start()) {
            DemoCommand.seed(server.services());
            DemoCommand.seed(server.services());

            Map<LeadView, Long> counts = server.services().leads().counts(LeadQuery.all());
            assertThat(counts.get(LeadView.ALL)).isEqualTo(12);
            var inbound = server.services().team().queueByName("Inbound").orElseThrow();
            var jane = server.services().team().repByEmail("jane@demo.leadline.dev").orElseThrow();
            assertThat(server.services().leads().counts(LeadQuery.at(java.time.Instant.now(), jane.timeZone())
                    .withOwner(java.util.Optional.of(jane.id()))).get(LeadView.MINE)).isEqualTo(3);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(server.services().leads().counts(LeadQuery.at(java.time.Instant.now(), jane.timeZone())
                            .withQueue(java.util.Optional.of(inbound.id()))).get(LeadView.QUEUE))
                            .as("six offered by hand, three routed there by the demo rules").isEqualTo(9));
            assertThat(server.services().rules().all()).singleElement().satisfies(r -> assertThat(r.version()).isEqualTo(1));
            assertThat(server.services().forms().forms()).extracting(f -> f.key()).contains("contact");
        }
    }

    @Test
    void theDemoPrintsEveryRepsEmailAndOneCurlPerStepFromANewLeadToJanesCard() {
        try (TestServer server = TestServer.start()) {
            DemoCommand.seed(server.services());

            String guide = DemoCommand.guide("http://localhost:8080", "ll_admin", "ll_jane",
                    new dev.leadline.server.team.Roster(server.services().team(), java.time.Clock.systemUTC()).reps());

            assertThat(guide).contains("jane@demo.leadline.dev", "omar@demo.leadline.dev", "mia@demo.leadline.dev")
                    .contains("Admin API token:  ll_admin").contains("Jane's REP token: ll_jane");
            assertThat(guide.lines().filter(l -> l.contains("curl -s"))).satisfiesExactly(
                    create -> assertThat(create).contains("Bearer ll_admin").contains("http://localhost:8080/api/v1/leads"),
                    claim -> assertThat(claim).contains("Bearer ll_jane").contains("/api/v1/leads/$ID/claim"),
                    card -> assertThat(card).contains("Bearer ll_jane").contains("/api/v1/leads/$ID/timeline"),
                    book -> assertThat(book).contains("/forms/book-a-demo"));
            // the visitor's step answers with a booking link and Jane's free times (she covers around the clock)
            var answer = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/forms/book-a-demo")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"work_email\":\"vera@client.example\",\"last_name\":\"Visitor\"}"))
                    .build());
            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(answer.body()).contains("\"booking\"").contains("/book/").contains("\"startsAt\"");
        }
    }
}
