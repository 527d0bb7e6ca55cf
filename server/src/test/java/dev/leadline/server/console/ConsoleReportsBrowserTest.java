package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.ReportHistory;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Reports pages in real Chromium: a manager opens each report and sees its chart drawn over its table, changes a
 * filter, and follows a number to the leads behind it; each chart is saved as {@code target/screenshots/report-<name>.png}.
 */
class ConsoleReportsBrowserTest extends BrowserTest {
    private static final List<String> REPORTS = List.of("funnel", "conversion", "reps", "trends", "fairness", "quality");

    @BeforeAll
    static void history() throws Exception {
        ReportHistory.generate(server, "Inbound", 12);
    }

    @Test
    void aManagerSeesEachReportDrawnAndFollowsANumberToItsLeads() throws Exception {
        WebDriver max = signedIn("max@example.com");
        max.findElement(By.linkText("Reports")).click();
        heading(max, "Funnel");

        for (String report : REPORTS) {
            max.get(console.uri("/console/reports/" + report).toString());
            waitFor(max, ExpectedConditions.attributeToBe(By.cssSelector(".chart"), "data-drawn", "yes"));
            WebElement canvas = max.findElement(By.cssSelector(".chart canvas"));
            assertThat(canvas.getSize().getWidth()).as(report + " chart width").isGreaterThan(100);
            assertThat(canvas.getAttribute("aria-label")).as(report).contains("chart");
            assertThat(max.findElements(By.cssSelector("#report tbody tr"))).as(report + " rows").isNotEmpty();
            ((JavascriptExecutor) max).executeScript("arguments[0].scrollIntoView()", max.findElement(By.tagName("h1")));
            browsers.screenshot("report-" + report);
        }

        max.findElement(By.linkText("Funnel")).click();
        heading(max, "Funnel");
        new Select(max.findElement(By.id("f-by"))).selectByValue("source");
        max.findElement(By.xpath("//button[normalize-space()='Show']")).click();
        waitFor(max, ExpectedConditions.textMatches(By.cssSelector("#report caption"), Pattern.compile(".*by source.*")));
        assertThat(max.getCurrentUrl()).as("the filter is in the address, so it can be bookmarked").contains("by=source");

        WebElement number = max.findElement(By.xpath("//table[@id='report']//tr[td[1][normalize-space()='Web']][td[2][normalize-space()='created']]/td[3]/a"));
        int count = Integer.parseInt(number.getText());
        assertThat(count).isPositive();
        number.click();
        waitFor(max, ExpectedConditions.textMatches(By.tagName("h1"), Pattern.compile("^" + count + " entr.* behind Funnel.*")));
        assertThat(max.findElement(By.id("behind")).getAttribute("data-total")).isEqualTo(String.valueOf(count));
        assertThat(max.findElements(By.cssSelector("table.leads tbody tr"))).hasSize(count);
        browsers.screenshot("report-leads");
    }

    private static void heading(WebDriver driver, String text) {
        waitFor(driver, ExpectedConditions.textToBe(By.tagName("h1"), text));
    }
}
