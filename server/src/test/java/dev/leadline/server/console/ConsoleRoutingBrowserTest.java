package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.server.RoutedImports;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Routing in real Chromium: an admin edits the rules (a problem shown at its line, then fixed), dry-runs them on 200 leads and publishes. */
class ConsoleRoutingBrowserTest extends BrowserTest {
    private static final String DRAFT = ConsoleRoutingTest.DRAFT;

    @BeforeAll
    static void routedLeads() {
        server.services().rules().save("default", Map.of("default", Map.of("queue", "Inbound")), Actor.cli("test"));
        RoutedImports.importRouted(server, 200);
    }

    @Test
    void editDryRunOn200LeadsAndPublish() throws Exception {
        WebDriver ada = signedIn("ada@example.com");
        ada.findElement(By.linkText("Routing")).click();
        waitFor(ada, ExpectedConditions.textToBe(By.tagName("h1"), "Routing"));
        assertThat(ada.findElement(By.cssSelector(".rule-graph")).getText()).contains("default").contains("queue Inbound");

        type(ada, DRAFT.replace("mia@", "mya@"));
        ada.findElement(By.xpath("//button[normalize-space()='Check']")).click();
        waitFor(ada, ExpectedConditions.visibilityOfElementLocated(By.id("draft-problems")));
        assertThat(ada.findElement(By.id("draft-problems")).getText())
                .contains("Line 4: entries[0].to.rep no rep with email 'mya@example.com'");

        type(ada, DRAFT);
        ada.findElement(By.xpath("//button[normalize-space()='Check']")).click();
        waitFor(ada, ExpectedConditions.visibilityOfElementLocated(By.id("draft-ok")));
        assertThat(ada.findElement(By.id("draft-ok")).getText()).contains("No problems");

        WebElement last = ada.findElement(By.id("dry-run-last"));
        last.clear();
        last.sendKeys("200");
        // by keyboard: Enter in the number of leads publishes nothing; Enter on the focused button runs it
        last.sendKeys(Keys.ENTER);
        ada.findElement(By.xpath("//button[normalize-space()='Dry run']")).sendKeys(Keys.ENTER);
        waitFor(ada, ExpectedConditions.visibilityOfElementLocated(By.id("trial-summary")));
        WebElement summary = ada.findElement(By.id("trial-summary"));
        assertThat(summary.getText()).startsWith("50 of 200 leads would go elsewhere");
        assertThat(ada.findElements(By.cssSelector("table.trial tbody tr"))).hasSize(200);
        assertThat(ada.findElements(By.cssSelector("table.trial tr.changed"))).hasSize(50)
                .allSatisfy(row -> assertThat(row.getText()).contains("Mia Chen").contains("Changed"));
        wholePage(ada, "routing");

        ada.findElement(By.xpath("//button[normalize-space()='Publish as version 2']")).click();
        waitFor(ada, ExpectedConditions.textMatches(By.id("page-message"), java.util.regex.Pattern.compile("^Published version 2 .*")));
        assertThat(ada.findElement(By.cssSelector("tr[data-version='2']")).getText()).contains("ada@example.com");
        assertThat(ada.findElement(By.id("diff-title")).getText()).isEqualTo("Version 1 → version 2");
        assertThat(ada.findElements(By.cssSelector("#diff .diff-add"))).extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).endsWith("+- name: Big"));
        assertThat(ada.findElement(By.cssSelector(".rule-graph")).getText()).contains("Big").contains("rep mia@example.com");
        wholePage(ada, "routing-published");
    }

    /** A screenshot of the whole page, for the docs: the window made as tall as the page, then as it was. */
    private void wholePage(WebDriver driver, String name) {
        org.openqa.selenium.Dimension size = driver.manage().window().getSize();
        long height = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("window.scrollTo(0, 0); return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int) Math.min(height + 100, 4000)));
        browsers.screenshot(name);
        driver.manage().window().setSize(size);
    }

    private static void type(WebDriver driver, String yaml) {
        WebElement editor = driver.findElement(By.id("rules-yaml"));
        editor.clear();
        editor.sendKeys(yaml);
    }
}
