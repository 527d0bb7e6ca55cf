package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** My work over plain HTTP: a manager also sees everyone's set views counted and listed; a rep keeps to their own. */
class ConsoleEveryonesViewsTest {
    private static TestServer server;
    private static ConsoleFixture console;
    private static String lead;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        console = new ConsoleFixture(server);
        lead = console.offeredLead("Overdue");
        server.database().dsl().execute("INSERT INTO task (lead_id, rep_id, title, due_at, created_at) "
                + "VALUES (?, ?, 'Call back', NOW(6) - INTERVAL 1 DAY, NOW(6))", Long.parseLong(lead.substring(2)),
                console.rep("omar@example.com").id());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aManagerSeesEveryonesOverdueLeadsCountedAndListed() {
        ConsoleFixture.Session max = console.signIn("max@example.com");
        HttpResponse<String> work = console.get("/console", max.cookie());
        assertThat(work.body()).as("the page comes at once, its counts just after").contains("hx-get=\"/console/counts\"")
                .contains("Everyone: Overdue <span class=\"count\">…</span>");
        HttpResponse<String> counts = console.get("/console/counts", max.cookie());
        assertThat(counts.body()).contains("<a href=\"/console?view=overdue&amp;scope=everyone\">Everyone: Overdue <span class=\"count\">1</span>")
                .contains("Everyone: No activity").doesNotContain("hx-get");

        HttpResponse<String> list = console.get("/console/list?view=overdue&scope=everyone", max.cookie());
        assertThat(list.body()).contains("Everyone: Overdue: 1 shown").contains("/console/leads/" + lead);
    }

    @Test
    void aRepSeesOnlyTheirOwnViewsEvenWhenAskingForEveryones() {
        ConsoleFixture.Session jane = console.signIn("jane@example.com");
        assertThat(console.get("/console", jane.cookie()).body()).doesNotContain("Everyone:");
        assertThat(console.get("/console/list?view=overdue&scope=everyone", jane.cookie()).body()).contains("Overdue: 0 shown")
                .doesNotContain(lead);
    }
}
