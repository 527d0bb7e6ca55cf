package dev.leadline.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.chat.Rich;
import org.junit.jupiter.api.Test;

class TeamsTextTest {
    private static final Rich HOSTILE = Rich.of("Lead **free** [x](https://evil.example) <at>Jane</at> ").bold("_b_").text(" ").code("a`b")
            .item().link("crm", "https://crm.example/l/1").item().link("bad", "javascript:alert(1)");

    @Test
    void aMessageEscapesMarkdownAndHtmlInEveryValue() {
        assertThat(TeamsText.markdown(HOSTILE)).isEqualTo("Lead \\*\\*free\\*\\* \\[x\\](https://evil.example) &lt;at>Jane&lt;/at> "
                + "**\\_b\\_** `a'b`\n- [crm](https://crm.example/l/1)\n- bad");
    }

    @Test
    void aCardHasNoCodeStyleAndShowsEntitiesAsWritten() {
        assertThat(TeamsText.card(Rich.of("<b>").text(" ").code("resume"))).isEqualTo("<b> 'resume'");
    }
}
