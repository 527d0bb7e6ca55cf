package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Tokens in real Chromium: an admin creates a token, sees its secret once, revokes it and sees it marked revoked. */
class ConsoleTokensBrowserTest extends BrowserTest {
    @Test
    void revokeAToken() throws Exception {
        WebDriver ada = signedIn("ada@example.com");

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
        waitFor(ada, ExpectedConditions.textMatches(By.cssSelector("[role=status]"),
                java.util.regex.Pattern.compile("^Revoked zapier.*", java.util.regex.Pattern.DOTALL)));
        assertThat(ada.findElement(By.cssSelector("tr[data-token='zapier']")).getText()).contains("revoked");
        assertThat(ada.findElements(By.linkText("Revoke zapier"))).isEmpty();
        browsers.screenshot("console-tokens");
    }

    private static void heading(WebDriver driver, String text) {
        waitFor(driver, ExpectedConditions.textToBe(By.tagName("h1"), text));
    }
}
