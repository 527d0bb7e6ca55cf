package dev.leadline.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void decomposedTextIsComposedAndComposedTextIsLeftAsItIs() {
        String composed = "josé";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);

        assertThat(Text.nfc(decomposed)).isEqualTo(composed);
        assertThat(Text.nfc(composed)).isSameAs(composed);
        assertThat(Text.nfc(null)).isNull();
    }

    @Test
    void aNulCharacterOrALoneSurrogateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Text.checked("note", "a\0b")).isInstanceOf(ValidationException.class)
                .hasMessage("note: contains a NUL character (at position 1)");
        assertThatThrownBy(() -> Text.checked("note", "x\ud800")).hasMessageContaining("note: contains half of a surrogate pair");
        assertThatThrownBy(() -> Text.checked("note", "\udc00x")).hasMessageContaining("surrogate");
    }

    @Test
    void aWholeSurrogatePairSuchAsAnEmojiIsText() {
        assertThat(Text.problem("ok \ud83d\ude00")).isEmpty();
    }
}
