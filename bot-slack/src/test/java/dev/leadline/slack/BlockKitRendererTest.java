package dev.leadline.slack;

import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.LeadAction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.notify.Card;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockKitRendererTest {
    @Test
    void anOfferCardHasItsFieldsStatusAndAClaimButtonCarryingTheLeadId() throws IOException {
        Card offer = new Card("L-42", "L-42 · Ada <Lovelace>", "CTO at Analytical & Co", "Offered to Inbound: first to claim wins",
                List.of(new Card.Field("Status", "NEW"), new Card.Field("Source", "Web"), new Card.Field("Queue", "Inbound")),
                List.of(CardAction.on(LeadAction.CLAIM)));

        assertThat(BlockKitRenderer.toJson(BlockKitRenderer.render(offer))).isEqualTo(golden("offer-card.json"));
    }

    @Test
    void anOwnedLeadCardHasTheWorkButtonsAndNoStatusLineWhenThereIsNone() throws IOException {
        Card owned = new Card("L-7", "L-7 · Grace Hopper", null, null, List.of(new Card.Field("Owner", "Jane Rivera")),
                List.of(CardAction.on(LeadAction.LOG_CONTACT), CardAction.on(LeadAction.QUALIFY),
                        CardAction.on(LeadAction.DISQUALIFY), CardAction.on(LeadAction.SCHEDULE)));

        assertThat(BlockKitRenderer.toJson(BlockKitRenderer.render(owned))).isEqualTo(golden("owned-card.json"));
    }

    @Test
    void theDigestCardAboutNoOneLeadStillHasItsViewButtons() {
        Card digest = new Card(null, "Your leads on Mon 23 Nov", "Jane Rivera", "Good morning, Jane", List.of(new Card.Field("Overdue", "2")),
                List.of(new CardAction.ShowView("Overdue", "overdue"), new CardAction.ShowView("Due today", "due-today")));

        assertThat(BlockKitRenderer.toJson(BlockKitRenderer.render(digest))).contains("\"action_id\":\"view-overdue\"")
                .contains("\"action_id\":\"view-due-today\"");
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = BlockKitRendererTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
