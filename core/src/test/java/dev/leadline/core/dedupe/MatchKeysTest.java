package dev.leadline.core.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchKeysTest {
    @Test
    void plainTextIsLowerCaseWordsWithoutAccentsOrPunctuation() {
        assertThat(MatchKeys.plain("  Zoë  O'Brien-Smith,\tJr. ")).isEqualTo("zoe o brien smith jr");
        assertThat(MatchKeys.plain("ÅNGSTRÖM & Søn 42")).as("letters without a decomposition are dropped, not kept as noise")
                .isEqualTo("angstrom s n 42");
        assertThat(MatchKeys.plain("...")).isEmpty();
        assertThat(MatchKeys.plain(null)).isEmpty();
    }

    @Test
    void aDecomposedEmailIsTheSameMailboxAsTheComposedOne() {
        String composed = "josé@example.com";
        assertThat(MatchKeys.email(java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD))).isEqualTo(MatchKeys.email(composed));
    }

    @Test
    void companyNamesLoseTheirLegalFormAndPunctuation() {
        assertThat(MatchKeys.company("ACME, Inc.")).isEqualTo("acme");
        assertThat(MatchKeys.company("Acme Incorporated")).isEqualTo("acme");
        assertThat(MatchKeys.company("Müller & Söhne GmbH")).isEqualTo("muller and sohne");
    }
}
