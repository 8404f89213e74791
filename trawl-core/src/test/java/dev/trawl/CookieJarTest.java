package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.fetch.CookieJar;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cookie jars read from and written to Netscape cookies.txt files, checked by the Cookie headers
 * a loopback server receives and by reading the written file back.
 */
@Timeout(60)
class CookieJarTest extends CrawlTestSupport {

    @TempDir
    Path dir;

    /** Serves {@code /}, linking to {@code /shop/x} and {@code /other}, and notes each request's Cookie header. */
    private static Map<String, String> recordCookies(Site site, Map<String, String> setOnHome) {
        Map<String, String> sent = new ConcurrentHashMap<>();
        TestWeb.Handler page = ex -> {
            String host = URI.create("http://" + ex.getRequestHeaders().getFirst("Host"))
                    .getHost();
            String path = ex.getRequestURI().getPath();
            sent.put(host + path, String.valueOf(ex.getRequestHeaders().getFirst("Cookie")));
            if (path.equals("/")) {
                setOnHome.values().forEach(v -> ex.getResponseHeaders().add("Set-Cookie", v));
            }
            TestWeb.send(ex, 200, "text/html", "<a href=/shop/x>s</a><a href=/other>o</a>".getBytes());
        };
        site.route("/", page).route("/shop/x", page).route("/other", page);
        return sent;
    }

    private static List<String> cookies(Map<String, String> sent, String hostAndPath) {
        assertThat(sent).containsKey(hostAndPath);
        return List.of(sent.get(hostAndPath).split("; "));
    }

    /** Crawls the site under these names (resolved to its address), with the jar. */
    private void crawlAs(Site site, CookieJar jar, String... hosts) throws Exception {
        int port = URI.create(site.url("/")).getPort();
        InetAddress address = InetAddress.getByName(URI.create(site.url("/")).getHost());
        FetchOptions.Builder fetch = FetchOptions.builder().cookieJar(jar);
        for (String host : hosts) {
            fetch.resolve(host, port, address);
        }
        run(Crawler.builder()
                .seeds(Stream.of(hosts)
                        .map(h -> "http://" + h + ":" + port + "/")
                        .toList())
                .robots(false)
                .politeness(p -> p.delay(Duration.ZERO))
                .fetchOptions(fetch.build()));
    }

    @Test
    void cookiesFromAFileGoOnlyWhereTheirDomainPathAndSecureFlagAllow() throws Exception {
        Site a = web.site(21);
        Map<String, String> sent = recordCookies(a, Map.of());
        long tomorrow = Instant.now().plusSeconds(86_400).getEpochSecond();
        String file = String.join(
                "\n",
                "# Netscape HTTP Cookie File",
                ".example.test\tTRUE\t/\tFALSE\t" + tomorrow + "\tsite\t1",
                "www.example.test\tFALSE\t/\tFALSE\t0\tsession\tw",
                "#HttpOnly_www.example.test\tFALSE\t/shop\tFALSE\t0\tcart\t7",
                "www.example.test\tFALSE\t/\tTRUE\t0\tsecure\tnot-over-http",
                "www.example.test\tFALSE\t/\tFALSE\t1000000000\told\texpired",
                "other.test\tFALSE\t/\tFALSE\t0\telsewhere\tnever",
                "www.example.test\tFALSE\t/\tFALSE\tsoon\tbad\texpiry",
                "www.example.test\tMAYBE\t/\tFALSE\t0\tbad\tflag",
                "www.example.test /  FALSE 0 spaces notabs",
                ".com\tTRUE\t/\tFALSE\t0\ttoo\tbroad",
                "");
        CookieJar jar = new CookieJar();
        assertThat(jar.addCookiesTxt(file)).as("lines skipped").isEqualTo(4);

        crawlAs(a, jar, "www.example.test", "shop.example.test");

        assertThat(cookies(sent, "www.example.test/")).containsExactlyInAnyOrder("site=1", "session=w");
        assertThat(cookies(sent, "www.example.test/other")).containsExactlyInAnyOrder("site=1", "session=w");
        assertThat(cookies(sent, "www.example.test/shop/x")).containsExactlyInAnyOrder("site=1", "session=w", "cart=7");
        assertThat(cookies(sent, "shop.example.test/")).containsExactly("site=1");
        assertThat(cookies(sent, "shop.example.test/other")).containsExactly("site=1");
    }

    @Test
    void theJarWrittenAtTheEndHoldsWhatServersSetAndSendsItAgainWhenRead() throws Exception {
        Site a = web.site(22);
        recordCookies(
                a,
                Map.of(
                        "session", "session=abc; Path=/",
                        "cart", "cart=7; Path=/shop; Max-Age=3600; HttpOnly",
                        "gone", "gone=1; Max-Age=0"));
        CookieJar jar = new CookieJar();
        crawlAs(a, jar, "www.example.test");
        Path file = dir.resolve("jar.txt");
        jar.save(file);

        String host = "www.example.test";
        List<String> lines = Files.readAllLines(file).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("# "))
                .toList();
        assertThat(lines).hasSize(2).contains(host + "\tFALSE\t/\tFALSE\t0\tsession\tabc");
        String cart = lines.stream().filter(l -> l.contains("cart")).findFirst().orElseThrow();
        assertThat(cart).startsWith("#HttpOnly_" + host + "\tFALSE\t/shop\tFALSE\t");
        long expires = Long.parseLong(cart.split("\t")[4]);
        assertThat(expires)
                .isBetween(
                        Instant.now().plusSeconds(3600 - 60).getEpochSecond(),
                        Instant.now().plusSeconds(3600).getEpochSecond());

        // Read back, the jar sends the same cookies to the same name (on another port: cookies
        // do not mind ports) served by a site that sets none.
        Site b = web.site(23);
        Map<String, String> sent = recordCookies(b, Map.of());
        CookieJar again = new CookieJar();
        assertThat(again.load(file)).isZero();
        crawlAs(b, again, host);
        assertThat(cookies(sent, host + "/")).containsExactly("session=abc");
        assertThat(cookies(sent, host + "/shop/x")).containsExactlyInAnyOrder("session=abc", "cart=7");
    }

    @Test
    void aDomainCookieAServerSetsGoesToTheDomainAndItsSubdomainsWithOrWithoutItsDot() throws Exception {
        Site a = web.site(24);
        Map<String, String> sent = recordCookies(
                a,
                Map.of(
                        "dotted", "dotted=1; Domain=.example.test; Path=/",
                        "plain", "plain=2; Domain=example.test; Path=/",
                        "foreign", "foreign=3; Domain=other.test; Path=/"));
        CookieJar jar = new CookieJar();
        crawlAs(a, jar, "www.example.test");
        crawlAs(a, jar, "shop.example.test", "example.test");

        assertThat(cookies(sent, "www.example.test/other")).containsExactlyInAnyOrder("dotted=1", "plain=2");
        assertThat(cookies(sent, "shop.example.test/")).containsExactlyInAnyOrder("dotted=1", "plain=2");
        assertThat(cookies(sent, "example.test/")).containsExactlyInAnyOrder("dotted=1", "plain=2");
        assertThat(jar.toCookiesTxt()).contains(".example.test\tTRUE\t/\tFALSE\t0\tdotted\t1");
        assertThat(jar.toCookiesTxt()).doesNotContain("foreign");
    }

    @Test
    void aJarWithCookiesTurnedOffIsRefused() {
        assertThatThrownBy(() -> FetchOptions.builder()
                        .cookies(false)
                        .cookieJar(new CookieJar())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cookies are turned off");
    }
}
