package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lead page's actions over plain HTTP, as htmx sends them: each one's happy path and a value core
 * refuses, shown at its input; the actions a rep sees are the chat card's; core refuses the others.
 */
class ConsoleLeadActionsTest {
    private static TestServer server;
    private static ConsoleFixture console;
    private static ConsoleFixture.Session jane;
    private static ConsoleFixture.Session omar;
    private static ConsoleFixture.Session max;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        console = new ConsoleFixture(server);
        jane = console.signIn("jane@example.com");
        omar = console.signIn("omar@example.com");
        max = console.signIn("max@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRepSeesExactlyTheActionsTheChatCardOffersThem() throws Exception {
        String lead = janes("Curie");
        String page = console.get("/console/leads/" + lead, jane.cookie()).body();
        for (String wire : new String[] {"log-contact", "qualify", "disqualify", "schedule", "convert", "release"}) {
            assertThat(page).as(wire).contains("action=\"/console/leads/" + lead + "/" + wire + "\"");
        }
        assertThat(page).doesNotContain("/" + lead + "/claim\"").doesNotContain("/" + lead + "/assign\"");
        assertThat(page).contains("<label for=\"disqualify-reason\">Reason</label>").contains("<select id=\"disqualify-reason\" name=\"reason\" required")
                .contains("type=\"date\" id=\"schedule-date\"").contains("type=\"time\" id=\"schedule-time\"")
                .contains("id=\"schedule-minutes\" name=\"minutes\" value=\"30\"").contains("min=\"5\" max=\"480\"")
                .contains("type=\"checkbox\" id=\"log-contact-reached\"").contains("maxlength=\"2000\"");

        String omars = console.get("/console/leads/" + lead, omar.cookie()).body();
        assertThat(omars).as("another rep's lead: no actions").doesNotContain("action=\"/console/leads/" + lead).contains("Timeline");
        String managers = console.get("/console/leads/" + lead, max.cookie()).body();
        assertThat(managers).contains("action=\"/console/leads/" + lead + "/assign\"").doesNotContain("/" + lead + "/qualify\"");
    }

