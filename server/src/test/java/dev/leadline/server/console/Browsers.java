package dev.leadline.server.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real Chromium for the browser tests: Debian's {@code chromium} driven through its {@code chromedriver}
 * (no browser is downloaded). Without them the tests are skipped with one line, unless
 * {@code -Dleadline.browser=required} (CI's {@code .ci/run}) makes that a failure. Every browser it
 * opened saves a screenshot to {@code target/screenshots} when a test fails.
 */
final class Browsers implements TestWatcher, AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private final List<WebDriver> open = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getProperty("leadline.browser"))) {
            throw new AssertionError("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "skipped: no " + CHROMIUM + " and " + CHROMEDRIVER + "; apt-get install chromium chromium-driver");
    }

    WebDriver open() throws IOException {
        Path profile = Files.createTempDirectory("leadline-chromium");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        open.add(driver);
        return driver;
    }

    /** Saves what each browser shows, e.g. for the docs. */
    void screenshot(String name) {
        for (int i = 0; i < open.size(); i++) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "screenshots"));
                byte[] png = ((TakesScreenshot) open.get(i)).getScreenshotAs(OutputType.BYTES);
                Files.write(dir.resolve(name + (open.size() > 1 ? "-" + (i + 1) : "") + ".png"), png);
            } catch (IOException | RuntimeException e) {
                System.err.println("no screenshot of browser " + (i + 1) + ": " + e);
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        screenshot(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + "-failed");
    }

    @Override
    public void close() {
        open.forEach(driver -> {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                System.err.println("closing a browser: " + e);
            }
        });
        open.clear();
        profiles.forEach(p -> dev.leadline.db.TestDatabases.deleteQuietly(p));
    }
}
