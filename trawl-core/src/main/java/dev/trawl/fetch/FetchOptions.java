package dev.trawl.fetch;

import dev.trawl.url.WebUrl;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a {@link Fetcher} talks to servers. Immutable; made by a {@link Builder}, and changed by
 * copying: {@code options.newBuilder().maxBytes(1 << 20).build()}.
 *
 * <pre>{@code
 * FetchOptions options = FetchOptions.builder().timeout(Duration.ofSeconds(5)).userAgent("mybot/1.0").build();
 * }</pre>
 */
public final class FetchOptions {

    /** RFC 9110's token: what a header name is made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final Set<String> RESERVED =
            Set.of("host", "content-length", "transfer-encoding", "connection", "accept-encoding");

    /** The default User-Agent: names trawl and where to read about it. */
    public static final String DEFAULT_USER_AGENT = "trawl/0.1 (+https://github.com/trawl-crawler/trawl)";

    /** The largest body cap: a body is read into one array, and one byte more tells it was cut. */
    public static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 9;

    private final String userAgent;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;
    private final long maxBytes;
    private final int connectionsPerHost;
    private final boolean keepExchanges;
    private final boolean denyPrivate;
    private final boolean readAllTypes;
    private final List<Map.Entry<String, String>> headers;
    private final List<X509Certificate> trusted;
    private final boolean insecure;
    private final Map<String, InetAddress> addresses;
    private final Credentials credentials;
    private final boolean cookies;
    private final CookieJar cookieJar;
    private final Proxy proxy;
    private final boolean http2;

    private FetchOptions(Builder b) {
        this.userAgent = b.userAgent;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.totalTimeout = b.totalTimeout;
        this.maxBytes = b.maxBytes;
        this.connectionsPerHost = b.connectionsPerHost;
        this.keepExchanges = b.keepExchanges;
        this.denyPrivate = b.denyPrivate;
        this.readAllTypes = b.readAllTypes;
        this.headers = List.copyOf(b.headers);
        this.trusted = List.copyOf(b.trusted);
        this.insecure = b.insecure;
        this.addresses = Map.copyOf(b.addresses);
        this.credentials = b.credentials;
        this.cookies = b.cookies;
        this.cookieJar = b.cookieJar;
        this.proxy = b.proxy;
        this.http2 = b.http2;
    }

    /**
     * A proxy every request goes through.
     *
     * @param scheme {@code http}, {@code https} (TLS to the proxy) or {@code socks5}
     * @param user the proxy's user name, or {@code null}
     * @param password the proxy's password, or {@code null}
     */
    public record Proxy(String scheme, String host, int port, String user, String password) {

