package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.FormDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The Forms page in Chromium: a form's HTML to embed, shown as text, and a test submission that creates a lead. */
class ConsoleFormsBrowserTest extends BrowserTest {

    @Test
    void aRepSeesAFormsHtmlAndATestSubmissionOpensTheLeadItCreated() throws Exception {
        server.services().forms().save(new FormDefinition("demo", "Book a demo", Map.of("work_email", "email"), "Web", "Demo", null,
                List.of()), Actor.cli("test"));
        WebDriver jane = signedIn("jane@example.com");
        jane.findElement(By.linkText("Forms")).click();
        waitFor(jane, ExpectedConditions.textToBe(By.tagName("h1"), "Forms"));
        assertThat(jane.findElement(By.id("snippet-demo")).getText()).startsWith("<form method=\"post\" action=\"")
                .contains("/forms/demo\">").contains("name=\"work_email\"").contains("name=\"leadline_hp\"");

        jane.findElement(By.xpath("//section[@id='form-demo']//summary")).click();
        jane.findElement(By.id("test-demo-0")).sendKeys("demo@forms.example");
        jane.findElement(By.id("test-demo-2")).sendKeys("Demo");
        browsers.screenshot("console-forms");
        jane.findElement(By.xpath("//section[@id='form-demo']//button[normalize-space()='Send test submission']")).click();
        waitFor(jane, ExpectedConditions.textMatches(By.cssSelector("#form-demo .notice"), java.util.regex.Pattern.compile("Accepted")));

        jane.findElement(By.partialLinkText("Open L-")).click();
        waitFor(jane, ExpectedConditions.urlMatches("/console/leads/L-\\d+$"));
        assertThat(jane.getPageSource()).contains("demo@forms.example");
    }
}
