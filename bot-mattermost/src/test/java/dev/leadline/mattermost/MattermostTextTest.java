package dev.leadline.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.chat.Rich;
import org.junit.jupiter.api.Test;

class MattermostTextTest {
    @Test
    void valuesCannotMentionFormatOrLink() {
        Rich hostile = Rich.of("@channel *x* [y](https://evil.example) ").bold("**b**").text(" ").code("@all `z`")
                .item().link("crm [1]", "https://crm.example/l/1").item().link("bad", "javascript:alert(1)");

        assertThat(MattermostText.markdown(hostile)).isEqualTo("\\@channel \\*x\\* \\[y\\]\\(https://evil.example\\) **\\*\\*b\\*\\*** "
                + "`@all 'z'`\n- [crm \\[1\\]](https://crm.example/l/1)\n- bad");
    }

    @Test
    void boldIsMattermostsDoubleAsteriskNotSlacksItalicSingle() {
        assertThat(MattermostText.markdown(Rich.markup("*Mine*: 3 leads"))).isEqualTo("**Mine**: 3 leads");
    }
}
