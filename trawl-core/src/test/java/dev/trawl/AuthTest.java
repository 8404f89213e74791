package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchOptions;
import dev.trawl.output.WarcSink;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Basic credentials go to the sites they are for, at once, and nowhere else; WARC hides them. */
@Timeout(60)
class AuthTest extends CrawlTestSupport {

    @TempDir
    Path dir;

    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("ann:s3cret:x".getBytes(StandardCharsets.UTF_8));

    @Test
    void credentialsReachTheStartSiteOnlyAndAreHiddenInWarc() throws Exception {
        Site mine = web.site(2);
        Site other = web.site(3);
        Map<String, String> seen = new ConcurrentHashMap<>();
        TestWeb.Handler page = ex -> {
            String path = ex.getRequestURI().getPath();
            seen.put(
                    ex.getLocalAddress().getAddress().getHostAddress() + path,
                    String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            String html =
                    path.equals("/") ? "<a href=/go>go</a><a href=" + other.url("/linked") + ">o</a>" : "<p>x</p>";
            TestWeb.send(ex, 200, "text/html", html.getBytes(StandardCharsets.UTF_8));
        };
        mine.route("/robots.txt", page).route("/", page);
        mine.route("/go", ex -> {
            seen.put("127.0.0.2/go", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.getResponseHeaders().set("Location", other.url("/landing"));
            TestWeb.send(ex, 302, "text/html", new byte[0]);
        });
        other.route("/robots.txt", page).route("/linked", page).route("/landing", page);
        Path warc = dir.resolve("crawl.warc");

        try (WarcSink archive = new WarcSink(warc, 1L << 30, "trawl-test")) {
            run(Crawler.builder()
                    .seeds(mine.url("/"))
                    .politeness(p -> p.delay(Duration.ZERO))
                    .filter(UrlFilter.builder()
                            .allowDomains(List.of(mine.authority(), other.authority()))
                            .build())
                    .listener(archive)
                    .fetchOptions(FetchOptions.builder()
                            .keepExchanges(true)
                            .basicAuth("ann", "s3cret:x", List.of(WebUrl.parse(mine.url("/"))))
                            .build()));
        }

        assertThat(seen)
                .containsEntry("127.0.0.2/robots.txt", BASIC)
                .containsEntry("127.0.0.2/", BASIC)
                .containsEntry("127.0.0.2/go", BASIC)
                .containsEntry("127.0.0.3/robots.txt", "null")
                .containsEntry("127.0.0.3/linked", "null")
                .containsEntry("127.0.0.3/landing", "null");
        String archived = Files.readString(warc, StandardCharsets.ISO_8859_1);
        assertThat(archived)
                .contains("Authorization: <hidden>")
                .doesNotContain("s3cret")
                .doesNotContain(BASIC);
    }

    @Test
    void anOriginIsSchemeHostAndPortSoHttpsCredentialsNeverGoOverHttp() {
        FetchOptions o = FetchOptions.builder()
                .basicAuth("ann", "pw", List.of(WebUrl.parse("https://a.test/start")))
                .build();

        assertThat(o.credentials().origins()).containsExactly("https://a.test:443");
        assertThat(o.credentials().origins())
                .doesNotContain(FetchOptions.Credentials.origin(WebUrl.parse("http://a.test/")));
        assertThat(o.credentials().toString()).doesNotContain("pw");
    }
}
