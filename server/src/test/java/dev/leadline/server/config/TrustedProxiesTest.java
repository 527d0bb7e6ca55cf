package dev.leadline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.5, 2001:db8::/32");

    @Test
    void withoutTrustedProxiesTheClientIsThePeerWhateverItForwards() {
        assertThat(TrustedProxies.NONE.client("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void aPeerThatIsNotATrustedProxyIsTheClient() {
        assertThat(proxies.client("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void forwardedForIsReadFromTheRightPastEveryTrustedProxy() {
        assertThat(proxies.client("10.1.1.1", List.of("6.6.6.6, 203.0.113.1, 192.168.1.5"))).isEqualTo("203.0.113.1");
        assertThat(proxies.client("10.1.1.1", List.of("6.6.6.6", "203.0.113.1:5123"))).as("headers in order, a port dropped")
                .isEqualTo("203.0.113.1");
        assertThat(proxies.client("[2001:db8::9]", List.of("[2001:db9::1]:443"))).isEqualTo("2001:db9::1");
    }

    @Test
    void somethingThatIsNotAnAddressIsNeverTrustedAndNeverLookedUp() {
        assertThat(proxies.client("10.1.1.1", List.of("10.0.0.1, localhost"))).isEqualTo("localhost");
        assertThat(proxies.client("10.1.1.1", List.of())).as("nothing forwarded").isEqualTo("10.1.1.1");
    }

    @Test
    void blocksThatAreNotAddressesOrHaveImpossiblePrefixesAreRefused() {
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.example")).hasMessageContaining("'proxy.example' is not an IP address");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix length outside 0-32");
    }
}
