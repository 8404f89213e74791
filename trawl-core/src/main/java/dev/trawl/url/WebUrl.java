package dev.trawl.url;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * An absolute URL of a special scheme ({@code http}, {@code https}, {@code ws}, {@code wss},
 * {@code ftp}), parsed and serialized as the <a href="https://url.spec.whatwg.org/">WHATWG URL
 * standard</a> says, so that a link resolves here exactly as it does in a browser.
 *
 * <p>Immutable. {@link #toString()} gives the standard's serialization ({@code href}).
 *
 * <pre>{@code
 * WebUrl base = WebUrl.parse("http://Example.COM:80/a/b.html");
 * WebUrl link = WebUrl.parse("../c d?q#top", base);   // http://example.com/c%20d?q#top
 * }</pre>
 */
public final class WebUrl {

    private final String scheme;
    private final String username;
    private final String password;
    private final String host;
    private final int port;
    private final String path;
    private final String query;
    private final String fragment;
    private final String href;

    WebUrl(
            String scheme,
            String username,
            String password,
            String host,
            int port,
            String path,
            String query,
            String fragment) {
        this.scheme = scheme;
        this.username = username;
        this.password = password;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.fragment = fragment;
        this.href = serialize();
    }

    /**
     * Parses an absolute URL.
     *
     * @throws InvalidUrlException if the input is not a valid absolute URL of a special scheme
     */
    public static WebUrl parse(String input) {
        return parse(input, null);
    }

    /**
     * Parses {@code input} relative to {@code base}, as a browser resolves a link.
     *
     * @param base the base URL, or {@code null} when {@code input} must be absolute
     * @throws InvalidUrlException if the input does not resolve to a valid URL of a special
     *     scheme (a non-special scheme such as {@code mailto:} is reported the same way)
     */
    public static WebUrl parse(String input, WebUrl base) {
        return new WhatwgUrlParser(input, base).parse();
    }

    /** Like {@link #parse(String, WebUrl)}, but returns {@code null} instead of throwing. */
    public static WebUrl tryParse(String input, WebUrl base) {
        try {
            return parse(input, base);
        } catch (InvalidUrlException e) {
            return null;
        }
    }

    /** The lower-case scheme, without the colon: {@code http}. */
    public String scheme() {
        return scheme;
    }

    /** The percent-encoded user name, or the empty string. */
    public String username() {
        return username;
    }

    /** The percent-encoded password, or the empty string. */
    public String password() {
        return password;
    }

    /** The host as serialized: a lower-case ASCII domain, a dotted IPv4 address or {@code [IPv6]}. */
    public String host() {
        return host;
    }

    /** The port, or -1 when it is the scheme's default (or none was given). */
    public int port() {
        return port;
    }

    /** The port to connect to: {@link #port()}, or the scheme's default. */
    public int effectivePort() {
        return port >= 0 ? port : defaultPort(scheme);
    }

    /** The percent-encoded path, always starting with {@code /}. */
    public String path() {
        return path;
    }

    /** The query without its {@code ?}, or {@code null} when there is none. */
    public String query() {
        return query;
    }

    /** The fragment without its {@code #}, or {@code null} when there is none. */
    public String fragment() {
        return fragment;
    }

    /** This URL with its fragment removed. */
    public WebUrl withoutFragment() {
        return fragment == null ? this : new WebUrl(scheme, username, password, host, port, path, query, null);
    }

    /** This URL with another path and query (both already percent-encoded) and no fragment. */
    WebUrl withPathAndQuery(String newPath, String newQuery) {
        return new WebUrl(scheme, username, password, host, port, newPath, newQuery, null);
    }

    /** The path split into its segments (without the leading slash). */
    public List<String> pathSegments() {
        List<String> segments = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                segments.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return segments;
    }

    /**
     * This URL as a {@link URI}, for HTTP clients. The standard leaves a few characters bare that
     * {@code java.net.URI} refuses ({@code | { } ^ ` [ ] \} in a path or query, and a {@code %}
     * not followed by two hex digits, as in {@code operator%.html}); they are percent-encoded
     * here ({@code %} as {@code %25}, as wget sends it), which servers read as the name meant.
     * The URL itself, as discovered, stays as it is.
     */
    public URI toUri() {
        StringBuilder sb = new StringBuilder(href.length() + 8);
        sb.append(scheme).append("://");
        if (!username.isEmpty() || !password.isEmpty()) {
            appendForUri(sb, username);
            if (!password.isEmpty()) {
                appendForUri(sb.append(':'), password);
            }
            sb.append('@');
        }
        sb.append(host).append(port >= 0 ? ":" + port : "");
        appendForUri(sb, path);
        if (query != null) {
            appendForUri(sb.append('?'), query);
        }
        return URI.create(sb.toString());
    }

    private static void appendForUri(StringBuilder sb, String part) {
        for (int i = 0; i < part.length(); i++) {
            char ch = part.charAt(i);
            boolean lonePercent = ch == '%'
                    && (i + 2 >= part.length()
                            || PercentEncoding.hexValue(part.charAt(i + 1)) < 0
                            || PercentEncoding.hexValue(part.charAt(i + 2)) < 0);
            if (lonePercent || "|{}^`[]\\\"<> ".indexOf(ch) >= 0) {
                PercentEncoding.appendByte(sb, ch);
            } else {
                sb.append(ch);
            }
        }
    }

    /** The serialized URL. */
    public String href() {
        return href;
    }

    @Override
    public String toString() {
        return href;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebUrl other && href.equals(other.href);
    }

    @Override
    public int hashCode() {
        return href.hashCode();
    }

    private String serialize() {
        StringBuilder sb = new StringBuilder(scheme.length() + host.length() + path.length() + 16);
        sb.append(scheme).append("://");
        if (!username.isEmpty() || !password.isEmpty()) {
            sb.append(username);
            if (!password.isEmpty()) {
                sb.append(':').append(password);
            }
            sb.append('@');
        }
        sb.append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        sb.append(path);
        if (query != null) {
            sb.append('?').append(query);
        }
        if (fragment != null) {
            sb.append('#').append(fragment);
        }
        return sb.toString();
    }

    /** The default port of a special scheme, or -1 when the scheme is not special. */
    static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            case "ftp" -> 21;
            default -> -1;
        };
    }

    static boolean isSupportedScheme(String scheme) {
        return defaultPort(scheme) >= 0;
    }
}
