package dev.leadline.plugins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.testkit.TestContext;
import dev.leadline.plugin.testkit.TestLeads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** enrich-http against a loopback stand-in for a Clearbit-style company API. */
class HttpEnrichmentTest {
    private HttpServer api;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private final AtomicInteger throttle = new AtomicInteger();
    private volatile String retryAfter = "1";

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/v1/companies", exchange -> {
            seen.add(exchange.getRequestURI().getRawQuery() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            int status;
            if (throttle.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
                status = 429;
                body = "{\"error\":\"rate limited\"}".getBytes(StandardCharsets.UTF_8);
            } else if (exchange.getRequestURI().getRawQuery().contains("unknown")) {
                status = 404;
                body = "{}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = "{\"company\":{\"name\":\"Acme & Sons\",\"industry\":\"Manufacturing\",\"metrics\":{\"employees\":850}},\"extra\":null}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private TestContext context() {
        return TestContext.withConfig(Map.of("url", "http://127.0.0.1:" + api.getAddress().getPort() + "/v1/companies?domain={domain}",
                "authHeader", "Authorization: Bearer sk_test_123",
                "mapping", "/company/industry=industry, /company/metrics/employees=employeeCount, /extra=title"));
    }

    @Test
    void theMappedFieldsComeBackWithTheConfiguredAuthAndAnEncodedUrl() throws Exception {
        Enrichment found = new HttpEnrichment().enrich(TestLeads.lead(Map.of("domain", "acme & sons.example")), context());

        assertThat(found.values()).extracting(FieldValue::field, FieldValue::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("industry", "Manufacturing"),
                        org.assertj.core.groups.Tuple.tuple("employeeCount", "850"));
        assertThat(seen).containsExactly("domain=acme+%26+sons.example Bearer sk_test_123");
    }

    @Test
    void aLeadWithoutTheFieldTheUrlNeedsIsNotSentAndAnUnknownCompanyIsNothing() throws Exception {
        assertThat(new HttpEnrichment().enrich(TestLeads.lead(Map.of("email", "a@b.example")), context()).values()).isEmpty();
        assertThat(seen).isEmpty();
        assertThat(new HttpEnrichment().enrich(TestLeads.lead(Map.of("domain", "unknown.example")), context()).values()).isEmpty();
    }

    @Test
    void a429WithAShortRetryAfterIsWaitedOutAndTriedOnceMore() throws Exception {
        throttle.set(1);

        Enrichment found = new HttpEnrichment().enrich(TestLeads.lead(Map.of("domain", "acme.example")), context());

        assertThat(found.values()).hasSize(2);
        assertThat(seen).hasSize(2);
    }

    @Test
    void a429WithALongRetryAfterPausesTheProviderWithoutCallingAgain() {
        throttle.set(1);
        retryAfter = "120";
        HttpEnrichment provider = new HttpEnrichment();
        TestContext context = context();

        assertThatThrownBy(() -> provider.enrich(TestLeads.lead(Map.of("domain", "acme.example")), context))
                .hasMessageContaining("paused for 120 s");
        assertThatThrownBy(() -> provider.enrich(TestLeads.lead(Map.of("domain", "other.example")), context))
                .hasMessageContaining("not called");
        assertThat(seen).hasSize(1);
    }

    @Test
    void withoutAUrlItDoesNothingAndSaysSoOnce() throws Exception {
        TestContext unconfigured = TestContext.withConfig(Map.of());
        HttpEnrichment provider = new HttpEnrichment();

        provider.enrich(TestLeads.lead(Map.of("domain", "acme.example")), unconfigured);
        Enrichment second = provider.enrich(TestLeads.lead(Map.of("domain", "acme.example")), unconfigured);

        assertThat(second.values()).isEmpty();
        assertThat(unconfigured.logged()).singleElement().asString().contains("plugins.enrich-http.url");
    }

    @Test
    void aBadMappingIsRefusedWithTheEntry() {
        assertThatThrownBy(() -> HttpEnrichment.mapping("company.industry=industry")).hasMessageContaining("company.industry=industry");
        assertThat(HttpEnrichment.mapping("/a=b")).isEqualTo(Map.of("/a", "b"));
    }
}
