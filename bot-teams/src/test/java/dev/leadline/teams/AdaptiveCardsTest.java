package dev.leadline.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.notify.Card;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveCardsTest {
    private final AdaptiveCards cards = new AdaptiveCards(() -> List.of("No budget", "Competitor"));

    @Test
    void anOfferCardHasItsFactsStatusAndAClaimExecuteCarryingTheLeadId() throws IOException {
        Card offer = new Card("L-42", "L-42 · Ada <Lovelace>", "CTO at Analytical & Co", "Offered to Inbound: first to claim wins",
                List.of(new Card.Field("Status", "NEW"), new Card.Field("Source", "Web"), new Card.Field("Queue", "Inbound")),
                List.of(new Card.Action("claim", "Claim"), new Card.Action("open-crm", "Open in CRM", "https://crm.example/leads/42")));

        assertGolden(cards.render(offer, null, false), "offer-card.json");
    }

    @Test
    void anOwnedLeadCardCarriesTheFormsForDisqualifyScheduleLogContactAndConvertAndTheOutcomeAsANotice() throws IOException {
        Card owned = new Card("L-7", "L-7 · Grace Hopper", null, null, List.of(new Card.Field("Owner", "Jane Rivera")),
                List.of(new Card.Action("log-contact", "Log contact"), new Card.Action("qualify", "Qualify"),
                        new Card.Action("disqualify", "Disqualify"), new Card.Action("schedule", "Schedule"),
                        new Card.Action("convert", "Convert"), new Card.Action("release", "Release")));

        assertGolden(cards.render(owned, "Too late: Omar Haddad claimed L-7 just now.", true), "owned-card.json");
    }

    @Test
    void aDigestCardsButtonsOpenTheirViews() throws IOException {
        Card digest = new Card(null, "Your leads today", null, "2 overdue, 1 due today", List.of(),
                List.of(new Card.Action("view-overdue", "Overdue"), new Card.Action("view-due-today", "Due today")));

        assertThat(AdaptiveCards.toJson(cards.render(digest, null, false)))
                .contains("\"verb\" : \"view\"").contains("\"view\" : \"overdue\"").contains("\"view\" : \"due-today\"")
                .doesNotContain("refresh");
    }

    private static void assertGolden(com.fasterxml.jackson.databind.node.ObjectNode card, String name) throws IOException {
        String json = AdaptiveCards.toJson(card);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", name), json + "\n");
        }
        try (InputStream in = AdaptiveCardsTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(json).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
