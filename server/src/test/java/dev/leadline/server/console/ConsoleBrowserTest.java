package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in real Chromium: signing in by a one-time link, a claim that leaves another rep's open
 * list live, and a lead worked from its page.
 */
class ConsoleBrowserTest extends BrowserTest {
    @Test
    void aRepSignsInByTheLinkFromChatAndSeesTheirWork() throws Exception {
        String lead = console.offeredLead("Hopper");
        WebDriver jane = signedIn("jane@example.com");

        assertThat(jane.findElement(By.tagName("h1")).getText()).isEqualTo("My work");
        assertThat(jane.findElement(By.cssSelector("nav[aria-label=Views] a[aria-current=page]")).getText()).startsWith("Open in Inbound");
        jane.findElement(By.linkText(lead)).click();
        assertThat(jane.findElement(By.tagName("h1")).getText()).startsWith(lead);
        assertThat(jane.findElement(By.cssSelector(".timeline")).getText()).contains("Offered to Inbound");
        browsers.screenshot("console-lead");
    }

    @Test
    void aLeadClaimedInOneBrowserLeavesTheOtherRepsOpenListWithinTwoSeconds() throws Exception {
        String lead = console.offeredLead("Lovelace");
        WebDriver omar = signedIn("omar@example.com");
        WebDriver jane = signedIn("jane@example.com");
        By row = By.cssSelector("#lead-list tr[data-lead='" + lead + "']");
        assertThat(omar.findElements(row)).hasSize(1);
        waitFor(omar, ExpectedConditions.presenceOfElementLocated(By.cssSelector("[sse-connect][data-live=on]")));

        jane.findElement(By.linkText(lead)).click();
        jane.findElement(By.xpath("//button[normalize-space()='Claim " + lead + "']")).click();
        status(jane, "Claimed " + lead + ".");

        new WebDriverWait(omar, Duration.ofSeconds(2)).until(ExpectedConditions.numberOfElementsToBe(row, 0));
        browsers.screenshot("console-my-work");
    }

    @Test
    void aRepLogsAContactAttemptAndQualifiesALeadFromItsPage() throws Exception {
        String lead = console.offeredLead("Franklin");
        WebDriver jane = signedIn("jane@example.com");
        jane.get(console.uri("/console/leads/" + lead).toString());
        jane.findElement(By.xpath("//button[normalize-space()='Claim " + lead + "']")).click();
        status(jane, "Claimed " + lead + ".");

        jane.findElement(By.xpath("//summary[normalize-space()='Log contact']")).click();
        new Select(jane.findElement(By.id("log-contact-channel"))).selectByValue("email");
        jane.findElement(By.cssSelector("label[for=log-contact-reached]")).click();
        jane.findElement(By.id("log-contact-note")).sendKeys("Answered my email");
        jane.findElement(By.cssSelector("form[action$='/log-contact'] button[type=submit]")).click();
        status(jane, "Logged email on " + lead + ".");
        assertThat(jane.findElement(By.cssSelector(".timeline")).getText()).contains("Email — reached by Jane Rivera");

        jane.findElement(By.xpath("//button[normalize-space()='Qualify " + lead + "']")).click();
        status(jane, "Qualified " + lead + ".");
        assertThat(jane.findElement(By.cssSelector("[data-fact=status]")).getText()).isEqualTo("Qualified");
        assertThat(jane.findElement(By.cssSelector(".timeline")).getText()).contains("Qualified by Jane Rivera");
        assertThat(jane.findElements(By.xpath("//button[normalize-space()='Qualify " + lead + "']"))).isEmpty();
        browsers.screenshot("console-lead-actions");
    }

    private static void status(WebDriver driver, String text) {
        waitFor(driver, ExpectedConditions.textToBe(By.cssSelector("[role=status]"), text));
    }
}