    @Test
    void claimAndReleaseReRenderTheLead() throws Exception {
        String lead = console.offeredLead("Noether");
        HttpResponse<String> claimed = act(jane, lead, "claim", Map.of());
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.body()).startsWith("<div id=\"lead\">").contains("role=\"status\">Claimed " + lead + ".")
                .contains("data-fact=\"owner\">Jane Rivera").contains("Claimed by Jane Rivera");
        HttpResponse<String> released = act(jane, lead, "release", Map.of());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(released.body()).contains("Released " + lead).contains("data-fact=\"owner\">nobody yet");
        assertThat(lead(lead).ownerRepId()).isNull();
    }

    @Test
    void logContactRecordsTheAttemptAndRefusesAnUnknownChannelAtItsInput() throws Exception {
        String lead = janes("Franklin");
        HttpResponse<String> fax = act(jane, lead, "log-contact", Map.of("channel", "fax"));
        assertThat(fax.statusCode()).isEqualTo(422);
        assertThat(fax.body()).contains("aria-describedby=\"log-contact-channel-problem\"")
                .contains("<p class=\"problem\" id=\"log-contact-channel-problem\">Say how you contacted them");

        HttpResponse<String> logged = act(jane, lead, "log-contact", Map.of("channel", "email", "reached", "true", "note", "Wrote back"));
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(200);
        assertThat(logged.body()).contains("Logged email on " + lead);
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).containsPattern("rep:jane@example.com via console:session-\\d+");
    }

    @Test
    void qualifyMovesTheLeadOnAndIsNotOfferedAgain() throws Exception {
        String lead = janes("Meitner");
        HttpResponse<String> qualified = act(jane, lead, "qualify", Map.of());
        assertThat(qualified.statusCode()).as(qualified.body()).isEqualTo(200);
        assertThat(qualified.body()).contains("Qualified " + lead).doesNotContain("/" + lead + "/qualify\"");
        assertThat(lead(lead).status()).isEqualTo(LeadStatus.QUALIFIED);
    }

    @Test
    void disqualifyWantsAReasonFromTheList() throws Exception {
        String lead = janes("Goodall");
        HttpResponse<String> noReason = act(jane, lead, "disqualify", Map.of("note", "Keep this note"));
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.body()).contains("id=\"disqualify-reason-problem\">Pick a reason to disqualify.")
                .contains("aria-invalid=\"true\" aria-describedby=\"disqualify-reason-problem\"").contains("<details open>")
                .contains(">Keep this note</textarea>");
        assertThat(lead(lead).status()).isNotEqualTo(LeadStatus.DISQUALIFIED);

        HttpResponse<String> done = act(jane, lead, "disqualify", Map.of("reason", "No budget"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(lead(lead).status()).isEqualTo(LeadStatus.DISQUALIFIED);
        assertThat(done.body()).doesNotContain("/" + lead + "/disqualify\"");
    }

    @Test
    void scheduleRefusesAMeetingInThePastAndBooksOneAhead() throws Exception {
        String lead = janes("Lamarr");
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        HttpResponse<String> past = act(jane, lead, "schedule", Map.of("date", yesterday, "time", "10:00", "minutes", "30"));
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(past.body()).contains("id=\"schedule-date-problem\">").contains("is in the past");
        HttpResponse<String> tooLong = act(jane, lead, "schedule", Map.of("date", yesterday, "time", "10:00", "minutes", "481"));
        assertThat(tooLong.body()).contains("id=\"schedule-minutes-problem\">Give a whole number from 5 to 480.");

        String ahead = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        HttpResponse<String> booked = act(jane, lead, "schedule", Map.of("date", ahead, "time", "15:00", "minutes", "45", "title", "Demo"));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(200);
        assertThat(booked.body()).contains("Booked ").contains("45 min) for " + lead);
    }

    @Test
    void convertKeepsNamesWithinTheLimitAndConverts() throws Exception {
        String lead = janes("Hypatia");
        HttpResponse<String> tooLong = act(jane, lead, "convert", Map.of("account", "A".repeat(151)));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("id=\"convert-account-problem\">At most 150 characters, please.");

        HttpResponse<String> converted = act(jane, lead, "convert", Map.of("account", "Navy Labs", "opportunity", "Navy pilot"));
        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        assertThat(converted.body()).contains("Converted " + lead + " into Navy Labs").contains("with opportunity Navy pilot");
    }

    @Test
    void aManagerAssignsToARepAndARepCannot() throws Exception {
        String lead = janes("Ride");
        HttpResponse<String> nobody = act(max, lead, "assign", Map.of());
        assertThat(nobody.statusCode()).isEqualTo(422);
        assertThat(nobody.body()).contains("id=\"assign-rep-problem\">Pick the rep to give the lead to.");

        HttpResponse<String> forged = act(omar, lead, "assign", Map.of("rep", "omar@example.com"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("role=\"alert\">Not allowed: only managers assign leads");

        HttpResponse<String> assigned = act(max, lead, "assign", Map.of("rep", "omar@example.com", "reason", "Jane is out"));
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.body()).contains("Assigned " + lead).contains("data-fact=\"owner\">Omar Haddad")
                .contains("Assigned to Omar Haddad by Max Boss");
        assertThat(lead(lead).ownerRepId()).isEqualTo(console.rep("omar@example.com").id());
    }

    @Test
    void anotherRepsLeadIsRefusedByCoreWithA403() throws Exception {
        String lead = janes("Johnson");
        for (String wire : new String[] {"qualify", "release"}) {
            HttpResponse<String> forged = act(omar, lead, wire, Map.of());
            assertThat(forged.statusCode()).as(wire).isEqualTo(403);
            assertThat(forged.body()).as(wire).contains("role=\"alert\">Not allowed: " + lead + " belongs to someone else");
        }
        HttpResponse<String> withForm = act(omar, lead, "disqualify", Map.of("reason", "No budget"));
        assertThat(withForm.statusCode()).isEqualTo(403);
        assertThat(lead(lead).status()).isNotIn(LeadStatus.QUALIFIED, LeadStatus.DISQUALIFIED);
        assertThat(lead(lead).ownerRepId()).isEqualTo(console.rep("jane@example.com").id());
    }

    @Test
    void anActionWithoutTheCsrfTokenIsRefused() throws Exception {
        String lead = janes("Carver");
        HttpResponse<String> without = server.send(HttpRequest.newBuilder(console.uri("/console/leads/" + lead + "/qualify"))
                .header("HX-Request", "true").header("Cookie", jane.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("note=x")).build());
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("CSRF token");
        HttpResponse<String> wrong = console.post("/console/leads/" + lead + "/qualify", jane.cookie(), Map.of("_csrf", omar.csrf()));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(lead(lead).status()).isNotEqualTo(LeadStatus.QUALIFIED);
    }

    @Test
    void withoutHtmxADoneActionRedirectsBackToTheLead() throws Exception {
        String lead = janes("Wu");
        HttpResponse<String> done = console.post("/console/leads/" + lead + "/log-contact", jane.cookie(),
                Map.of("_csrf", jane.csrf(), "channel", "call"));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/console/leads/" + lead + "?done=log-contact");
        HttpResponse<String> unknown = console.post("/console/leads/" + lead + "/teleport", jane.cookie(), Map.of("_csrf", jane.csrf()));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    /** A lead offered to Inbound and claimed by Jane. */
    private static String janes(String lastName) throws Exception {
        String lead = console.offeredLead(lastName);
        assertThat(act(jane, lead, "claim", Map.of()).statusCode()).isEqualTo(200);
        return lead;
    }

    /** The action as htmx posts it: the form's values, the CSRF token in its header. */
    private static HttpResponse<String> act(ConsoleFixture.Session session, String lead, String wire, Map<String, String> values) {
        Map<String, String> form = new HashMap<>(values);
        return console.send(HttpRequest.newBuilder(console.uri("/console/leads/" + lead + "/" + wire)).header("HX-Request", "true")
                .header("X-CSRF-Token", session.csrf()), session.cookie(), form);
    }

    private static Lead lead(String reference) {
        return server.services().leads().get(LeadId.parse(reference));
    }
}
