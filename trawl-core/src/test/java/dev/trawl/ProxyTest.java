package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.testing.LocalProxy;
import dev.trawl.testing.TestCertificates;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls through real proxies on loopback (tinyproxy for HTTP, microsocks for SOCKS5, Jetty's
 * CONNECT handler behind TLS for an https:// proxy), checked at the site: each proxy connects
 * onwards from an address of its own, so the site sees where a request came from.
 */
@Timeout(120)
class ProxyTest extends CrawlTestSupport {

    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static List<X509Certificate> ca;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(dir);
        try (InputStream in = Files.newInputStream(certs.caPem())) {
            ca = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c)
                    .toList();
        }
    }

    private static Site smallSite(Site s) {
        return s.page("/robots.txt", "User-agent: *\nAllow: /\n").hub(3);
    }

    private CrawlResult crawl(Site s, FetchOptions.Builder fetch) {
        return run(Crawler.builder()
                .seeds(s.url("/"))
                .politeness(p -> p.delay(Duration.ZERO))
                .fetchOptions(fetch.timeout(Duration.ofSeconds(5)).build()));
    }

    private static FetchOptions.Builder through(String proxyUrl) {
        return FetchOptions.builder().proxy(FetchOptions.Proxy.parse(proxyUrl));
    }

    @Test
    void anHttpProxyCarriesEveryRequestWithItsCredentials() throws Exception {
        Site s = smallSite(web.site(5));
        try (LocalProxy proxy = LocalProxy.tinyproxy(dir, "ann", "s3cret")) {
            CrawlResult result = crawl(s, through(proxy.url("ann:s3cret")));

            assertThat(result.ok()).isEqualTo(4);
            assertThat(s.paths()).contains("/robots.txt", "/", "/p0", "/p1", "/p2");
            assertThat(s.requests()).allSatisfy(r -> assertThat(r.from()).isEqualTo(LocalProxy.TINYPROXY_FROM));
        }
    }

    @Test
    void aProxyThatWantsCredentialsIsRecordedWithIts407() throws Exception {
        Site s = smallSite(web.site(5));
        try (LocalProxy proxy = LocalProxy.tinyproxy(dir, "ann", "s3cret")) {
            CrawlResult result = crawl(s, through(proxy.url(null)));

            assertThat(result.ok()).isZero();
            assertThat(records)
                    .singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(407));
            assertThat(s.requests()).isEmpty();
        }
    }

    @Test
    void httpsGoesThroughATunnelAndTheSiteNeverSeesTheProxyCredentials() throws Exception {
        Queue<String> proxyAuthorization = new ConcurrentLinkedQueue<>();
        Site s = web.tlsSite(6, certs.server("s6", "ip:127.0.0.6", false));
        s.page("/robots.txt", "User-agent: *\nAllow: /\n").linking("/", "/a").route("/a", ex -> {
            proxyAuthorization.add(String.valueOf(ex.getRequestHeaders().getFirst("Proxy-Authorization")));
            TestWeb.send(ex, 200, "text/html", "<p>a</p>".getBytes());
        });
        try (LocalProxy proxy = LocalProxy.tinyproxy(dir, "ann", "s3cret")) {
            CrawlResult result = crawl(s, through(proxy.url("ann:s3cret")).trust(ca));

            assertThat(result.ok()).isEqualTo(2);
            assertThat(s.requests()).allSatisfy(r -> assertThat(r.from()).isEqualTo(LocalProxy.TINYPROXY_FROM));
            assertThat(proxyAuthorization).containsExactly("null");
        }
    }

    @Test
    void aSocks5ProxyCarriesEveryRequestAndAWrongPasswordIsTheProxysError() throws Exception {
        Site s = smallSite(web.site(5));
        try (LocalProxy proxy = LocalProxy.microsocks(dir, "bob", "pa:ss")) {
            CrawlResult result = crawl(s, through(proxy.url("bob:pa%3Ass")));
            assertThat(result.ok()).isEqualTo(4);
            assertThat(s.requests()).allSatisfy(r -> assertThat(r.from()).isEqualTo(LocalProxy.MICROSOCKS_FROM));

            int served = s.requests().size();
            records.clear();
            CrawlResult refused = crawl(s, through(proxy.url("bob:wrong")));
            assertThat(refused.ok()).isZero();
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.error()).isEqualTo(FetchError.PROXY);
                assertThat(r.detail())
                        .startsWith("the proxy socks5://127.0.0.1:")
                        .contains("authentication failure");
            });
            assertThat(s.requests()).hasSize(served);
        }
    }

    @Test
    void aProxyThatRefusesConnectionsFailsEachUrlAsAConnectErrorAndTheCrawlEnds() throws Exception {
        Site s = smallSite(web.site(5));
        Site t = smallSite(web.site(7));
        String closed = "http://127.0.0.1:" + LocalProxy.freePort();

        long start = System.nanoTime();
        CrawlResult result = run(Crawler.builder()
                .seeds(s.url("/"), t.url("/"))
                .politeness(p -> p.delay(Duration.ZERO))
                .fetchOptions(through(closed).timeout(Duration.ofSeconds(5)).build()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        assertThat(result.ok()).isZero();
        assertThat(records).hasSize(2).allSatisfy(r -> {
            assertThat(r.error()).isEqualTo(FetchError.PROXY);
            assertThat(r.detail()).startsWith("cannot connect to the proxy " + closed);
            assertThat(r.attempts()).as("retried as a refused connection is").isEqualTo(3);
        });
        assertThat(web.requests()).isEmpty();
    }

    @Test
    void denyPrivateStillChecksTheSiteBehindALoopbackProxy() throws Exception {
        Site s = smallSite(web.site(5));
        try (LocalProxy proxy = LocalProxy.tinyproxy(dir, null, null)) {
            CrawlResult result = crawl(s, through(proxy.url(null)).denyPrivate(true));

            assertThat(result.ok()).isZero();
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.error()).isEqualTo(FetchError.DENIED);
                assertThat(r.detail()).contains("127.0.0.5");
            });
            assertThat(s.requests()).isEmpty();
        }
    }

    @Test
    void anHttpsProxyIsTalkedToOverTlsWithItsCredentialsOnTheConnect() throws Exception {
        Queue<String> connects = new ConcurrentLinkedQueue<>();
        Server server = new Server();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(certs.server("proxy", "ip:127.0.0.1", false));
        // The Host of a CONNECT names the site, not the proxy whose certificate this is.
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new ConnectHandler() {
            @Override
            protected boolean handleAuthentication(Request request, Response response, String address) {
                connects.add(address + " " + request.getHeaders().get("Proxy-Authorization"));
                return true;
            }
        });
        server.start();
        try {
            Site s = web.tlsSite(6, certs.server("s6b", "ip:127.0.0.6", false));
            s.page("/robots.txt", "User-agent: *\nAllow: /\n")
                    .linking("/", "/a")
                    .linking("/a");
            String proxy = "https://carol:pw@127.0.0.1:" + connector.getLocalPort();

            CrawlResult result = crawl(s, through(proxy).trust(ca));

            assertThat(result.ok()).isEqualTo(2);
            assertThat(connects)
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c).isEqualTo(s.authority() + " Basic Y2Fyb2w6cHc="));
        } finally {
            server.stop();
        }
    }

    @Test
    void aProxyUrlSaysWhatIsWrongWithIt() throws Exception {
        assertThatThrownBy(() -> FetchOptions.Proxy.parse("ftp://p:21"))
                .hasMessage("a proxy URL starts with http://, https:// or socks5://, not 'ftp://p:21'");
        assertThatThrownBy(() -> FetchOptions.Proxy.parse("http://u:secret@p:8080/some/path"))
                .hasMessage(
                        "a proxy URL is scheme://[user:password@]host[:port], not 'http://<credentials>@p:8080/some/path'");
        assertThatThrownBy(() -> FetchOptions.builder()
                        .proxy(FetchOptions.Proxy.parse("socks5://p"))
                        .resolve("example.com", 80, InetAddress.getByName("10.0.0.1"))
                        .build())
                .hasMessageContaining("--resolve cannot be used with --proxy");
        FetchOptions.Proxy p = FetchOptions.Proxy.parse("socks5://me:p%40ss@[::1]");
        assertThat(p).isEqualTo(new FetchOptions.Proxy("socks5", "::1", 1080, "me", "p@ss"));
        assertThat(p.toString()).isEqualTo("socks5://[::1]:1080").doesNotContain("p@ss");
    }
}