        /**
         * A proxy from its URL, {@code scheme://[user:password@]host[:port]} (port 1080 when none
         * is given, as curl's; user and password percent-decoded).
         *
         * @throws IllegalArgumentException for another scheme, or a URL without a host
         */
        public static Proxy parse(String url) {
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a proxy URL: '" + url + "'");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!Set.of("http", "https", "socks5").contains(scheme)) {
                throw new IllegalArgumentException(
                        "a proxy URL starts with http://, https:// or socks5://, not '" + url + "'");
            }
            if (uri.getHost() == null
                    || (uri.getRawPath() != null && !uri.getRawPath().matches("/?"))) {
                throw new IllegalArgumentException(
                        "a proxy URL is scheme://[user:password@]host[:port], not '" + redacted(uri) + "'");
            }
            String user = null;
            String password = null;
            if (uri.getUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0].replace("+", "%2B"), StandardCharsets.UTF_8);
                password =
                        parts.length < 2 ? "" : URLDecoder.decode(parts[1].replace("+", "%2B"), StandardCharsets.UTF_8);
            }
            String host = uri.getHost().startsWith("[")
                    ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            return new Proxy(scheme, host, uri.getPort() < 0 ? 1080 : uri.getPort(), user, password);
        }

        private static String redacted(URI uri) {
            return uri.getRawUserInfo() == null
                    ? uri.toString()
                    : uri.toString().replace(uri.getRawUserInfo() + "@", "<credentials>@");
        }

        /** {@code scheme://host:port}, without the credentials, which are never printed. */
        @Override
        public String toString() {
            return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * A user name and password for HTTP Basic authentication, and the origins they go to.
     *
     * @param origins {@code scheme://host:port} of each site the credentials are for
     */
    public record Credentials(String user, String password, Set<String> origins) {

        /** Keeps a copy of the origins. */
        public Credentials {
            origins = Set.copyOf(origins);
        }

        /** The origin of a URL as {@link #origins} holds them: {@code https://example.com:443}. */
        public static String origin(WebUrl url) {
            return url.scheme() + "://" + url.host() + ":" + url.effectivePort();
        }

        /** The Authorization header's value. */
        String basic() {
            return "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        /** The credentials without the password, which is never printed. */
        @Override
        public String toString() {
            return "Credentials[" + user + ", password hidden, " + origins + "]";
        }
    }

    /** Defaults: 10 s to connect, 30 s of silence, 60 s in all, 10 MiB, 2 connections per host. */
    public static FetchOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to make a changed copy. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** The User-Agent header. */
    public String userAgent() {
        return userAgent;
    }

    /** Longest wait for a TCP (and TLS) connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest silence while waiting for headers or body bytes. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Longest time for the whole exchange, slow bodies included. */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /** Body size cap, after decompression; the rest is not read. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Most open connections to one host. */
    public int connectionsPerHost() {
        return connectionsPerHost;
    }

    /** Whether results carry the raw HTTP messages ({@link FetchResult#exchange()}), for WARC. */
    public boolean keepExchanges() {
        return keepExchanges;
    }

    /** Whether connections to loopback, private and link-local addresses are refused. */
    public boolean denyPrivate() {
        return denyPrivate;
    }

    /** The headers sent on every request besides trawl's own, in order ({@link Builder#header}). */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** Certificates trusted besides the JDK's trust store ({@link Builder#trust}). */
    public List<X509Certificate> trusted() {
        return trusted;
    }

    /** The addresses some {@code host:port}s connect to instead of DNS's ({@link Builder#resolve}). */
    public Map<String, InetAddress> addresses() {
        return addresses;
    }

    /** The Basic credentials and where they go, or {@code null} ({@link Builder#basicAuth}). */
    public Credentials credentials() {
        return credentials;
    }

    /** Whether cookies are kept and sent back ({@link Builder#cookies}). */
    public boolean cookies() {
        return cookies;
    }

    /** The jar cookies are kept in, or {@code null} for a new one per fetcher ({@link Builder#cookieJar}). */
    public CookieJar cookieJar() {
        return cookieJar;
    }

    /** The proxy every request goes through, or {@code null} ({@link Builder#proxy}). */
    public Proxy proxy() {
        return proxy;
    }

    /** Whether HTTP/2 is offered to https sites ({@link Builder#http2}). */
    public boolean http2() {
        return http2;
    }

    /** Whether server certificates go unchecked ({@link Builder#insecure}). */
    public boolean insecure() {
        return insecure;
    }

    /** Whether 2xx bodies of every type are read (to save them), not only HTML ones. */
    public boolean readAllTypes() {
        return readAllTypes;
    }

    /** Builds {@link FetchOptions}. */
    public static final class Builder {
        private String userAgent = DEFAULT_USER_AGENT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration totalTimeout = Duration.ofSeconds(60);
        private long maxBytes = 10L << 20;
        private int connectionsPerHost = 2;
        private boolean keepExchanges;
        private boolean denyPrivate;
        private boolean readAllTypes;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private final List<X509Certificate> trusted = new ArrayList<>();
        private boolean insecure;
        private final Map<String, InetAddress> addresses = new HashMap<>();
        private Credentials credentials;
        private boolean cookies = true;
        private CookieJar cookieJar;
        private Proxy proxy;
        private boolean http2 = true;

        private Builder() {}

        private Builder(FetchOptions o) {
            this.userAgent = o.userAgent;
            this.connectTimeout = o.connectTimeout;
            this.readTimeout = o.readTimeout;
            this.totalTimeout = o.totalTimeout;
            this.maxBytes = o.maxBytes;
            this.connectionsPerHost = o.connectionsPerHost;
            this.keepExchanges = o.keepExchanges;
            this.denyPrivate = o.denyPrivate;
            this.readAllTypes = o.readAllTypes;
            this.headers.addAll(o.headers);
            this.trusted.addAll(o.trusted);
            this.insecure = o.insecure;
            this.addresses.putAll(o.addresses);
            this.credentials = o.credentials;
            this.cookies = o.cookies;
            this.cookieJar = o.cookieJar;
            this.proxy = o.proxy;
            this.http2 = o.http2;
        }

        /** The User-Agent header; its first word is the name robots.txt rules are matched against. */
        public Builder userAgent(String ua) {
            this.userAgent = ua;
            return this;
        }

        /** One timeout for connecting, for silence while reading, and for the whole exchange. */
        public Builder timeout(Duration t) {
            this.connectTimeout = t;
            this.readTimeout = t;
            this.totalTimeout = t;
            return this;
        }

        /** The body size cap, after decompression: at most {@link #MAX_BODY_BYTES}. */
        public Builder maxBytes(long n) {
            this.maxBytes = n;
            return this;
        }

        /** Most open connections to one host. */
        public Builder connectionsPerHost(int n) {
            this.connectionsPerHost = n;
            return this;
        }

        /** Whether to keep the raw HTTP messages of every fetch (for WARC). */
        public Builder keepExchanges(boolean keep) {
            this.keepExchanges = keep;
            return this;
        }

        /** Whether to refuse private and local addresses, after DNS, on every connection. */
        public Builder denyPrivate(boolean deny) {
            this.denyPrivate = deny;
            return this;
        }

        /**
         * Whether to read the 2xx bodies of every type, up to the size cap, for a page handler
         * to save (default: only HTML bodies are read; others are recorded as {@code not_html}
         * without downloading them). Only HTML is parsed for links either way.
         */
        public Builder readAllTypes(boolean read) {
            this.readAllTypes = read;
            return this;
        }

        /**
         * A header to send on every request, robots.txt and sitemaps included; repeatable. One
         * named Accept or Accept-Language replaces trawl's; User-Agent sets {@link #userAgent}.
         *
         * @throws IllegalArgumentException for a name that is not an HTTP token, a value with a
         *     line break or NUL, or a header trawl must set itself (Host, Content-Length,
         *     Transfer-Encoding, Connection, and Accept-Encoding, which says what trawl decodes)
         */
        public Builder header(String name, String value) {
            if (name == null || !TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("not a header name: '" + name + "'");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("the value of header " + name + " holds a line break or NUL");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the " + name + " header is trawl's to set");
            }
            if (name.equalsIgnoreCase("User-Agent")) {
                return userAgent(value.strip());
            }
            headers.add(Map.entry(name, value.strip()));
            return this;
        }

        /**
         * Trusts these certificates too (a private CA, a test server's own certificate), besides
         * the JDK's trust store.
         */
        public Builder trust(Collection<X509Certificate> certificates) {
            trusted.addAll(certificates);
            return this;
        }

        /**
         * Whether to accept any server certificate, for any name: for a test site only, since
         * anyone between trawl and the server can then read and change what is fetched.
         */
        public Builder insecure(boolean trustAll) {
            this.insecure = trustAll;
            return this;
        }

        /**
         * Connects to {@code address} for {@code host:port} instead of asking DNS, as curl's
         * {@code --resolve}: for a staging server or a local copy of a site. The URL, the Host
         * header, the TLS name, robots.txt and scope all stay the host's.
         */
        public Builder resolve(String host, int port, InetAddress address) {
            addresses.put(FixedAddresses.key(host, port), address);
            return this;
        }

        /**
         * Sends HTTP Basic credentials with every request to these sites, at once (as curl's
         * {@code -u}), and to no other: not to another host, not after a redirect elsewhere, not
         * over http to a site given as https (the origin is scheme, host and port). WARC request
         * records show {@code Authorization: <hidden>}.
         *
         * @param sites URLs of the sites, such as the start URLs
         */
        public Builder basicAuth(String user, String password, Collection<WebUrl> sites) {
            this.credentials = new Credentials(
                    user, password, sites.stream().map(Credentials::origin).collect(Collectors.toSet()));
            return this;
        }

        /**
         * Whether to keep the cookies servers set, for the crawl, and send them back where their
         * domain and path allow, as browsers and Scrapy do (default: yes). Each fetcher keeps its
         * own: in a Redis fleet, each process.
         */
        public Builder cookies(boolean keep) {
            this.cookies = keep;
            return this;
        }

        /**
         * Keeps the crawl's cookies in this jar (by default, a new empty one per fetcher): the
         * cookies it holds, loaded from a {@code cookies.txt} say, go out with the first
         * requests, and those servers set can be saved from it at the end. The jar is shared, not
         * copied: the fetcher adds to it as it goes.
         */
        public Builder cookieJar(CookieJar jar) {
            this.cookieJar = jar;
            return this;
        }

        /**
         * Sends every request through this proxy (or none, for {@code null}): to an HTTP proxy,
         * plain-http requests go as they are and https ones through a CONNECT tunnel; a SOCKS5
         * proxy tunnels both. The proxy resolves the sites' names; with {@link #denyPrivate}, trawl
         * still checks the addresses a site's name has before each request, while the proxy's own
         * address, chosen by the user, may be anywhere.
         */
        public Builder proxy(Proxy through) {
            this.proxy = through;
            return this;
        }

        /**
         * Whether to offer HTTP/2 to https sites, with ALPN in the TLS handshake, HTTP/1.1 being
         * the fallback (default: yes). Plain-http sites are asked in HTTP/1.1 either way. An
         * HTTP/2 connection carries several requests at once; the crawl's per-host limit counts
         * requests, so it holds as it does with one request per connection.
         */
        public Builder http2(boolean offer) {
            this.http2 = offer;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if private addresses are refused and one was given to
         *     {@link #resolve}, if addresses are given to {@link #resolve} and a {@link #proxy}
         *     (which resolves names itself) is set, or if a {@link #cookieJar} is given and cookies
         *     are {@linkplain #cookies turned off}
         */
        public FetchOptions build() {
            if (maxBytes < 0 || maxBytes > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("a body can be read whole up to " + MAX_BODY_BYTES
                        + " bytes (it is held in memory), not " + maxBytes);
            }
            if (!cookies && cookieJar != null) {
                throw new IllegalArgumentException("cookies are turned off, so a cookie jar cannot be used");
            }
            if (proxy != null && !addresses.isEmpty()) {
                throw new IllegalArgumentException(
                        "a proxy resolves the sites' names itself, so --resolve cannot" + " be used with --proxy");
            }
            if (denyPrivate) {
                addresses.forEach((hostPort, address) -> {
                    if (!PrivateAddressGuard.isPublic(address)) {
                        throw new IllegalArgumentException("private addresses are refused (--deny-private), and "
                                + address.getHostAddress() + " is one, given for " + hostPort);
                    }
                });
            }
            return new FetchOptions(this);
        }
    }
}
