package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The lead page's Files in real Chromium: two files chosen in the file input, uploaded, listed, one removed. */
class ConsoleFilesBrowserTest extends BrowserTest {
    @Test
    void anOwnerAttachesTwoFilesThroughTheFileInputAndRemovesOne(@TempDir Path dir) throws Exception {
        String lead = console.offeredLead("Franklin");
        ConsoleFixture.Session session = console.signIn("jane@example.com");
        assertThat(console.post("/console/leads/" + lead + "/claim", session.cookie(), Map.of("_csrf", session.csrf())).statusCode()).isEqualTo(303);
        Path quote = Files.write(dir.resolve("quote.pdf"), TestFiles.pdf(40_000));
        Path notes = Files.writeString(dir.resolve("call notes.txt"), "Budget approved in Q3.\n", StandardCharsets.UTF_8);
        WebDriver jane = signedIn("jane@example.com");
        jane.get(console.uri("/console/leads/" + lead).toString());

        jane.findElement(By.id("file-input")).sendKeys(quote.toAbsolutePath() + "\n" + notes.toAbsolutePath());
        jane.findElement(By.xpath("//button[normalize-space()='Upload']")).click();

        waitFor(jane, ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Attached: the files are listed under Files."));
        assertThat(jane.findElement(By.id("files")).getText()).contains("quote.pdf").contains("39 KB").contains("application/pdf")
                .contains("call notes.txt").contains("text/plain");
        ((org.openqa.selenium.JavascriptExecutor) jane).executeScript("document.getElementById('files-title').scrollIntoView()");
        browsers.screenshot("console-lead-files");
        jane.findElement(By.xpath("//button[normalize-space()='Remove call notes.txt']")).click();
        waitFor(jane, ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Removed: the file is gone from the lead."));
        assertThat(jane.findElement(By.id("files")).getText()).contains("quote.pdf").doesNotContain("call notes.txt");
    }
}
