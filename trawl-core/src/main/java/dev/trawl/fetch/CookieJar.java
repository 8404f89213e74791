package dev.trawl.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpCookieStore;

/**
 * The cookies of a crawl: those servers set, kept and sent back where their domain and path
 * allow (RFC 6265, as Jetty's store matches them), and those read from a Netscape
 * {@code cookies.txt}, the format of curl and wget and of browsers' export extensions. A jar
 * is written back in the same format. Safe for use by many threads.
 *
 * <pre>{@code
 * CookieJar jar = new CookieJar();
 * int skipped = jar.load(Path.of("cookies.txt"));
 * FetchOptions options = FetchOptions.builder().cookieJar(jar).build();
 * // ... crawl ...
 * jar.save(Path.of("cookies.txt"));
 * }</pre>
 */
public final class CookieJar {

    /**
     * Where a cookie came from and when, kept as attributes of the cookie: a cookie without a
     * Domain is sent to that host only, and a Max-Age counts from then. Jetty sends a cookie's
     * name and value only, never its attributes.
     */
    private static final String ORIGIN = "trawl-origin";

    private static final String RECEIVED = "trawl-received";

    private static final String HTTP_ONLY = "#HttpOnly_";

    private static final Pattern CONTROL = Pattern.compile("[\t\r\n]");

    private final HttpCookieStore.Default cookies = new HttpCookieStore.Default();
    private final AtomicLong changes = new AtomicLong();

    /** An empty jar. */
    public CookieJar() {}

