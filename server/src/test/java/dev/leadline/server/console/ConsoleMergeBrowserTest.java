package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The Duplicates review in real Chromium: merge two duplicates choosing a field's source, see the survivor, undo. */
class ConsoleMergeBrowserTest extends BrowserTest {
    @Test
    void mergeTwoDuplicatesAndUndo() throws Exception {
        ConsoleDuplicatesTest.Pair pair = ConsoleDuplicatesTest.pair(server, "Goldberg", "0606", "jane@example.com");
        WebDriver jane = signedIn("jane@example.com");

        jane.findElement(By.linkText("Duplicates review")).click();
        waitFor(jane, ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-pair='" + pair.flagged() + "-" + pair.like() + "']")));
        assertThat(jane.findElement(By.cssSelector("[data-pair='" + pair.flagged() + "-" + pair.like() + "']")).getText()).contains("Why:");
        browsers.screenshot("console-duplicates");
        jane.findElement(By.linkText("Merge " + pair.flagged() + " and " + pair.like())).click();
        waitFor(jane, ExpectedConditions.textToBe(By.tagName("h1"), "Merge " + pair.like() + " and " + pair.flagged()));
        jane.findElement(By.id("field.company-" + pair.flagged())).click();
        jane.findElement(By.xpath("//button[normalize-space()='Preview']")).click();
        waitFor(jane, ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "Goldberg Labs Inc (from " + pair.flagged() + ")"));
        browsers.screenshot("console-merge");

        jane.findElement(By.xpath("//button[normalize-space()='Merge into " + pair.like() + "']")).click();

        waitFor(jane, ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Merged " + pair.flagged() + " into " + pair.like() + "."));
        assertThat(jane.findElement(By.id("survivor-fields")).getText()).contains("Goldberg Labs Inc").contains("Arlington");
        jane.findElement(By.xpath("//button[normalize-space()='Undo merge']")).click();
        waitFor(jane, ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Merge undone: the two leads are apart again."));
        assertThat(jane.findElement(By.tagName("h1")).getText()).isEqualTo("Merge " + pair.like() + " and " + pair.flagged());
    }
}
