package dev.trawl.fetch;

import java.time.Duration;

/**
 * How a {@link Fetcher} talks to servers.
 *
 * @param userAgent the User-Agent header
 * @param connectTimeout longest wait for a TCP (and TLS) connection
 * @param readTimeout longest silence while waiting for headers or body bytes
 * @param totalTimeout longest time for the whole exchange, slow bodies included
 * @param maxBytes body size cap, after decompression; the rest is not read
 * @param connectionsPerHost most open connections to one host
 * @param keepExchanges whether results carry the raw HTTP messages ({@link FetchResult#exchange()}), for WARC
 * @param denyPrivate whether connections to loopback, private and link-local addresses are refused
 */
public record FetchOptions(String userAgent, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                           long maxBytes, int connectionsPerHost, boolean keepExchanges, boolean denyPrivate) {

    /** The default User-Agent: names trawl and where to read about it. */
    public static final String DEFAULT_USER_AGENT = "trawl/0.1 (+https://github.com/trawl-crawler/trawl)";

    /** Defaults: 10 s to connect, 30 s of silence, 60 s in all, 10 MiB, 2 connections per host. */
    public static FetchOptions defaults() {
        return new FetchOptions(DEFAULT_USER_AGENT, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 10L << 20, 2, false, false);
    }

    /** A copy with another user agent. */
    public FetchOptions withUserAgent(String ua) {
        return new FetchOptions(ua, connectTimeout, readTimeout, totalTimeout, maxBytes, connectionsPerHost, keepExchanges, denyPrivate);
    }

    /** A copy with one timeout for connecting, reading and the whole exchange. */
    public FetchOptions withTimeout(Duration t) {
        return new FetchOptions(userAgent, t, t, t, maxBytes, connectionsPerHost, keepExchanges, denyPrivate);
    }

    /** A copy with another body size cap. */
    public FetchOptions withMaxBytes(long n) {
        return new FetchOptions(userAgent, connectTimeout, readTimeout, totalTimeout, n, connectionsPerHost, keepExchanges, denyPrivate);
    }

    /** A copy that keeps (or not) the raw HTTP messages of every fetch. */
    public FetchOptions withExchanges(boolean keep) {
        return new FetchOptions(userAgent, connectTimeout, readTimeout, totalTimeout, maxBytes, connectionsPerHost, keep, denyPrivate);
    }

    /** A copy that refuses (or not) private and local addresses, after DNS, on every connection. */
    public FetchOptions withDenyPrivate(boolean deny) {
        return new FetchOptions(userAgent, connectTimeout, readTimeout, totalTimeout, maxBytes, connectionsPerHost,
                keepExchanges, deny);
    }

    /** A copy with another connection limit per host. */
    public FetchOptions withConnectionsPerHost(int n) {
        return new FetchOptions(userAgent, connectTimeout, readTimeout, totalTimeout, maxBytes, n, keepExchanges, denyPrivate);
    }
}
