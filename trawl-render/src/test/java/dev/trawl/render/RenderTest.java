package dev.trawl.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.CrawlResult;
import dev.trawl.Crawler;
import dev.trawl.PageRecord;
import dev.trawl.Renderer;
import dev.trawl.fetch.FetchError;
import dev.trawl.frontier.Politeness;
import dev.trawl.testing.TestWeb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crawls of loopback sites whose pages write their links with scripts, rendered in the real
 * Chromium; what the browser asked for is read from the servers' logs.
 */
class RenderTest {

    /** Writes an {@code <a>} for each href that {@code json} lists, once a timer has fired. */
    private static String scriptedLinks(String json) {
        return "<html><head><title>app</title></head><body><div id=app>loading</div><img src=/logo.png>"
                + "<script>setTimeout(() => fetch('" + json + "').then(r => r.json()).then(hrefs => {"
                + " for (const h of hrefs) { const a = document.createElement('a'); a.href = h; a.textContent = h;"
                + " document.body.appendChild(a); } document.getElementById('app').textContent = 'ready'; }), 100)"
                + "</script></body></html>";
    }

    private final TestWeb web = new TestWeb();
    private final List<PageRecord> records = new CopyOnWriteArrayList<>();
    private long browsersBefore;

    @BeforeEach
    void needsTheBrowser() {
        Browsers.assumeInstalled();
        browsersBefore = Browsers.running();
    }

    @AfterEach
    void noBrowserIsLeft() throws InterruptedException {
        web.close();
        assertThat(Browsers.awaitAtMost(browsersBefore))
                .as("browsers running after the crawl")
                .isLessThanOrEqualTo(browsersBefore);
    }

    private CrawlResult crawl(Crawler.Builder builder) {
        try (Crawler crawler = builder.listener(records::add).build()) {
            return crawler.run();
        }
    }

    private static Crawler.Builder fast(String seed) {
        return Crawler.builder()
                .seeds(seed)
                .politeness(Politeness.builder().delay(Duration.ZERO).perHost(4).build());
    }

    private static Renderer oneTab(Duration timeout) {
        return ChromiumRenderer.builder().tabs(1).timeout(timeout).build();
    }

    private Map<String, PageRecord> byUrl() {
        return records.stream().collect(Collectors.toMap(r -> r.url().href(), Function.identity()));
    }

    @Test
    void linksAScriptWritesAreFoundOnlyWhenThePageIsRendered() throws Exception {
        TestWeb.Site site = web.site(41)
                .page("/", scriptedLinks("/links.json"))
                .route("/links.json", ex -> TestWeb.send(ex, 200, "application/json", "[\"/a\", \"/b\"]".getBytes()))
                .linking("/a")
                .linking("/b");

        crawl(fast(site.url("/")));
        assertThat(byUrl()).containsOnlyKeys(site.url("/"));
        assertThat(byUrl().get(site.url("/")).rendered()).isFalse();

        records.clear();
        int before = site.paths().size();
        crawl(fast(site.url("/")).render(ChromiumRenderer.builder().tabs(1).build(), Renderer.Mode.ALWAYS));

        assertThat(byUrl()).containsOnlyKeys(site.url("/"), site.url("/a"), site.url("/b"));
        PageRecord home = byUrl().get(site.url("/"));
        assertThat(home.rendered()).isTrue();
        assertThat(home.renderMillis()).isPositive();
        assertThat(home.error()).isNull();
        List<String> served = site.paths().subList(before, site.paths().size());
        // The page itself came once, from trawl; the browser asked trawl for its JSON, and not for the image.
        assertThat(served).containsOnlyOnce("/", "/links.json").doesNotContain("/logo.png");
    }

