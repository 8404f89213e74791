package dev.trawl.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks5;
import org.eclipse.jetty.client.Socks5Proxy;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/** A {@link FetchOptions.Proxy} on Jetty's client, and the failures that are the proxy's. */
final class JettyProxy {

    private final FetchOptions.Proxy proxy;

    private JettyProxy(FetchOptions.Proxy proxy) {
        this.proxy = proxy;
    }

    /**
     * Routes every request of {@code client} through the proxy, its credentials given as the
     * proxy asks for them: HTTP's in Proxy-Authorization, to the proxy only (on the CONNECT of an
     * https tunnel, never inside it); SOCKS5's in its own handshake.
     */
    static JettyProxy install(HttpClient client, FetchOptions.Proxy proxy) {
        Origin.Address address = new Origin.Address(proxy.host(), proxy.port());
        ProxyConfiguration.Proxy route;
        if (proxy.scheme().equals("socks5")) {
            Socks5Proxy socks = new Socks5Proxy(address, false);
            if (proxy.user() != null) {
                socks.putAuthenticationFactory(
                        new Socks5.UsernamePasswordAuthenticationFactory(proxy.user(), proxy.password()));
            }
            route = socks;
        } else {
            route = new HttpProxy(address, proxy.scheme().equals("https"));
            if (proxy.user() != null) {
                client.getAuthenticationStore()
                        .addAuthenticationResult(new BasicAuthentication.BasicResult(
                                route.getURI(), HttpHeader.PROXY_AUTHORIZATION, proxy.user(), proxy.password()));
            }
        }
        client.getProxyConfiguration().addProxy(route);
        return new JettyProxy(proxy);
    }

    /**
     * What went wrong with the proxy, if {@code cause} is the proxy's failure: it could not be
     * reached (every connection goes to it), it refused the tunnel, or its SOCKS5 handshake
     * failed. {@code null} for any other failure.
     */
    String failure(Throwable cause) {
        if (cause instanceof ConnectException
                || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException
                || cause instanceof UnresolvedAddressException) {
            return "cannot connect to the proxy " + proxy + ": " + message(cause);
        }
        if (cause instanceof HttpResponseException e
                && e.getResponse().getRequest().getMethod().equals(HttpMethod.CONNECT.asString())) {
            String reason = e.getResponse().getReason() == null
                    ? ""
                    : " " + e.getResponse().getReason();
            return "the proxy " + proxy + " answered " + e.getResponse().getStatus() + reason + " to CONNECT";
        }
        if (cause instanceof IOException && message(cause).startsWith("SOCK")) {
            return "the proxy " + proxy + ": " + message(cause);
        }
        return null;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
