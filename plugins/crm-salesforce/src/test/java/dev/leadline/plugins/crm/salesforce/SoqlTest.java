package dev.leadline.plugins.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoqlTest {
    @Test
    void aStringLiteralCannotBeEndedByItsValue() {
        assertThat(Soql.string("o'brien@acme.example")).isEqualTo("'o\\'brien@acme.example'");
        assertThat(Soql.string("x' OR Name LIKE '%")).isEqualTo("'x\\' OR Name LIKE \\'%'");
        assertThat(Soql.string("back\\slash\nline \"q\"")).isEqualTo("'back\\\\slash\\nline \\\"q\\\"'");
    }

    @Test
    void aDateTimeIsUtcToTheSecond() {
        assertThat(Soql.dateTime(Instant.parse("2026-12-06T18:40:12.345Z"))).isEqualTo("2026-12-06T18:40:12Z");
    }
}