    @Test
    void thePagesOwnRequestsArriveTheHostsDelayApart() throws Exception {
        Duration delay = Duration.ofMillis(300);
        TestWeb.Site site = web.site(47)
                .page(
                        "/",
                        "<html><head><script src=/one.js></script><script src=/two.js></script>"
                                + "<link rel=stylesheet href=/style.css></head><body><a href=/next>next</a></body></html>")
                .linking("/next");
        for (String file : List.of("/one.js", "/two.js", "/style.css")) {
            site.route(
                    file,
                    ex -> TestWeb.send(
                            ex, 200, file.endsWith(".js") ? "text/javascript" : "text/css", "/* */".getBytes()));
        }

        crawl(Crawler.builder()
                .seeds(site.url("/"))
                .politeness(Politeness.builder().delay(delay).perHost(2).build())
                .render(ChromiumRenderer.builder().tabs(2).build(), Renderer.Mode.ALWAYS));

        List<TestWeb.Request> arrivals = site.requests();
        assertThat(arrivals)
                .extracting(TestWeb.Request::path)
                .containsExactlyInAnyOrder("/robots.txt", "/", "/one.js", "/two.js", "/style.css", "/next");
        for (int i = 1; i < arrivals.size(); i++) {
            Duration gap = Duration.ofNanos(
                    arrivals.get(i).startNanos() - arrivals.get(i - 1).startNanos());
            assertThat(gap)
                    .as(
                            "%s after %s",
                            arrivals.get(i).path(), arrivals.get(i - 1).path())
                    .isGreaterThanOrEqualTo(delay.minusMillis(5));
        }
    }

    @Test
    void theHandlerSeesTheRenderedDocumentAndAutoCountsItsValues() throws Exception {
        TestWeb.Site site = web.site(48)
                .page(
                        "/",
                        "<html><body><h1 id=price></h1><script>"
                                + "document.getElementById('price').textContent = '12.50'</script></body></html>");
        List<String> seen = new CopyOnWriteArrayList<>();

        CrawlResult result = crawl(fast(site.url("/"))
                .handler(page -> {
                    String price = page.select("#price").text();
                    seen.add(page.rendered() + " " + price);
                    page.extract("price", price.isEmpty() ? null : price);
                })
                .render(ChromiumRenderer.builder().tabs(1).build(), Renderer.Mode.AUTO));

        // A sampled page is read as served first, then rendered; the rendered one's values are kept.
        assertThat(seen).containsExactly("false ", "true 12.50");
        assertThat(byUrl().get(site.url("/")).extracted()).containsEntry("price", "12.50");
        assertThat(result.rendering()).anyMatch(l -> l.contains("gained 1 value in the browser"));
    }

