package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Team page in real Chromium: a manager sees who routing could give a lead now, pauses a rep with the
 * keyboard-reachable form, and sees the rep skipped in their queue at once; a rep is shown why not, as a page.
 */
class ConsoleTeamBrowserTest extends BrowserTest {
    @Test
    void aManagerPausesARepAndTheQueueShowsThemSkipped() throws Exception {
        WebDriver max = signedIn("max@example.com");
        max.findElement(By.linkText("Team")).click();
        waitFor(max, ExpectedConditions.textToBe(By.tagName("h1"), "Team"));
        By omarNow = By.cssSelector("td[data-now='omar@example.com']");
        assertThat(max.findElement(omarNow).getAttribute("class")).isEqualTo("available");
        browsers.screenshot("console-team");

        max.findElement(By.cssSelector("label[for='" + key(max, "omar@example.com") + "-paused']")).click();
        max.findElement(By.xpath("//button[normalize-space()='Save Omar Haddad']")).click();

        waitFor(max, ExpectedConditions.attributeToBe(omarNow, "class", "skipped"));
        assertThat(max.findElement(omarNow).getText()).containsIgnoringCase("paused");
        String inbound = max.findElement(By.cssSelector("section[data-queue='Inbound']")).getText();
        assertThat(inbound).contains("Omar Haddad").containsIgnoringCase("paused");
        assertThat(server.services().team().repByEmail("omar@example.com").orElseThrow().paused()).isTrue();
    }

    @Test
    void aRepHasNoTeamLinkAndIsRefusedThePage() throws Exception {
        WebDriver jane = signedIn("jane@example.com");
        assertThat(jane.findElements(By.linkText("Team"))).isEmpty();
        jane.get(console.uri("/console/team").toString());
        waitFor(jane, ExpectedConditions.textToBe(By.tagName("h1"), "Not allowed"));
        assertThat(jane.findElement(By.cssSelector("[role=alert]")).getText()).contains("for managers and admins");
        assertThat(jane.findElement(By.tagName("main")).getText()).doesNotContain("Omar Haddad");
        jane.findElement(By.linkText("Back to My work")).click();
        waitFor(jane, ExpectedConditions.textToBe(By.tagName("h1"), "My work"));
    }

    /** The id prefix the page gives the rep's availability inputs. */
    private static String key(WebDriver driver, String email) {
        String id = driver.findElement(By.cssSelector("tr[data-rep='" + email + "'] input[name=paused]")).getAttribute("id");
        return id.substring(0, id.length() - "-paused".length());
    }
}
