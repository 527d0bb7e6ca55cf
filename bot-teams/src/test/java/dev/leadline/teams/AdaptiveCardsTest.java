package dev.leadline.teams;

import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.LeadAction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.chat.LeadForms;
import dev.leadline.core.notify.Card;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveCardsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final AdaptiveCards cards = new AdaptiveCards(new LeadForms(() -> List.of("No budget", "Competitor"),
            Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), BERLIN))::form);

    @Test
    void anOfferCardHasItsFactsStatusAndAClaimExecuteCarryingTheLeadId() throws IOException {
        Card offer = new Card("L-42", "L-42 · Ada <Lovelace>", "CTO at Analytical & Co", "Offered to Inbound: first to claim wins",
                List.of(new Card.Field("Status", "NEW"), new Card.Field("Source", "Web"), new Card.Field("Queue", "Inbound")),
                List.of(CardAction.on(LeadAction.CLAIM), new CardAction.Open("Open in CRM", "https://crm.example/leads/42")));

        assertGolden(cards.render(offer, BERLIN), "offer-card.json");
    }

    @Test
    void anOwnedLeadCardCarriesTheFormsForDisqualifyScheduleLogContactAndConvertAndTheOutcomeAsANotice() throws IOException {
        Card owned = new Card("L-7", "L-7 · Grace Hopper", null, null, List.of(new Card.Field("Owner", "Jane Rivera")),
                List.of(CardAction.on(LeadAction.LOG_CONTACT), CardAction.on(LeadAction.QUALIFY),
                        CardAction.on(LeadAction.DISQUALIFY), CardAction.on(LeadAction.SCHEDULE),
                        CardAction.on(LeadAction.CONVERT), CardAction.on(LeadAction.RELEASE)));

        assertGolden(cards.render(owned, BERLIN, "Too late: Omar Haddad claimed L-7 just now.", true, List.of()), "owned-card.json");
    }

    @Test
    void aDigestCardsButtonsOpenTheirViews() throws IOException {
        Card digest = new Card(null, "Your leads today", null, "2 overdue, 1 due today", List.of(),
                List.of(new CardAction.ShowView("Overdue", "overdue"), new CardAction.ShowView("Due today", "due-today")));

        assertThat(AdaptiveCards.toJson(cards.render(digest, BERLIN)))
                .contains("\"verb\" : \"view\"").contains("\"view\" : \"overdue\"").contains("\"view\" : \"due-today\"")
                .doesNotContain("refresh");
    }

    @Test
    void aCardOfItsOwnIsNotRefreshedIntoTheLeadsCard() {
        Card offer = new Card("L-9", "Hand off now · L-9 · Vera Visitor", null, "Jane Rivera is on a call with Vera Visitor: take it now?",
                List.of(), List.of(CardAction.on(LeadAction.TAKE_HANDOFF)));

        assertThat(AdaptiveCards.toJson(cards.render(offer, BERLIN, null, false, List.of(), false)))
                .contains("\"verb\" : \"take-handoff\"").contains("\"title\" : \"Take it now\"").doesNotContain("refresh");
        assertThat(AdaptiveCards.toJson(cards.render(offer, BERLIN))).contains("refresh");
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
