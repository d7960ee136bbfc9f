package org.helpline.gateway.security;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is really calling, when reverse proxies stand in front: the connection's own address unless it is a configured
 * proxy, and then the right-most {@code X-Forwarded-For} entry that is not one (entries further left are whatever the
 * client wrote). {@code X-Forwarded-Proto} is believed from a proxy only.
 */
@Singleton
public class TrustedProxies {
    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int total = address.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private final List<Range> ranges = new ArrayList<>();

    public TrustedProxies(SecurityConfiguration config) {
        if (config.trustedProxies() != null) {
            for (String entry : config.trustedProxies()) {
                for (String one : entry.split(",")) {
                    String s = one.strip();
                    if (!s.isEmpty()) {
                        ranges.add(parse(s));
                    }
                }
            }
        }
    }

    private static Range parse(String s) {
        int slash = s.indexOf('/');
        byte[] address = literal(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("helpline.security.trusted-proxies: '" + s
                    + "' is not an IP address or CIDR range (names are not resolved)");
        }
        int bits = slash < 0 ? address.length * 8 : Integer.parseInt(s.substring(slash + 1));
        if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException("helpline.security.trusted-proxies: bad prefix length in '" + s + "'");
        }
        return new Range(address, bits);
    }

    /** The bytes of an IP literal, or null: a host name is never looked up. */
    static byte[] literal(String s) {
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean ipv4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean trusted(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] b = address.getAddress();
        for (Range r : ranges) {
            if (r.contains(b)) {
                return true;
            }
        }
        return false;
    }

    private boolean fromProxy(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        return !ranges.isEmpty() && peer != null && trusted(peer.getAddress());
    }

    /** The client's address as text (for the log-in budget per address; never logged). */
    public String clientAddress(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        String direct = peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
        if (!fromProxy(request)) {
            return direct;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
            for (String h : header.split(",")) {
                hops.add(h.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] b = literal(hops.get(i));
            if (b == null) {
                return direct; // garbage where a proxy should have written an address: do not guess further
            }
            try {
                InetAddress a = InetAddress.getByAddress(b);
                if (!trusted(a)) {
                    return a.getHostAddress();
                }
            } catch (UnknownHostException e) {
                return direct;
            }
        }
        return direct;
    }

    /** Whether the request reached us over HTTPS as far as we can trust: a proxy said so. */
    public boolean forwardedHttps(HttpRequest<?> request) {
        if (!fromProxy(request)) {
            return false;
        }
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        return proto != null && "https".equalsIgnoreCase(proto.split(",")[0].strip());
    }
}
