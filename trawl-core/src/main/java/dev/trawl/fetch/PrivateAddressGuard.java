package dev.trawl.fetch;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Refuses to connect to loopback, private, link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, unique-local IPv6 and unspecified addresses, checked after DNS resolution
 * so that a public name pointing inside cannot steer the crawler there. Every connection goes
 * through it, so every redirect hop is checked too.
 */
final class PrivateAddressGuard implements SocketAddressResolver {

    /** The connection was refused because the host resolves only to non-public addresses. */
    static final class DeniedAddressException extends IOException {
        DeniedAddressException(String host) {
            super(host + " resolves only to private or local addresses (--deny-private)");
        }
    }

    private final SocketAddressResolver resolver;

    PrivateAddressGuard(SocketAddressResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        resolver.resolve(host, port, context, new Promise<>() {
            @Override
            public void succeeded(List<InetSocketAddress> addresses) {
                List<InetSocketAddress> allowed =
                        addresses.stream().filter(a -> isPublic(a.getAddress())).toList();
                if (allowed.isEmpty()) {
                    promise.failed(new DeniedAddressException(host));
                } else {
                    promise.succeeded(allowed);
                }
            }

            @Override
            public void failed(Throwable failure) {
                promise.failed(failure);
            }
        });
    }

    /**
     * Resolves {@code host} here and refuses it unless it has a public address: for a site
     * reached through a proxy, which resolves it again itself.
     *
     * @throws UnknownHostException if the name does not resolve here
     * @throws DeniedAddressException if it has no public address
     */
    static void requirePublic(String host) throws IOException {
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        for (InetAddress a : InetAddress.getAllByName(literal)) {
            if (isPublic(a)) {
                return;
            }
        }
        throw new DeniedAddressException(host);
    }

    /** Whether an address is on the public internet. */
    static boolean isPublic(InetAddress a) {
        if (a == null
                || a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            // 0/8 "this network", 100.64/10 carrier-grade NAT, 192.0.0/24 protocol assignments, 198.18/15 benchmarking
            return first != 0
                    && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0)
                    && !(first == 198 && (second & 0xFE) == 18);
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:0:0/96 IPv4-mapped is judged by its IPv4 address
            if ((b[0] & 0xFE) == 0xFC) {
                return false;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
