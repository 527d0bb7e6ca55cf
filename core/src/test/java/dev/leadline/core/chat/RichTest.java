package dev.leadline.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RichTest {
    @Test
    void fixedTextReadsItsBoldAndCodeAndKeepsItsLines() {
        Rich help = Rich.markup("*Lists*: `leads` (yours)\n`why L-42` says why");

        assertThat(help.lines()).hasSize(2);
        assertThat(help.lines().get(0).spans()).containsExactly(new Rich.Bold("Lists"), new Rich.Plain(": "), new Rich.Code("leads"),
                new Rich.Plain(" (yours)"));
        assertThat(help.plain()).isEqualTo("Lists: leads (yours)\nwhy L-42 says why");
    }

    @Test
    void aValueIsOneSpanWhateverItHoldsAndItemsAreMarked() {
        Rich text = Rich.of("Nothing in ").bold("*x* `y`\nz").item().text("first").item().code("second");

        assertThat(text.lines().get(0).spans()).containsExactly(new Rich.Plain("Nothing in "), new Rich.Bold("*x* `y`\nz"));
        assertThat(text.lines().subList(1, 3)).extracting(Rich.Line::item).containsExactly(true, true);
        assertThat(text.plain()).isEqualTo("Nothing in *x* `y`\nz\n• first\n• second");
        assertThat(Rich.empty().item().text("only").plain()).isEqualTo("• only");
    }

    @Test
    void onlyAnAbsoluteWebAddressMakesALink() {
        assertThat(List.of("https://crm.example.com/leads/42", "http://x.example/?a=1&b=2")).allMatch(u -> new Rich.Link("l", u).safe());
        assertThat(List.of("javascript:alert(1)", "https://x.example/a|b", "https://x.example/a>b", "/relative", "https://a b"))
                .noneMatch(u -> new Rich.Link("l", u).safe());
    }
}