    @Test
    void aPageThatNeverSettlesIsCutAndReadAsServed() throws Exception {
        TestWeb.Site site = web.site(42)
                .page(
                        "/",
                        "<html><body><a href=/static>static</a><script>"
                                + "setInterval(() => fetch('/tick?' + Date.now()), 100)</script></body></html>")
                .linking("/static");
        site.route("/tick", ex -> TestWeb.send(ex, 200, "text/plain", "t".getBytes()));

        long start = System.nanoTime();
        CrawlResult result = crawl(fast(site.url("/")).render(oneTab(Duration.ofSeconds(2)), Renderer.Mode.ALWAYS));

        assertThat(result.rendering())
                .contains("1 page rendered; 1 cut at the render timeout and 0 failed in the browser, read as served");
        PageRecord home = byUrl().get(site.url("/"));
        assertThat(home.error()).isEqualTo(FetchError.RENDER_TIMEOUT);
        assertThat(home.rendered()).isFalse();
        assertThat(home.renderMillis()).isBetween(1_900L, 10_000L);
        assertThat(home.ok()).isTrue();
        assertThat(byUrl()).containsKey(site.url("/static"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aScriptThatNeverYieldsIsCutAndTheNextPageStillRenders() throws Exception {
        TestWeb.Site site = web.site(49)
                .page(
                        "/",
                        "<html><body><a href=/next>next</a><script>"
                                + "setTimeout(() => { while (true) {} }, 50)</script></body></html>")
                .page("/next", scriptedLinks("/links.json"))
                .route("/links.json", ex -> TestWeb.send(ex, 200, "application/json", "[\"/last\"]".getBytes()))
                .linking("/last");

        long start = System.nanoTime();
        crawl(fast(site.url("/")).render(oneTab(Duration.ofSeconds(2)), Renderer.Mode.ALWAYS));

        assertThat(byUrl().get(site.url("/")).error()).isIn(FetchError.RENDER_TIMEOUT, FetchError.RENDER_FAILED);
        assertThat(byUrl().get(site.url("/next")).rendered()).isTrue();
        assertThat(byUrl()).containsKey(site.url("/last"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aScriptCannotFetchWhatRobotsTxtForbidsNorLeaveTheSite() throws Exception {
        TestWeb.Site other = web.site(44).linking("/elsewhere");
        TestWeb.Site site = web.site(43)
                .route(
                        "/robots.txt",
                        ex -> TestWeb.send(ex, 200, "text/plain", "User-agent: *\nDisallow: /secret\n".getBytes()))
                .page(
                        "/",
                        "<html><body><script>"
                                + "fetch('/secret.json').catch(() => 0); fetch('/open.json').catch(() => 0);"
                                + "fetch('" + other.url("/elsewhere") + "', {mode: 'no-cors'}).catch(() => 0);"
                                + "</script></body></html>");
        site.route("/secret.json", ex -> TestWeb.send(ex, 200, "application/json", "[]".getBytes()));
        site.route("/open.json", ex -> TestWeb.send(ex, 200, "application/json", "[]".getBytes()));

        CrawlResult result = crawl(
                fast(site.url("/")).render(ChromiumRenderer.builder().tabs(1).build(), Renderer.Mode.ALWAYS));

        assertThat(site.paths()).contains("/open.json").doesNotContain("/secret.json");
        assertThat(other.paths()).isEmpty();
        assertThat(result.rendering()).anyMatch(l -> l.contains("1 fetched, 2 refused"));
    }

    @Test
    void autoRendersTheHostThatNeedsItAndReadsTheOtherAsServed() throws Exception {
        TestWeb.Site plain = web.site(45).linking("/", "/p1", "/p2", "/p3", "/p4", "/p5");
        for (int i = 1; i <= 5; i++) {
            plain.linking("/p" + i);
        }
        TestWeb.Site app = web.site(46)
                .page("/", scriptedLinks("/links.json"))
                .route("/links.json", ex -> TestWeb.send(ex, 200, "application/json", "[\"/x\", \"/y\"]".getBytes()))
                .page("/x", scriptedLinks("/more.json"))
                .route("/more.json", ex -> TestWeb.send(ex, 200, "application/json", "[\"/z\"]".getBytes()))
                .linking("/y")
                .linking("/z");

        CrawlResult result = crawl(Crawler.builder()
                .seeds(plain.url("/"), app.url("/"))
                .politeness(Politeness.builder().delay(Duration.ZERO).perHost(1).build())
                .workers(1)
                .render(ChromiumRenderer.builder().tabs(2).build(), Renderer.Mode.AUTO));

        Map<String, PageRecord> pages = byUrl();
        assertThat(pages).containsKeys(app.url("/x"), app.url("/y"), app.url("/z"));
        assertThat(pages.get(app.url("/x")).rendered()).isTrue();
        long plainRendered = records.stream()
                .filter(r -> r.url().host().equals("127.0.0.45"))
                .filter(r -> r.renderMillis() != null)
                .count();
        assertThat(plainRendered).as("plain pages sent to the browser").isEqualTo(3);
        assertThat(pages.get(plain.url("/p5")).renderMillis()).isNull();
        assertThat(result.rendering())
                .anyMatch(l -> l.startsWith("127.0.0.45: read as served: 3 sampled pages"))
                .anyMatch(l -> l.startsWith("127.0.0.46: rendered: " + app.url("/") + " gained 2 links"));
    }
}
