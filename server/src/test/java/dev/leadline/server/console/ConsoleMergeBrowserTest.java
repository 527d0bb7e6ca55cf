package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.TestServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Duplicates review in real Chromium: merge two duplicates choosing a field's source, see the survivor, undo. */
class ConsoleMergeBrowserTest {
    private static TestServer server;
    private static ConsoleFixture console;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void start() {
        Browsers.assumeInstalled();
        server = TestServer.start();
        console = new ConsoleFixture(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    @Test
    void mergeTwoDuplicatesAndUndo() throws Exception {
        ConsoleDuplicatesTest.Pair pair = ConsoleDuplicatesTest.pair(server, "Goldberg", "0606", "jane@example.com");
        WebDriver jane = browsers.open();
        jane.get(console.uri(URI.create(console.link("jane@example.com")).getPath()).toString());
        jane.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        new WebDriverWait(jane, Duration.ofSeconds(5)).until(ExpectedConditions.textToBe(By.tagName("h1"), "My work"));

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

    /** Each click loads a page or a part of one: wait for what it should show rather than read what the click left. */
    private static void waitFor(WebDriver driver, org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(condition);
    }
}
