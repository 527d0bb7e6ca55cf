package dev.leadline.core.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void customAndStandardFieldsAreReadInTheirMatchingForm() {
        Identifiers identifiers = Identifiers.of(List.of("custom.nationalId", " externalId "), "duplicates.identifiers");
        LeadData data = new LeadData(Map.of(LeadField.EXTERNAL_ID, "00Q-123"), Map.of("nationalId", "AB 12 34 56 C", "plan", "gold"));

        assertThat(identifiers.valuesOf(data)).containsExactly(Map.entry("custom.nationalId", "ab123456c"), Map.entry("externalId", "00q123"));
        assertThat(identifiers.valuesOf(new LeadData(Map.of(), Map.of("nationalId", " - ")))).as("nothing but punctuation").isEmpty();
    }

    @Test
    void anEntryThatIsNoFieldOrIsNamedTwiceIsRefusedNamingIt() {
        assertThatThrownBy(() -> Identifiers.of(List.of("custom.nationalId", "nationalId"), "duplicates.identifiers"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("duplicates.identifiers[1]");
                    assertThat(e.errors().get(0).message()).contains("or custom.<name>, got 'nationalId'");
                });
        assertThatThrownBy(() -> Identifiers.of(List.of("custom.x", "custom.x"), "duplicates.identifiers"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("duplicates.identifiers[1]"))
                .hasMessageContaining("named twice");
        assertThatThrownBy(() -> Identifiers.of(List.of("custom.a", "custom.b", "custom.c", "custom.d", "custom.e", "custom.f"), "duplicates.identifiers"))
                .hasMessageContaining("at most 5 identifiers");
    }
}
