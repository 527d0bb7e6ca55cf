package dev.leadline.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.common.UnsupportedTypeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileRulesTest {
    private final FileRules rules = new FileRules(1000, 5000, List.of("application/pdf", "image/*"));

    @Test
    void aNameKeepsOnlyItsLastSegmentWithoutControlOrDirectionCharacters() {
        assertThat(FileRules.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileRules.safeName("C:\\Users\\jane\\quote.pdf")).isEqualTo("quote.pdf");
        assertThat(FileRules.safeName("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(FileRules.safeName("a\tb\r\nc\u0000.txt")).isEqualTo("abc.txt");
        assertThat(FileRules.safeName("say \"hi\".txt")).isEqualTo("say hi.txt");
        assertThat(FileRules.safeName("..")).isEqualTo("file");
        assertThat(FileRules.safeName("   ")).isEqualTo("file");
        assertThat(FileRules.safeName(null)).isEqualTo("file");
    }

    @Test
    void aLongNameIsCutTo200CharactersKeepingItsExtension() {
        String cut = FileRules.safeName("é".repeat(400) + ".docx");
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(200);
        assertThat(cut).endsWith("é.docx");
    }

    @Test
    void typesAreAcceptedExactlyOrByPrefix() {
        assertThat(rules.allowed("application/pdf")).isTrue();
        assertThat(rules.allowed("image/png")).isTrue();
        assertThat(rules.allowed("Image/PNG; charset=binary")).isTrue();
        assertThat(rules.allowed("application/pdfx")).isFalse();
        assertThat(rules.allowed("text/html")).isFalse();
        assertThat(FileRules.defaults().allowed("application/x-msdownload")).isFalse();
        assertThat(FileRules.defaults().allowed("image/svg+xml")).isFalse();
        assertThat(FileRules.defaults().allowed("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).isTrue();
    }

    @Test
    void sizesAreCheckedPerFileAndPerLead() {
        Upload big = new Upload("deck.pdf", "application/pdf", 1001, "00", Path.of("x"));
        Upload small = new Upload("deck.pdf", "application/pdf", 900, "00", Path.of("x"));
        assertThatThrownBy(() -> rules.check(big)).isInstanceOf(TooLargeException.class).hasMessageContaining("LEADLINE_MAX_FILE_BYTES");
        assertThatThrownBy(() -> rules.checkRoom(4200, small)).isInstanceOf(TooLargeException.class)
                .hasMessageContaining("LEADLINE_MAX_LEAD_FILE_BYTES");
        assertThatThrownBy(() -> rules.check(new Upload("x.txt", "text/html", 10, "00", Path.of("x"))))
                .isInstanceOf(UnsupportedTypeException.class).hasMessageContaining("text/html");
        rules.check(small);
        rules.checkRoom(4000, small);
    }

    @Test
    void aNameThatRunsWhenOpenedIsRefusedWhateverTheContent() {
        FileRules text = new FileRules(1000, 5000, List.of("text/plain"));
        for (String name : List.of("invoice.hta", "INVOICE.HTA", "report.exe", "notes.ps1", "a.url", "setup.lnk", "page.html", "logo.svg")) {
            assertThatThrownBy(() -> text.check(new Upload(name, "text/plain", 10, "00", Path.of("x")))).as(name)
                    .isInstanceOf(UnsupportedTypeException.class).hasMessageContaining("not accepted");
        }
        text.check(new Upload("notes.txt", "text/plain", 10, "00", Path.of("x")));
        text.check(new Upload("README", "text/plain", 10, "00", Path.of("x")));
    }
}