    /**
     * Adds the cookies of a Netscape {@code cookies.txt}: one cookie per line, seven fields
     * separated by tabs (domain, whether subdomains match, path, secure, expiry in seconds since
     * the epoch with {@code 0} for a session cookie, name, value); {@code #} starts a comment,
     * except {@code #HttpOnly_} before a domain. Expired cookies are left out.
     *
     * @return how many lines were skipped as not cookies: too few or too many fields, a bad
     *     flag or expiry, a domain no cookie may have (such as {@code com})
     */
    public int addCookiesTxt(String text) {
        int skipped = 0;
        for (String line : text.split("\r?\n")) {
            boolean httpOnly = line.startsWith(HTTP_ONLY);
            if (httpOnly) {
                line = line.substring(HTTP_ONLY.length());
            } else if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!addLine(line, httpOnly)) {
                skipped++;
            }
        }
        return skipped;
    }

    private boolean addLine(String line, boolean httpOnly) {
        String[] f = line.split("\t", -1);
        // curl writes six fields for a cookie with an empty value.
        if (f.length != 7 && f.length != 6) {
            return false;
        }
        String host = stripDot(f[0]);
        Boolean subdomains = flag(f[1]);
        Boolean secure = flag(f[3]);
        if (host.isEmpty() || subdomains == null || secure == null || !f[2].startsWith("/") || f[5].isEmpty()) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(f[4].strip());
        } catch (NumberFormatException e) {
            return false;
        }
        HttpCookie.Builder cookie = HttpCookie.build(f[5], f.length == 7 ? f[6] : "")
                .path(f[2])
                .secure(secure)
                .httpOnly(httpOnly);
        if (expires > 0) {
            Instant at = Instant.ofEpochSecond(Math.min(expires, Instant.MAX.getEpochSecond()));
            if (!at.isAfter(Instant.now())) {
                return true;
            }
            cookie.expires(at);
        }
        if (subdomains) {
            cookie.domain(host);
        }
        URI origin;
        try {
            origin = new URI(secure ? "https" : "http", host, f[2], null);
        } catch (URISyntaxException e) {
            return false;
        }
        return add(origin, cookie.build());
    }

    private static Boolean flag(String s) {
        return s.equalsIgnoreCase("TRUE") ? Boolean.TRUE : s.equalsIgnoreCase("FALSE") ? Boolean.FALSE : null;
    }

    /** Adds the cookies of a {@code cookies.txt} file ({@link #addCookiesTxt}); returns the lines skipped. */
    public int load(Path file) throws IOException {
        return addCookiesTxt(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /**
     * The jar as a Netscape {@code cookies.txt}, session cookies included (expiry {@code 0}),
     * sorted by domain, path and name.
     */
    public String toCookiesTxt() {
        StringBuilder sb = new StringBuilder("# Netscape HTTP Cookie File\n# Written by trawl.\n\n");
        cookies.all().stream()
                .map(CookieJar::line)
                .filter(l -> l != null)
                .sorted(Comparator.naturalOrder())
                .forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** One line, or {@code null} for a cookie the format cannot hold (a tab or line break in it). */
    private static String line(HttpCookie c) {
        String value = c.getValue() == null ? "" : c.getValue();
        if (CONTROL.matcher(c.getName()).find() || CONTROL.matcher(value).find()) {
            return null;
        }
        URI origin = URI.create(c.getAttributes().get(ORIGIN));
        boolean hostOnly = c.getDomain() == null || c.getDomain().endsWith(".");
        String domain = hostOnly ? origin.getHost() : "." + stripDot(c.getDomain());
        String path = c.getPath() != null && c.getPath().startsWith("/") ? c.getPath() : defaultPath(origin);
        long expires = c.getMaxAge() >= 0
                ? Long.parseLong(c.getAttributes().get(RECEIVED)) + c.getMaxAge()
                : c.getExpires() == null ? 0 : c.getExpires().getEpochSecond();
        String line = String.join(
                "\t",
                domain.toLowerCase(Locale.ROOT),
                hostOnly ? "FALSE" : "TRUE",
                path,
                c.isSecure() ? "TRUE" : "FALSE",
                Long.toString(expires),
                c.getName(),
                value);
        return (c.isHttpOnly() ? HTTP_ONLY : "") + line;
    }

    private static String stripDot(String domain) {
        return domain.startsWith(".") ? domain.substring(1) : domain;
    }

    /** RFC 6265's default path: the request path up to its last slash, or {@code /}. */
    private static String defaultPath(URI origin) {
        String path = origin.getRawPath();
        int slash = path == null ? -1 : path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Writes the jar to a file ({@link #toCookiesTxt}), replacing it at once. */
    public void save(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(
                absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, toCookiesTxt());
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * How many times a server has set a cookie, or the jar was given some: a count that grows
     * when the jar may have changed, for saving it only then.
     */
    public long changes() {
        return changes.get();
    }

    private boolean add(URI uri, HttpCookie cookie) {
        HttpCookie.Builder kept = HttpCookie.build(cookie).attribute(ORIGIN, uri.toString());
        if (cookie.getMaxAge() >= 0) {
            kept.attribute(RECEIVED, Long.toString(Instant.now().getEpochSecond()));
        }
        // Jetty matches a Domain as given, and ".example.com" would then match no host.
        if (cookie.getDomain() != null && cookie.getDomain().startsWith(".")) {
            kept.domain(stripDot(cookie.getDomain()));
        }
        boolean added = cookies.add(uri, kept.build());
        // Counted once the jar holds it, so that a copy taken for the count has it; an expired
        // cookie is a deletion.
        if (added || cookie.isExpired()) {
            changes.incrementAndGet();
        }
        return added;
    }

    /** The store Jetty's client keeps the crawl's cookies in: this jar. */
    HttpCookieStore store() {
        return new HttpCookieStore() {
            @Override
            public boolean add(URI uri, HttpCookie cookie) {
                return CookieJar.this.add(uri, cookie);
            }

            @Override
            public List<HttpCookie> all() {
                return cookies.all();
            }

            @Override
            public List<HttpCookie> match(URI uri) {
                return cookies.match(uri);
            }

            @Override
            public boolean remove(URI uri, HttpCookie cookie) {
                boolean removed = cookies.remove(uri, cookie);
                changes.incrementAndGet();
                return removed;
            }

            @Override
            public boolean clear() {
                boolean cleared = cookies.clear();
                changes.incrementAndGet();
                return cleared;
            }
        };
    }
}
