package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.plugin.testkit.NeedsSharedData;
import dev.leadline.plugin.testkit.SharedData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Imports page in Chromium: upload, the mapping preview, a changed mapping, a dry run, the import's live progress and its report. */
class ConsoleImportBrowserTest extends BrowserTest {

    @Test
    @NeedsSharedData("x-education/Leads.csv")
    void anAdminImportsTheXEducationExportAndWatchesItsProgressReach9240() throws Exception {
        WebDriver ada = uploaded(SharedData.file("x-education/Leads.csv"));
        waitFor(ada, ExpectedConditions.textToBe(By.tagName("h1"), "Import Leads.csv"));
        assertThat(mapping(ada, "Prospect ID").getFirstSelectedOption().getAttribute("value")).isEqualTo("externalId");
        assertThat(mapping(ada, "Lead Source").getFirstSelectedOption().getAttribute("value")).isEqualTo("source");
        assertThat(mapping(ada, "City").getFirstSelectedOption().getAttribute("value")).isEqualTo("city");
        mapping(ada, "Last Notable Activity").selectByValue("ignore");
        ada.findElement(By.id("null-values")).sendKeys("Select");
        ((org.openqa.selenium.JavascriptExecutor) ada).executeScript("window.scrollTo(0, 0)");
        browsers.screenshot("console-import-preview");

        ada.findElement(By.xpath("//button[normalize-space()='Import 9,240 rows']")).click();
        finished(ada, Duration.ofMinutes(5));
        assertThat(ada.findElement(By.className("import-count")).getText()).startsWith("9,240 of 9,240 rows");
        assertThat(ada.findElement(By.cssSelector("[data-count='Created']")).getText()).isEqualTo("9,240");
        assertThat(ada.findElement(By.id("rejected-csv")).getText()).isEqualTo("Download the rejected rows as CSV");
        browsers.screenshot("console-import-progress");
    }

    @Test
    void aDryRunCountsWhatAnImportWouldDoAndTheRejectedRowsDownloadAsCsv(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("small.csv"), ConsoleImportsAndFormsTest.CSV, StandardCharsets.UTF_8);
        WebDriver ada = uploaded(csv);
        waitFor(ada, ExpectedConditions.textToBe(By.tagName("h1"), "Import small.csv"));
        assertThat(mapping(ada, "Email").getFirstSelectedOption().getText()).isEqualTo("Email");
        mapping(ada, "Notiz").selectByVisibleText("Ignore this column");

        ada.findElement(By.xpath("//button[normalize-space()='Dry run']")).click();
        waitFor(ada, ExpectedConditions.presenceOfElementLocated(By.id("report-title")));
        assertThat(ada.findElement(By.cssSelector("[data-count='Would create']")).getText()).isEqualTo("3");
        assertThat(ada.findElement(By.cssSelector("[data-count='Rejected']")).getText()).isEqualTo("2");
        assertThat(ada.findElement(By.className("rejected")).getText()).contains("not an email").contains("has 2 fields");
        assertThat(mapping(ada, "Notiz").getFirstSelectedOption().getText()).isEqualTo("Ignore this column");

        ada.findElement(By.xpath("//button[normalize-space()='Import 5 rows']")).click();
        finished(ada, Duration.ofSeconds(30));
        assertThat(ada.findElement(By.className("import-count")).getText()).startsWith("5 of 5 rows");
        String href = ada.findElement(By.id("rejected-csv")).getAttribute("href");
        String cookie = "leadline_console=" + ada.manage().getCookieNamed("leadline_console").getValue();
        String rejected = console.get(URI.create(href).getPath(), cookie).body();
        assertThat(rejected).contains("Rejected line,Rejection reason,First Name").contains("'=HYPERLINK").contains("Only,Two");
    }

    /** Ada, signed in, has uploaded the file from the Imports page. */
    private WebDriver uploaded(Path file) throws Exception {
        WebDriver ada = signedIn("ada@example.com");
        ada.findElement(By.linkText("Imports")).click();
        waitFor(ada, ExpectedConditions.textToBe(By.tagName("h1"), "Imports"));
        ada.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        ada.findElement(By.xpath("//button[normalize-space()='Upload and preview']")).click();
        return ada;
    }

    /** Waits for the progress, which replaces itself every 500 ms while the import runs, to say the import is done. */
    private static void finished(WebDriver driver, Duration patience) {
        new WebDriverWait(driver, patience).ignoring(StaleElementReferenceException.class)
                .until(d -> "done".equals(d.findElement(By.id("import-progress")).getAttribute("data-state")));
    }

    /** The select of the lead field that a column feeds, found by its label (the column's name). */
    private static Select mapping(WebDriver driver, String column) {
        WebElement label = driver.findElement(By.xpath("//table[@id='mapping']//label[normalize-space()=\"" + column + "\"]"));
        return new Select(driver.findElement(By.id(label.getAttribute("for"))));
    }
}
