package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.server.routing.RulesYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Cadences in real Chromium: an admin opens a cadence, checks a typo (shown at its line), fixes it and saves version 2. */
class ConsoleCadencesBrowserTest extends BrowserTest {
    @BeforeAll
    static void aCadence() {
        server.services().cadences().save("check-back-90", RulesYaml.tree(ConsoleCadencesTest.CHECK_BACK, "body"), Actor.cli("test"));
    }

    @Test
    void checkATypoAtItsLineThenSaveTheNextVersion() throws Exception {
        WebDriver ada = signedIn("ada@example.com");
        ada.findElement(By.linkText("Cadences")).click();
        waitFor(ada, ExpectedConditions.textToBe(By.tagName("h1"), "Cadences"));
        assertThat(ada.findElement(By.cssSelector("tr[data-cadence='check-back-90']")).getText()).contains("disqualified for \u201cBad timing\u201d");
        ada.findElement(By.linkText("check-back-90")).click();
        waitFor(ada, ExpectedConditions.textToBe(By.tagName("h1"), "Cadence check-back-90"));
        assertThat(ada.findElement(By.id("cadence-yaml")).getAttribute("value")).contains("  - wait: 3d");

        type(ada, ConsoleCadencesTest.TYPO);
        ada.findElement(By.xpath("//button[normalize-space()='Check']")).click();
        waitFor(ada, ExpectedConditions.visibilityOfElementLocated(By.id("cadence-problems")));
        assertThat(ada.findElement(By.id("cadence-problems")).getText())
                .contains("Line 8: steps[1].email.body: line 3: unknown merge field 'compnay'")
                .contains("Line 9: steps[2].wait: '3x' is not a number of days or hours");
        browsers.screenshot("cadence-problems");

        type(ada, ConsoleCadencesTest.TYPO.replace("compnay", "company").replace("3x", "3d"));
        ada.findElement(By.xpath("//button[normalize-space()='Check']")).click();
        waitFor(ada, ExpectedConditions.visibilityOfElementLocated(By.id("cadence-ok")));
        assertThat(ada.findElement(By.id("cadence-ok")).getText()).startsWith("No problems: check-back-90 reads as 3 steps (wait, email, wait)");

        ada.findElement(By.xpath("//button[normalize-space()='Save as version 2']")).click();
        waitFor(ada, ExpectedConditions.textToBe(By.id("page-message"), "Saved version 2 of check-back-90."));
        assertThat(ada.findElement(By.id("cadence-version")).getText()).contains("Version 2").contains("ada@example.com");
        assertThat(ada.findElement(By.id("cadence-yaml")).getAttribute("value")).contains("how is {{ lead.company }} doing?");
        assertThat(server.services().cadences().get("check-back-90").version()).isEqualTo(2);
    }

    private static void type(WebDriver driver, String yaml) {
        WebElement editor = driver.findElement(By.id("cadence-yaml"));
        editor.clear();
        editor.sendKeys(yaml);
    }
}
