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
        console.weightedInbound();
        ReportHistory.generate(server, "Inbound", 12);
    }

    @Test
    void aManagerSeesEachReportDrawnAndFollowsANumberToItsLeads() throws Exception {
        WebDriver max = signedIn("max@example.com");
        max.findElement(By.linkText("Reports")).click();
        heading(max, "Funnel");
        waitFor(max, ExpectedConditions.attributeToBe(By.cssSelector(".chart"), "data-drawn", "yes"));
        firstLoadIsWithinTheBudget(max);

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
        String csv = max.findElement(By.linkText("Download as CSV")).getAttribute("href");
        String cookie = "leadline_console=" + max.manage().getCookieNamed("leadline_console").getValue();
        assertThat(console.get(java.net.URI.create(csv).getRawPath() + "?" + java.net.URI.create(csv).getRawQuery(), cookie).body())
                .startsWith("\uFEFFgroup,step,leads,").contains("Web,created,");

        WebElement number = max.findElement(By.xpath("//table[@id='report']//tr[td[1][normalize-space()='Web']][td[2][normalize-space()='created']]/td[3]/a"));
        int count = Integer.parseInt(number.getText());
        assertThat(count).isPositive();
        number.click();
        waitFor(max, ExpectedConditions.textMatches(By.tagName("h1"), Pattern.compile("^" + count + " leads? behind Funnel.*")));
        assertThat(max.findElement(By.id("behind")).getAttribute("data-total")).isEqualTo(String.valueOf(count));
        assertThat(max.findElements(By.cssSelector("table.leads tbody tr"))).hasSize(count);
        browsers.screenshot("report-leads");
    }

    @Test
    void aRepSeesOnlyTheirOwnNumbersAndNeitherFairnessNorQuality() {
        String jane = console.signIn("jane@example.com").cookie();

        assertThat(console.get("/console/reports/reps", jane).body()).contains("jane@example.com").doesNotContain("omar@example.com</td>");
        assertThat(console.get("/console/reports/reps?rep=omar@example.com", jane).statusCode()).isEqualTo(403);
        assertThat(console.get("/console/reports/reps/leads?rep=omar@example.com&column=claimed", jane).statusCode()).isEqualTo(403);
        assertThat(console.get("/console/reports/fairness", jane).statusCode()).isEqualTo(403);
        assertThat(console.get("/console/reports/quality", jane).statusCode()).isEqualTo(403);
        assertThat(console.get("/console/reports/funnel?from=yesterday", jane).statusCode()).isEqualTo(422);
    }

    /**
     * The page and everything it loaded, as served (bodies gzipped where the server gzips them; a file the browser
     * had from My work counts all the same): under the console's budget of 300 KB. Written down for the docs.
     */
    private static void firstLoadIsWithinTheBudget(WebDriver driver) throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> sizes = (List<Object>) ((JavascriptExecutor) driver).executeScript("var all = performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource')); var served = 0, plain = 0, lines = [];"
                + "all.forEach(function (e) { served += e.encodedBodySize; plain += e.decodedBodySize;"
                + " lines.push(e.name + ' ' + e.encodedBodySize + ' ' + e.decodedBodySize); });"
                + "return [served, plain, lines.join('\\n')];");
        long served = ((Number) sizes.get(0)).longValue();
        String report = "report page first load: " + served + " bytes as served, " + sizes.get(1) + " unpacked\n" + sizes.get(2) + "\n";
        System.out.println(report);
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"))
                .resolve("report-page-size.txt"), report);
        assertThat(served).as(report).isLessThan(300_000);
    }

    private static void heading(WebDriver driver, String text) {
        waitFor(driver, ExpectedConditions.textToBe(By.tagName("h1"), text));
    }
}
