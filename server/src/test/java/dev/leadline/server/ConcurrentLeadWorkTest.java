package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many reps working one lead at the same moment: every note and contact attempt is kept. */
class ConcurrentLeadWorkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 20;
    private static final int AT_ONCE = 50;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fiftySimultaneousNotesAndContactAttemptsOnOneLeadAreAllStoredRoundAfterRound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String id = newLead();
                List<Integer> statuses = burst(pool, id);

                assertThat(statuses).as("round %d", round).hasSize(AT_ONCE).containsOnly(200);
                assertThat(timeline(id)).as("round %d", round)
                        .filteredOn(type -> type.equals("NOTE") || type.equals("CONTACT_ATTEMPT")).hasSize(AT_ONCE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Integer> burst(ExecutorService pool, String id) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            String path = "/api/v1/leads/" + id + (i % 2 == 0 ? "/notes" : "/contact-attempts");
            String body = i % 2 == 0 ? "{\"rep\":\"mia@example.com\",\"text\":\"note " + i + "\"}"
                    : "{\"rep\":\"mia@example.com\",\"channel\":\"call\",\"note\":\"attempt " + i + "\"}";
            answers.add(pool.submit(() -> {
                gate.await();
                return server.postJson(path, body).statusCode();
            }));
        }
        gate.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }

    private static String newLead() throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"lastName\":\"Busy\",\"company\":\"Busy Co\"}");
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static List<String> timeline(String id) throws Exception {
        List<String> types = new ArrayList<>();
        JsonNode items = JSON.readTree(server.get("/api/v1/leads/" + id + "/timeline").body()).path("items");
        items.forEach(i -> types.add(i.path("type").asText()));
        return types;
    }
}
