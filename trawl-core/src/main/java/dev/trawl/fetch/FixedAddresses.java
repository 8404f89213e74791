package dev.trawl.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Connects some host names and ports to addresses of the user's ({@code --resolve}, as in curl),
 * asking DNS for the others. Only the connection changes: the URL, the Host header, the TLS
 * name and the robots.txt that applies are the name's.
 */
final class FixedAddresses implements SocketAddressResolver {

    private final Map<String, InetAddress> fixed;
    private final SocketAddressResolver others;

    /** @param fixed addresses by {@code host:port}, the host in lower case */
    FixedAddresses(Map<String, InetAddress> fixed, SocketAddressResolver others) {
        this.fixed = Map.copyOf(fixed);
        this.others = others;
    }

    static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        InetAddress address = fixed.get(key(host, port));
        if (address != null) {
            try {
                // The address carries the name, so that TLS checks the certificate against the name.
                promise.succeeded(
                        List.of(new InetSocketAddress(InetAddress.getByAddress(host, address.getAddress()), port)));
            } catch (UnknownHostException e) {
                promise.failed(e);
            }
        } else {
            others.resolve(host, port, context, promise);
        }
    }
}
