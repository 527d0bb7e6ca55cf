package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.ROUTING_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Many leads at once for the rules' dry runs: imported as one CSV file and routed by the server's router. */
public final class RoutedImports {
    private RoutedImports() {}

    /** Imports {@code count} leads, every fourth with 5,000 employees and the rest with 20, and waits until each is routed. */
    public static void importRouted(TestServer server, int count) {
        int before = server.database().dsl().fetchCount(ROUTING_DECISION);
        StringBuilder csv = new StringBuilder("lastName,company,employeeCount\n");
        for (int i = 0; i < count; i++) {
            csv.append("Lead").append(i).append(",Company ").append(i).append(',').append(i % 4 == 0 ? 5000 : 20).append('\n');
        }
        HttpResponse<String> imported = server.send(server.request("/api/v1/leads/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> server.database().dsl().fetchCount(ROUTING_DECISION) >= before + count);
    }
}
