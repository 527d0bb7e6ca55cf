package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** My work's search in real Chromium: a rep finds a lead by its company and keeps the search as a view of their own. */
class ConsoleSearchBrowserTest extends BrowserTest {
    @Test
    void aRepSearchesByCompanySavesTheSearchAndSeesTheViewCounted() throws Exception {
        String created = server.postJson("/api/v1/leads", "{\"lastName\":\"Mendez\",\"company\":\"Quetzal Robotics\"}").body();
        String lead = created.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        server.postJson("/api/v1/leads", "{\"lastName\":\"Other\",\"company\":\"Unrelated Inc\"}");
        WebDriver jane = signedIn("jane@example.com");

        ((JavascriptExecutor) jane).executeScript("window.sameDocument = true;");
        jane.findElement(By.cssSelector("label[for=search-q]")).click();
        jane.findElement(By.id("search-q")).sendKeys("quetzal");
        jane.findElement(By.xpath("//form[@role='search']//button[normalize-space()='Search']")).click();
        waitFor(jane, ExpectedConditions.textToBe(By.id("list-title"), "All leads beginning with \u2018quetzal\u2019"));
        waitFor(jane, ExpectedConditions.urlContains("q=quetzal"));
        assertThat(((JavascriptExecutor) jane).executeScript("return window.sameDocument === true;")).as("swapped in by htmx").isEqualTo(true);
        assertThat(jane.findElements(By.cssSelector("#lead-list tr[data-lead]"))).hasSize(1);
        assertThat(jane.findElement(By.cssSelector("#lead-list tr[data-lead='" + lead + "']")).getText()).contains("Quetzal Robotics");

        jane.findElement(By.id("save-name")).sendKeys("quetzal-leads");
        assertThat(jane.findElement(By.id("save-value")).getAttribute("value")).isEqualTo("quetzal");
        jane.findElement(By.xpath("//button[normalize-space()='Save view']")).click();
        waitFor(jane, ExpectedConditions.textToBe(By.id("list-title"), "quetzal-leads"));
        By count = By.cssSelector("li[data-view=quetzal-leads] .count");
        waitFor(jane, ExpectedConditions.textToBe(count, "1"));
        assertThat(jane.findElement(By.cssSelector("li[data-view=quetzal-leads] a")).getAttribute("aria-current")).isEqualTo("page");
        assertThat(jane.findElement(By.cssSelector("#lead-list tr[data-lead='" + lead + "']")).isDisplayed()).isTrue();
        browsers.screenshot("console-search");
    }
}
