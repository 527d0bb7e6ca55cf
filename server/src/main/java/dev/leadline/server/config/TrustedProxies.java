package dev.leadline.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies in front of the server ({@code LEADLINE_TRUSTED_PROXIES}, CIDR blocks), and with them
 * who a request's client is: the socket's peer, unless that is one of these proxies; then the entries
 * of {@code X-Forwarded-For} read from the right, the first that is not one of these proxies. Entries
 * to the left of it were written by the client and are never believed.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());
    private static final int MAX_CLIENT = 100;

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Comma-separated CIDR blocks or single addresses; blank is none. */
    public static TrustedProxies parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                blocks.add(Block.parse(entry.strip()));
            }
        }
        return new TrustedProxies(blocks);
    }

    /** The client of a request from {@code peer} that carried these X-Forwarded-For headers (in order). */
    public String client(String peer, List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        });
        String client = bare(peer);
        for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
            client = bare(hops.get(i));
        }
        return client.length() <= MAX_CLIENT ? client : client.substring(0, MAX_CLIENT);
    }

    private boolean trusts(String address) {
        return address(address).map(a -> blocks.stream().anyMatch(b -> b.contains(a))).orElse(false);
    }

    /** An address without the brackets or port a proxy may have written around it. */
    private static String bare(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The address an IP literal names; never a host name (no DNS look-up). */
    private static Optional<InetAddress> address(String literal) {
        try {
            if (literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return Optional.of(InetAddress.getByName(literal));
            }
            if (literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+")) {
                return Optional.of(InetAddress.getByName("[" + literal + "]"));
            }
        } catch (UnknownHostException e) {
            // not an address
        }
        return Optional.empty();
    }

    private record Block(byte[] network, int prefix) {
        static Block parse(String cidr) {
            int slash = cidr.indexOf('/');
            InetAddress network = address(slash < 0 ? cidr : cidr.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block"));
            int bits = network.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = cidr.substring(slash + 1);
                prefix = length.matches("\\d{1,3}") ? Integer.parseInt(length) : -1;
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + bits);
                }
            }
            return new Block(network.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
