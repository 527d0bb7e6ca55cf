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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Tokens in real Chromium: an admin creates a token, sees its secret once, revokes it and sees it marked revoked. */
class ConsoleTokensBrowserTest {
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
    void revokeAToken() throws Exception {
        WebDriver ada = browsers.open();
        ada.get(console.uri(URI.create(console.link("ada@example.com")).getPath()).toString());
        ada.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        new WebDriverWait(ada, Duration.ofSeconds(5)).until(ExpectedConditions.textToBe(By.tagName("h1"), "My work"));

        ada.findElement(By.linkText("Tokens and audit")).click();
        ada.findElement(By.id("token-name")).sendKeys("zapier");
        new Select(ada.findElement(By.id("token-role"))).selectByVisibleText("INTEGRATION");
        ada.findElement(By.xpath("//button[normalize-space()='Create token']")).click();
        heading(ada, "Token zapier created");
        assertThat(ada.findElement(By.id("secret")).getAttribute("value")).startsWith("ll_");
        browsers.screenshot("console-token-created");

        ada.findElement(By.linkText("Done: back to the tokens")).click();
        ada.findElement(By.linkText("Revoke zapier")).click();
        heading(ada, "Revoke zapier?");
        ada.findElement(By.xpath("//button[normalize-space()='Revoke zapier']")).click();

        // each click loads a page: wait for it rather than read the page the click left
        new WebDriverWait(ada, Duration.ofSeconds(5)).until(ExpectedConditions.textMatches(By.cssSelector("[role=status]"),
                java.util.regex.Pattern.compile("^Revoked zapier.*", java.util.regex.Pattern.DOTALL)));
        assertThat(ada.findElement(By.cssSelector("tr[data-token='zapier']")).getText()).contains("revoked");
        assertThat(ada.findElements(By.linkText("Revoke zapier"))).isEmpty();
        browsers.screenshot("console-tokens");
    }

    private static void heading(WebDriver driver, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }
}
