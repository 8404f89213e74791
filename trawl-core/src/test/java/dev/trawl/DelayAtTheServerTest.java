package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchOptions;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.JettyFetcher;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The delay between requests to a host as the server sees it: every request's arrival at a
 * loopback server, for every kind of request (robots.txt, pages, redirect hops, retries), is at
 * least the delay after the one before, however late each request leaves the crawler.
 */
@Timeout(120)
class DelayAtTheServerTest extends CrawlTestSupport {

    /** How late the server may note an arrival, compared with another's. */
    private static final Duration CLOCKS = Duration.ofMillis(5);

    /**
     * Jetty's fetcher, each request of which leaves 0-60 ms after the worker asks for it, as when
     * a connection is opened, classes load or the thread waits for a core: the crawler cannot
     * count the delay from the moment it decides to fetch.
     */
    private static final class LateFetcher implements Fetcher {
        private final Fetcher fetcher =
                new JettyFetcher(OPTIONS.newBuilder().connectionsPerHost(4).build());

        private static void leaveLate() throws InterruptedException {
            Thread.sleep(ThreadLocalRandom.current().nextInt(61));
        }

        @Override
        public FetchResult fetch(WebUrl url, Runnable sent) throws InterruptedException {
            leaveLate();
            return fetcher.fetch(url, sent);
        }

        @Override
        public FetchResult fetchFile(WebUrl url, long maxBytes, Runnable sent) throws InterruptedException {
            leaveLate();
            return fetcher.fetchFile(url, maxBytes, sent);
        }

        @Override
        public void close() {
            fetcher.close();
        }
    }

    private static final FetchOptions OPTIONS = FetchOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .userAgent("trawl/test")
            .build();

    private Crawler.Builder crawler(Site site, Duration delay, int perHost) {
        return Crawler.builder()
                .fetcher(new LateFetcher())
                .seeds(List.of(site.url("/")))
                .filter(UrlFilter.builder()
                        .allowDomains(List.of(site.authority()))
                        .build())
                .politeness(p -> p.delay(delay).perHost(perHost))
                .workers(8)
                .fetchOptions(OPTIONS)
                .throttle(t -> t.withTimes(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(200)));
    }

    /** Every two arrivals at the site, in the order they came, are at least {@code delay} apart. */
    private static void assertSpaced(Site site, Duration delay) {
        List<TestWeb.Request> arrivals = site.requests().stream()
                .sorted((x, y) -> Long.compare(x.startNanos(), y.startNanos()))
                .toList();
        assertThat(arrivals).hasSizeGreaterThan(2);
        for (int i = 1; i < arrivals.size(); i++) {
            Duration gap = Duration.ofNanos(
                    arrivals.get(i).startNanos() - arrivals.get(i - 1).startNanos());
            assertThat(gap)
                    .as(
                            "%s then %s",
                            arrivals.get(i - 1).path(), arrivals.get(i).path())
                    .isGreaterThanOrEqualTo(delay.minus(CLOCKS));
        }
    }

    /** A page that answers after {@code millis}, linking to {@code hrefs}. */
    private static void slowPage(Site site, String path, long millis, String... hrefs) {
        StringBuilder html = new StringBuilder("<title>" + path + "</title>");
        for (String href : hrefs) {
            html.append("<a href=\"").append(href).append("\">x</a>");
        }
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        site.route(path, ex -> {
            Thread.sleep(millis);
            TestWeb.send(ex, 200, "text/html; charset=utf-8", body);
        });
    }

    @Test
    void theDelayHoldsBetweenArrivalsWhileSlowAnswersOverlap() throws Exception {
        Site a = web.site(2);
        a.route("/robots.txt", ex -> TestWeb.send(ex, 200, "text/plain", "User-agent: *\nAllow: /\n".getBytes()));
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            links.add("/p" + i);
            slowPage(a, "/p" + i, 50 + i * 37 % 300);
        }
        slowPage(a, "/", 50, links.toArray(String[]::new));
        Duration delay = Duration.ofMillis(150);

        CrawlResult result = run(crawler(a, delay, 4));

        assertThat(result.pages()).isEqualTo(25);
        assertThat(a.paths().get(0)).isEqualTo("/robots.txt");
        assertSpaced(a, delay);
        // Answers slower than the delay still overlap: the per-host limit is more than one in use.
        assertThat(a.maxConcurrent()).isBetween(2, 4);
    }

    @Test
    void aCrawlDelayHoldsFromRobotsTxtOn() throws Exception {
        Site a = web.site(2);
        a.route(
                "/robots.txt",
                ex -> TestWeb.send(ex, 200, "text/plain", "User-agent: *\nCrawl-delay: 0.5\n".getBytes()));
        slowPage(a, "/", 20, "/1", "/2", "/3", "/4");
        for (int i = 1; i <= 4; i++) {
            slowPage(a, "/" + i, 600);
        }

        run(crawler(a, Duration.ZERO, 4));

        assertThat(a.requests()).hasSize(6);
        assertSpaced(a, Duration.ofMillis(500));
    }

    @Test
    void redirectHopsAreRequestsToo() throws Exception {
        Site a = web.site(2);
        slowPage(a, "/", 10, "/r0", "/other");
        for (int i = 0; i < 5; i++) {
            a.redirect("/r" + i, 302, "/r" + (i + 1));
        }
        a.redirect("/r5", 301, "/end");
        slowPage(a, "/end", 10);
        slowPage(a, "/other", 10);
        Duration delay = Duration.ofMillis(200);

        run(crawler(a, delay, 2));

        assertThat(a.paths()).contains("/robots.txt", "/r0", "/r5", "/end", "/other");
        assertSpaced(a, delay);
    }

    @Test
    void retriesAfterA503KeepTheDelayToo() throws Exception {
        Site a = web.site(2);
        AtomicInteger calls = new AtomicInteger();
        slowPage(a, "/", 10, "/flaky", "/1", "/2");
        slowPage(a, "/1", 10);
        slowPage(a, "/2", 10);
        a.route("/flaky", ex -> {
            if (calls.incrementAndGet() <= 2) {
                TestWeb.send(ex, 503, "text/html", new byte[0]);
            } else {
                TestWeb.send(ex, 200, "text/html", "<title>back</title>".getBytes(StandardCharsets.UTF_8));
            }
        });
        Duration delay = Duration.ofMillis(150);

        run(crawler(a, delay, 3).retries(3));

        assertThat(byUrl().get(a.url("/flaky")).attempts()).isEqualTo(3);
        assertSpaced(a, delay);
    }
}
