package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Swagger UI at {@code /api/docs} in Chromium: under the page's Content-Security-Policy it draws every operation of the document. */
class ApiDocsBrowserTest extends BrowserTest {

    @Test
    void swaggerUiShowsTheApisOperationsWithoutErrors() throws Exception {
        HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri("/api/docs")).build());
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'").doesNotContain("'unsafe-eval'"));

        WebDriver reader = browsers.open();
        reader.get(server.uri("/api/docs").toString());
        waitFor(reader, ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".opblock"), 100));

        List<String> paths = reader.findElements(By.cssSelector(".opblock-summary-path")).stream().map(WebElement::getText).toList();
        assertThat(paths).contains("/api/v1/leads", "/api/v1/leads/{id}/claim", "/health");
        assertThat(reader.findElement(By.cssSelector(".info .title")).getText()).startsWith("Leadline API");
        assertThat(reader.findElements(By.cssSelector(".errors-wrapper")).stream().map(WebElement::getText).toList()).isEmpty();
        browsers.screenshot("api-docs");
    }
}
