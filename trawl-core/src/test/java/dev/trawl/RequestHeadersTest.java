package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.fetch.FetchOptions;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Headers of the user's, as the server receives them on every request. */
@Timeout(60)
class RequestHeadersTest extends CrawlTestSupport {

    @Test
    void theUsersHeadersReachEveryRequestRobotsTxtIncluded() throws Exception {
        Site a = web.site(2);
        Map<String, Map<String, List<String>>> seen = new ConcurrentHashMap<>();
        for (String path : List.of("/robots.txt", "/", "/next")) {
            a.route(path, ex -> {
                seen.put(path, Map.copyOf(ex.getRequestHeaders()));
                byte[] body = path.equals("/robots.txt")
                        ? "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8)
                        : "<a href=/next>next</a>".getBytes(StandardCharsets.UTF_8);
                TestWeb.send(ex, 200, path.equals("/robots.txt") ? "text/plain" : "text/html", body);
            });
        }

        run(Crawler.builder()
                .seeds(a.url("/"))
                .politeness(p -> p.delay(Duration.ZERO))
                .fetchOptions(FetchOptions.builder()
                        .header("X-Api-Key", "secret-1")
                        .header("X-Api-Key", "secret-2")
                        .header("Accept", "text/html")
                        .header("Accept-Language", "fr, en;q=0.5")
                        .header("User-Agent", "shopbot/2.0 (+https://shop.example/bot)")
                        .build()));

        assertThat(seen).containsOnlyKeys("/robots.txt", "/", "/next");
        seen.forEach((path, headers) -> {
            assertThat(headers.get("X-api-key")).as(path).containsExactly("secret-1", "secret-2");
            assertThat(headers.get("Accept")).as(path).containsExactly("text/html");
            assertThat(headers.get("Accept-language")).as(path).containsExactly("fr, en;q=0.5");
            assertThat(headers.get("User-agent")).as(path).containsExactly("shopbot/2.0 (+https://shop.example/bot)");
            assertThat(headers.get("Accept-encoding")).as(path).containsExactly("gzip, deflate, br");
        });
    }

    @Test
    void cookiesAreKeptForTheCrawlWhereTheirPathAllowsUnlessTurnedOff() throws Exception {
        for (boolean keep : List.of(true, false)) {
            Site a = web.site(keep ? 3 : 4);
            Map<String, String> sent = new ConcurrentHashMap<>();
            TestWeb.Handler page = ex -> {
                String path = ex.getRequestURI().getPath();
                sent.put(path, String.valueOf(ex.getRequestHeaders().getFirst("Cookie")));
                if (path.equals("/")) {
                    ex.getResponseHeaders().add("Set-Cookie", "session=abc; Path=/");
                    ex.getResponseHeaders().add("Set-Cookie", "cart=7; Path=/shop");
                }
                TestWeb.send(ex, 200, "text/html", "<a href=/shop/x>s</a><a href=/other>o</a>".getBytes());
            };
            a.route("/", page).route("/shop/x", page).route("/other", page);

            run(Crawler.builder()
                    .seeds(a.url("/"))
                    .robots(false)
                    .politeness(p -> p.delay(Duration.ZERO).perHost(1))
                    .workers(1)
                    .fetchOptions(FetchOptions.builder().cookies(keep).build()));

            if (keep) {
                assertThat(sent).containsEntry("/", "null").containsEntry("/other", "session=abc");
                assertThat(sent.get("/shop/x")).contains("session=abc").contains("cart=7");
            } else {
                assertThat(sent).containsEntry("/other", "null").containsEntry("/shop/x", "null");
            }
        }
    }

    @Test
    void aHeaderTrawlMustSetOrThatCouldSplitTheRequestIsRefused() {
        FetchOptions.Builder b = FetchOptions.builder();
        for (String name : List.of("Host", "content-length", "Transfer-Encoding", "Connection", "Accept-Encoding")) {
            assertThatThrownBy(() -> b.header(name, "x")).hasMessageContaining("trawl's to set");
        }
        assertThatThrownBy(() -> b.header("X-A", "one\r\nX-Injected: two")).hasMessageContaining("line break");
        assertThatThrownBy(() -> b.header("X-A", "nul\0")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> b.header("Bad Name", "x")).hasMessageContaining("not a header name");
        assertThatThrownBy(() -> b.header("", "x")).hasMessageContaining("not a header name");
    }
}
