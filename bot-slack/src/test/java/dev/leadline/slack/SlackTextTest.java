package dev.leadline.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.chat.Rich;
import org.junit.jupiter.api.Test;

class SlackTextTest {
    @Test
    void valuesCannotMentionLinkOrCloseTheirFormatting() {
        Rich hostile = Rich.of("Claimed <!here> & ").bold("*free* <https://evil.example|x>").text(" ").code("a`b").item()
                .link("crm|x", "https://crm.example/l/1").item().link("bad", "javascript:alert(1)");

        assertThat(SlackText.mrkdwn(hostile)).isEqualTo("Claimed &lt;!here&gt; &amp; *\u2217free\u2217 &lt;https://evil.example|x&gt;* `a'b`\n"
                + "• <https://crm.example/l/1|crm\u2223x>\n• bad");
    }

    @Test
    void aReplysTextIsWrittenOnceInMrkdwn() {
        assertThat(SlackText.mrkdwn(Rich.markup("*Mine*: 3 leads\nsay `resume`"))).isEqualTo("*Mine*: 3 leads\nsay `resume`");
    }
}
