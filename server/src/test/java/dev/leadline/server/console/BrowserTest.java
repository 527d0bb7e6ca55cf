package dev.leadline.server.console;

import dev.leadline.server.TestServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A console test in real Chromium: one server per test class, browsers closed after each test (with a
 * screenshot on failure, by {@link Browsers}), reps signed in by the link chat would send them.
 */
abstract class BrowserTest {
    static TestServer server;
    static ConsoleFixture console;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void start() {
        Browsers.assumeInstalled();
        server = TestServer.start();
        console = new ConsoleFixture(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    /** A browser signed in as the rep, on My work. */
    WebDriver signedIn(String email) throws Exception {
        WebDriver driver = browsers.open();
        driver.get(console.uri(URI.create(console.link(email)).getPath()).toString());
        driver.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        waitFor(driver, ExpectedConditions.textToBe(By.tagName("h1"), "My work"));
        waitFor(driver, ExpectedConditions.numberOfElementsToBe(By.cssSelector("#view-links[aria-busy=true]"), 0));
        return driver;
    }

    /** Each click loads a page or a part of one: wait for what it should show rather than read what the click left. */
    static void waitFor(WebDriver driver, ExpectedCondition<?> condition) {
        // htmx swaps whole parts: an element found a moment ago may be gone, which is a reason to look again
        new WebDriverWait(driver, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class).until(condition);
    }
}
