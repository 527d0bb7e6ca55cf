package dev.leadline.server.integrations;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.integration.TargetCheck;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where webhooks may go: {@code https} addresses (also {@code http} with {@code LEADLINE_WEBHOOKS_ALLOW_HTTP=true})
 * whose host resolves only to public addresses (also private, loopback and link-local ones with
 * {@code LEADLINE_WEBHOOKS_ALLOW_PRIVATE=true}). Checked when a subscription is saved and, through
 * {@link #dns()}, at every connection: a name that later resolves to a private address is refused then.
 */
public final class WebhookTargets implements TargetCheck {
    private final boolean allowHttp;
    private final boolean allowPrivate;

    public WebhookTargets(boolean allowHttp, boolean allowPrivate) {
        this.allowHttp = allowHttp;
        this.allowPrivate = allowPrivate;
    }

    @Override
    public void check(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ValidationException("url", "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ValidationException("url", "must be an absolute https URL like https://hooks.example.com/leadline");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new ValidationException("url", "must use https (set LEADLINE_WEBHOOKS_ALLOW_HTTP=true to allow http)");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new ValidationException("url", "has no valid port (1 to 65535): " + uri.getPort());
        }
        if (uri.getRawUserInfo() != null) {
            throw new ValidationException("url", "must not carry a user name or password; receivers check the webhook-signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new ValidationException("url", "must not have a #fragment");
        }
        if (url.length() > 2000) {
            throw new ValidationException("url", "must be at most 2000 characters");
        }
        try {
            resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ValidationException("url", e.getMessage());
        }
    }

    /** The host's addresses, refused (as an {@link UnknownHostException}) when any is one webhooks may not reach. */
    List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("host " + host + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : all) {
                if (isPrivate(address)) {
                    throw new UnknownHostException("host " + host + " resolves to " + address.getHostAddress()
                            + ", a private, loopback or link-local address (set LEADLINE_WEBHOOKS_ALLOW_PRIVATE=true to allow it)");
                }
            }
        }
        return List.of(all);
    }

    /** The resolver webhook connections use: each connection's addresses are checked as they are looked up. */
    okhttp3.Dns dns() {
        return this::resolve;
    }

    /** Loopback, private, link-local, unique-local, carrier-grade NAT, multicast, unspecified and reserved addresses. */
    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first >= 240                           // this network, reserved and broadcast
                    || (first == 100 && second >= 64 && second < 128)   // carrier-grade NAT 100.64.0.0/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments 192.0.0.0/24
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking 198.18.0.0/15
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {                               // unique local fc00::/7
                return true;
            }
            // IPv4 inside IPv6: ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) carry the IPv4 address's kind
            boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean nat64 = first == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12);
            if (mapped || nat64) {
                try {
                    return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
