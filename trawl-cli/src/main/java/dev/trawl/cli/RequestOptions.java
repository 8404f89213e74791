package dev.trawl.cli;

import dev.trawl.fetch.CookieJar;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.url.InvalidUrlException;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options that shape each request as a site requires: the User-Agent, other headers,
 * cookies, credentials, TLS trust, addresses, the proxy and the protocol.
 */
final class RequestOptions {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    @Option(
            names = "--user-agent",
            paramLabel = "S",
            description = "The User-Agent header (default: " + FetchOptions.DEFAULT_USER_AGENT + ").")
    String userAgent;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "'NAME: VALUE'",
            description = "Send this header on every request, robots.txt included (repeatable). Accept and"
                    + " Accept-Language replace trawl's; Host, Content-Length, Transfer-Encoding, Connection and"
                    + " Accept-Encoding are trawl's to set.")
    List<String> headers = new ArrayList<>();

    @Option(
            names = "--ca-cert",
            paramLabel = "FILE",
            description = "Trust the certificates in this PEM file too (a private CA, a test server's own), besides"
                    + " the JDK's trust store.")
    Path caCert;

    @Option(
            names = "--no-cookies",
            description = "Do not keep the cookies servers set (by default they are kept for the crawl and sent back"
                    + " where their domain and path allow, as browsers do).")
    boolean noCookies;

    @Option(
            names = "--cookies",
            paramLabel = "FILE",
            description = "Start with the cookies of this Netscape cookies.txt (the format of curl, wget and"
                    + " browsers' export extensions), sent where their domain and path allow; lines that are not"
                    + " cookies are skipped, with a warning.")
    Path cookiesFile;

    @Option(
            names = "--cookie-jar",
            paramLabel = "FILE",
            description = "Write the cookies to this file at the end (the same format, session cookies included).")
    Path cookieJarFile;

    /** The crawl's cookies, made by {@link #applyTo}; {@code null} with --no-cookies. */
    CookieJar jar;

    /** Lines of --cookies that were not cookies. */
    int cookieLinesSkipped;

    @Option(
            names = "--auth",
            paramLabel = "USER:PASSWORD",
            description = "Send HTTP Basic credentials to the start URLs' sites (scheme, host and port) at once, as"
                    + " curl's -u; never to another site. WARC records show Authorization: <hidden>.")
    String auth;

    @Option(
            names = "--resolve",
            paramLabel = "HOST:PORT:ADDRESS",
            description = "Connect to ADDRESS for HOST:PORT instead of asking DNS, as curl does (a staging server,"
                    + " a local copy); the URL, Host header, certificate name and robots.txt stay HOST's. Repeatable.")
    List<String> resolve = new ArrayList<>();

    @Option(
            names = "--proxy",
            paramLabel = "URL",
            description = "Send every request through this proxy: http://, https:// (TLS to the proxy) or socks5://,"
                    + " with user:password@ if it wants them; port 1080 when none is given, as curl's.")
    String proxy;

    @Option(
            names = "--http1.1",
            description = "Speak HTTP/1.1 only (by default HTTP/2 is offered to https sites, and used where the"
                    + " server prefers it).")
    boolean http11;

    @Option(names = "--insecure", description = "Accept any server certificate, for any name: for a test site only.")
    boolean insecure;

    /**
     * Puts these options into the fetcher's.
     *
     * @throws Main.UsageException for a header that is not {@code Name: value}, or one trawl
     *     refuses, or a {@code --ca-cert} file that holds no certificate
     */
    void applyTo(FetchOptions.Builder fetch, List<String> startUrls) {
        if (auth != null) {
            int colon = auth.indexOf(':');
            if (colon < 0) {
                throw new Main.UsageException("--auth wants USER:PASSWORD");
            }
            if (headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Authorization:", 0, 14))) {
                throw new Main.UsageException("--auth and -H 'Authorization: ...' are two credentials: give one");
            }
            fetch.basicAuth(
                    auth.substring(0, colon),
                    auth.substring(colon + 1),
                    startUrls.stream().map(UrlNormalizer::normalize).toList());
        }
        if (userAgent != null) {
            fetch.userAgent(userAgent);
        }
        fetch.insecure(insecure).cookies(!noCookies).http2(!http11);
        if (noCookies && (cookiesFile != null || cookieJarFile != null)) {
            throw new Main.UsageException("--no-cookies and --cookies or --cookie-jar contradict each other: give one");
        }
        if (!noCookies) {
            jar = new CookieJar();
            if (cookiesFile != null) {
                try {
                    cookieLinesSkipped = jar.load(cookiesFile);
                } catch (IOException e) {
                    throw new Main.UsageException("--cookies: cannot read " + cookiesFile + ": " + Main.describe(e));
                }
            }
            fetch.cookieJar(jar);
        }
        if (proxy != null) {
            try {
                fetch.proxy(FetchOptions.Proxy.parse(proxy));
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException("--proxy: " + e.getMessage());
            }
        }
        for (String r : resolve) {
            resolveOne(fetch, r);
        }
        if (caCert != null) {
            fetch.trust(certificates(caCert));
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new Main.UsageException("-H wants 'Name: value', not '" + header + "'");
            }
            try {
                fetch.header(header.substring(0, colon).strip(), header.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException("-H: " + e.getMessage());
            }
        }
    }

    /** {@code HOST:PORT:ADDRESS}, the address an IP literal (IPv6 in brackets or not). */
    private static void resolveOne(FetchOptions.Builder fetch, String spec) {
        String[] parts = spec.split(":", 3);
        String usage = "--resolve wants HOST:PORT:ADDRESS with an IP address, not '" + spec + "'";
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("[0-9]{1,5}")) {
            throw new Main.UsageException(usage);
        }
        String address = parts[2].startsWith("[") && parts[2].endsWith("]")
                ? parts[2].substring(1, parts[2].length() - 1)
                : parts[2];
        int port = Integer.parseInt(parts[1]);
        // An IP literal only (four decimal octets, or IPv6): InetAddress would ask DNS for a name.
        if (port < 1 || port > 65535 || !(IPV4.matcher(address).matches() || address.contains(":"))) {
            throw new Main.UsageException(usage);
        }
        String host;
        try {
            host = WebUrl.parse("http://" + parts[0] + "/").host();
        } catch (InvalidUrlException e) {
            throw new Main.UsageException(usage);
        }
        try {
            fetch.resolve(host, port, InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new Main.UsageException(usage);
        }
    }

    private static List<X509Certificate> certificates(Path pem) {
        List<X509Certificate> found = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                found.add((X509Certificate) c);
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new Main.UsageException("--ca-cert: cannot read certificates from " + pem + ": " + Main.describe(e));
        }
        if (found.isEmpty()) {
            throw new Main.UsageException("--ca-cert: " + pem + " holds no PEM certificate");
        }
        return found;
    }
}
