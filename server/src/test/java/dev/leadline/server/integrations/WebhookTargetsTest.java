package dev.leadline.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.integration.Attempt;
import dev.leadline.core.integration.Delivery;
import dev.leadline.core.integration.IntegrationEvent;
import dev.leadline.core.integration.Webhook;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Where webhooks may go (SSRF): refused when saved, and again at every delivery, after DNS resolution. */
class WebhookTargetsTest {
    private final WebhookTargets strict = new WebhookTargets(false, false);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/hook", "https://172.16.0.9/hook",
            "https://192.168.1.20/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://[fd00::1]/hook",
            "https://[fe80::1]/hook", "https://[::ffff:10.0.0.1]/hook", "https://100.64.1.1/hook", "https://0.0.0.0/hook",
            "https://[64:ff9b::7f00:1]/hook", "https://224.0.0.1/hook"})
    void privateLoopbackAndLinkLocalTargetsAreRefused(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors().get(0).field()).isEqualTo("url"))
                .hasMessageContaining("LEADLINE_WEBHOOKS_ALLOW_PRIVATE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/x", "ftp://hooks.example.com/x", "/relative", "https:///nohost", "https://u:p@hooks.example.com/",
            "https://hooks.example.com/x#frag", "javascript:alert(1)"})
    void onlyAbsoluteHttpsAddressesWithoutCredentialsAreTaken(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(ValidationException.class);
    }

    @Test
    void publicAddressesPassAndPrivateOnesPassOnlyWhenAllowed() throws Exception {
        assertThatCode(() -> strict.check("https://93.184.215.14/hook")).doesNotThrowAnyException();
        assertThatCode(() -> strict.check("https://[2606:4700::6810:84e5]/hook")).doesNotThrowAnyException();
        assertThatCode(() -> new WebhookTargets(true, true).check("http://127.0.0.1:9/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new WebhookTargets(true, false).check("http://127.0.0.1:9/hook")).hasMessageContaining("private");
        assertThatThrownBy(() -> new WebhookTargets(false, true).check("http://127.0.0.1:9/hook")).hasMessageContaining("https");
    }

    @Test
    void theResolverEveryConnectionUsesRefusesANameThatResolvesToLoopback() {
        assertThatThrownBy(() -> strict.dns().lookup("localhost")).isInstanceOf(UnknownHostException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    void aSubscriptionSavedWhenPrivateAddressesWereAllowedIsRefusedAtDeliveryWhenTheyAreNot() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger hits = new AtomicInteger();
        receiver.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://localhost:" + receiver.getAddress().getPort() + "/hook";
            Webhook hook = new Webhook(1, url, List.of("lead.created"), null, "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                    Webhook.Status.ACTIVE, Instant.now(), "token:test", Instant.now(), null, null);
            Delivery delivery = new Delivery(1, "webhook:1", new IntegrationEvent("msg_1", "lead.created", 1, Instant.now(), "{}"), "pending", 0,
                    Instant.now(), Instant.now(), null, null, null, null, null, null);

            Attempt refused = new WebhookSender(new WebhookTargets(true, false), Clock.systemUTC(), "test").send(hook, delivery);
            assertThat(refused.outcome()).isEqualTo(Attempt.Outcome.RETRY);
            assertThat(refused.error()).contains("private");
            assertThat(hits).hasValue(0);

            Attempt allowed = new WebhookSender(new WebhookTargets(true, true), Clock.systemUTC(), "test").send(hook, delivery);
            assertThat(allowed.outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
            assertThat(hits).hasValue(1);
        } finally {
            receiver.stop(0);
        }
    }
}
