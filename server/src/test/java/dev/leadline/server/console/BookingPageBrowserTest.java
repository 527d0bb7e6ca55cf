package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.booking.BookingSpec;
import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The hosted booking page in Chromium: the embed script draws the free times (in the browser's zone), books one,
 * shows the meeting, and cancels it after the visitor confirms; the link then offers times again.
 */
class BookingPageBrowserTest extends BrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aVisitorBooksAndCancelsOnTheHostedPage() throws Exception {
        server.services().team().apply(List.of(new RepSpec("bea@example.com", "Bea Booker", "UTC", "24/7", null, true, "REP", Map.of())),
                List.of(new QueueSpec("Bookings", null, List.of("bea@example.com"))), Actor.cli("test"));
        server.services().forms().save(new FormDefinition("meet", "Meet us", Map.of(), "Web", null, null, List.of(),
                BookingSpec.parse(Map.of("queue", "Bookings", "durationMinutes", 45), "booking")), Actor.cli("test"));
        String answer = server.send(HttpRequest.newBuilder(server.uri("/forms/meet")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"vera@client.example\",\"last_name\":\"Visitor\"}")).build()).body();
        String link = URI.create(JSON.readTree(answer).path("booking").path("url").asText()).getPath();

        WebDriver visitor = browsers.open();
        visitor.get(server.uri(link).toString());
        waitFor(visitor, ExpectedConditions.presenceOfElementLocated(By.cssSelector("button[data-starts-at]")));
        assertThat(visitor.findElement(By.cssSelector(".leadline-zone")).getText()).startsWith("Times in ").endsWith("· 45 minutes");
        browsers.screenshot("booking-page");
        visitor.findElements(By.cssSelector("button[data-starts-at]")).get(1).click();
        waitFor(visitor, ExpectedConditions.textMatches(By.cssSelector(".leadline-booked"),
                java.util.regex.Pattern.compile("Your meeting with Bea Booker is booked for .+")));
        assertThat(visitor.findElement(By.cssSelector(".leadline-note")).getText()).isEqualTo("Booked. An invitation is on its way.");
        assertThat(server.get(link + "/slots").body()).contains("\"state\":\"booked\"").contains("\"with\":\"Bea Booker\"");

        visitor.findElement(By.xpath("//button[normalize-space()='Cancel it']")).click();
        waitFor(visitor, ExpectedConditions.alertIsPresent());
        visitor.switchTo().alert().accept();
        waitFor(visitor, ExpectedConditions.textToBe(By.cssSelector(".leadline-note"), "The meeting is cancelled. Book another time:"));
        assertThat(visitor.findElements(By.cssSelector("button[data-starts-at]"))).isNotEmpty();
        assertThat(server.get(link + "/slots").body()).contains("\"state\":\"cancelled\"");
    }
}
