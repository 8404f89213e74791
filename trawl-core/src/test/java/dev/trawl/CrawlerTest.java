package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.frontier.Politeness;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.url.UrlFilter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole crawls of real HTTP servers on 127.0.0.x: the core mechanics, with robots.txt and
 * retries off (PolitenessTest has them on).
 */
@Timeout(60)
class CrawlerTest extends CrawlTestSupport {

    private Crawler.Builder crawler(Site... seeds) {
        return Crawler.builder()
                .seeds(List.of(seeds).stream().map(s -> s.url("/")).toList())
                .politeness(p -> p.delay(Duration.ZERO))
                .robots(false)
                .retries(0)
                .workers(8)
                .fetchOptions(
                        FetchOptions.builder().timeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void crawlsAMultiHostSiteCompletelyAndFetchesNoUrlTwice() throws Exception {
        Site a = web.site(2);
        Site b = web.site(3);
        a.linking("/", "a.html", "/b", b.url("/"), "./a.html#top", "HTTP://" + a.authority() + "/b")
                .linking("/a.html", "/", "b", "c?x=1", "../a.html")
                .linking("/b", "/a.html#frag", "/b?", "")
                .linking("/b?", "/")
                .linking("/c?x=1", "/c?x=%31");
        b.linking("/", "/x", a.url("/")).linking("/x", "x", "/");

        CrawlResult result = run(crawler(a)
                .filter(UrlFilter.builder()
                        .allowDomains(List.of(a.authority(), b.authority()))
                        .build()));

        assertThat(records)
                .extracting(r -> r.url().href())
                .containsExactlyInAnyOrder(
                        a.url("/"),
                        a.url("/a.html"),
                        a.url("/b"),
                        a.url("/b?"),
                        a.url("/c?x=1"),
                        b.url("/"),
                        b.url("/x"));
        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/a.html", "/b", "/b?", "/c?x=1");
        assertThat(b.paths()).containsExactlyInAnyOrder("/", "/x");
        assertThat(result.pages()).isEqualTo(7);
        assertThat(result.ok()).isEqualTo(7);
        assertThat(result.found()).isEqualTo(7);
        PageRecord x = byUrl().get(b.url("/x"));
        assertThat(x.referrer().href()).isEqualTo(b.url("/"));
        assertThat(x.depth()).isEqualTo(2);
        assertThat(x.title()).isEqualTo("/x");
        assertThat(x.links()).isEqualTo(1);
    }

    @Test
    void byDefaultStaysOnTheSeedsHostsAndNeverFetchesOutOfScope() throws Exception {
        Site a = web.site(2);
        Site other = web.site(4);
        a.linking("/", "/in", other.url("/"), other.url("/page"));
        a.linking("/in");
        other.linking("/", "/page");

        run(crawler(a));

        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/in");
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void thePageLimitCountsFetchedPagesExactly() throws Exception {
        Site a = web.site(2);
        String[] links = new String[60];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/p" + i;
            a.linking("/p" + i, "/", "/p" + ((i + 1) % 60));
        }
        a.linking("/", links);

        CrawlResult result = run(crawler(a).politeness(p -> p.maxPages(10).perHost(4)));

        assertThat(records).hasSize(10);
        assertThat(a.requests()).hasSize(10);
        assertThat(result.pages()).isEqualTo(10);
        assertThat(result.pageLimitReached()).isTrue();
        assertThat(run(crawler(a).politeness(p -> p.maxPages(100))).pageLimitReached())
                .as("61 pages, within a limit of 100")
                .isFalse();
    }

    @Test
    void unreachablePagesDoNotUseUpThePageLimit() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/dead1", "/dead2", "/ok1", "/ok2");
        a.route("/dead1", ex -> {
            throw new IllegalStateException("drop the connection");
        });
        a.route("/dead2", ex -> {
            throw new IllegalStateException("drop the connection");
        });
        a.linking("/ok1");
        a.linking("/ok2");

        run(crawler(a).politeness(p -> p.maxPages(3)).workers(1));

        assertThat(records.stream().filter(r -> r.status() > 0)).hasSize(3);
        assertThat(records.stream().filter(r -> r.status() == 0)).allMatch(r -> r.error() == FetchError.IO);
    }

    @Test
    void stopsAtTheMaximumDepth() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/1").linking("/1", "/2").linking("/2", "/3").linking("/3", "/4");

        run(crawler(a).maxDepth(2));

        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/1", "/2");
        assertThat(byUrl().get(a.url("/2")).depth()).isEqualTo(2);
    }

    @Test
    void neverExceedsTheConcurrencyPerHost() throws Exception {
        Site a = web.site(2).latency(100);
        Site b = web.site(3).latency(100);
        a.hub(20);
        b.hub(20);

        run(crawler(a, b)
                .workers(16)
                .politeness(p -> p.perHost(2))
                .filter(UrlFilter.builder()
                        .allowDomains(List.of(a.authority(), b.authority()))
                        .build()));

        assertThat(a.requests()).hasSize(21);
        assertThat(b.requests()).hasSize(21);
        assertThat(a.maxConcurrent()).isEqualTo(2);
        assertThat(b.maxConcurrent()).isEqualTo(2);
    }

    @Test
    void aFrontierGivenBringsItsOwnPolitenessToTheFetcher() throws Exception {
        Site a = web.site(2).latency(200);
        a.hub(12);
        Frontier frontier = InMemoryFrontier.builder()
                .politeness(Politeness.builder().perHost(4).delay(Duration.ZERO).build())
                .build();

        // Not the crawler's default of 2 connections per host: the frontier's 4, at the server.
        run(Crawler.builder().seeds(a.url("/")).robots(false).workers(8).frontier(frontier));

        assertThat(a.requests()).hasSize(13);
        assertThat(a.maxConcurrent()).isEqualTo(4);
    }

    @Test
    void aFrontierGivenWithPolitenessOfTheCrawlersOwnIsRefused() {
        Crawler.Builder builder = Crawler.builder()
                .seeds("http://127.0.0.1:1/")
                .politeness(p -> p.perHost(8))
                .frontier(InMemoryFrontier.builder().build());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("frontier's builder");
    }

    @Test
    void waitsTheDelayBetweenRequestStartsToOneHost() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/1", "/2", "/3");
        a.linking("/1").linking("/2").linking("/3");

        run(crawler(a).politeness(p -> p.perHost(4).delay(Duration.ofMillis(200))));

        List<TestWeb.Request> requests = a.requests().stream()
                .sorted((x, y) -> Long.compare(x.startNanos(), y.startNanos()))
                .toList();
        assertThat(requests).hasSize(4);
        for (int i = 1; i < requests.size(); i++) {
            long gapMillis = (requests.get(i).startNanos() - requests.get(i - 1).startNanos()) / 1_000_000;
            assertThat(gapMillis).as("gap before request %d", i).isGreaterThanOrEqualTo(150);
        }
    }

    @Test
    void recordsErrorStatusesWithoutParsingTheirBodies() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/missing", "/broken");
        a.route(
                "/broken",
                ex -> TestWeb.send(ex, 500, "text/html", "<a href=\"/hidden\">x</a>".getBytes(StandardCharsets.UTF_8)));
        a.linking("/hidden");

        CrawlResult result = run(crawler(a));

        Map<String, PageRecord> pages = byUrl();
        assertThat(pages.get(a.url("/missing")).status()).isEqualTo(404);
        assertThat(pages.get(a.url("/missing")).error()).isEqualTo(FetchError.HTTP_STATUS);
        assertThat(pages.get(a.url("/broken")).status()).isEqualTo(500);
        assertThat(pages.get(a.url("/broken")).links()).isZero();
        assertThat(a.paths()).doesNotContain("/hidden");
        assertThat(result.failed()).isEqualTo(2);
    }

    @Test
    void followsRedirectChainsThroughTheSeenSetAndTheScope() throws Exception {
        Site a = web.site(2);
        Site outside = web.site(4);
        a.linking("/", "/r1", "/final", "/loop1", "/away");
        a.redirect("/r1", 301, "/r2").redirect("/r2", 302, "final");
        a.linking("/final", "/");
        a.redirect("/loop1", 302, "/loop2").redirect("/loop2", 302, "/loop1");
        a.redirect("/away", 301, outside.url("/"));
        outside.linking("/");

        run(crawler(a).workers(1));

        assertThat(a.paths().stream().filter(p -> p.equals("/final"))).hasSize(1);
        assertThat(outside.requests()).isEmpty();
        Map<String, PageRecord> pages = byUrl();
        PageRecord away = pages.get(a.url("/away"));
        assertThat(away.error()).isEqualTo(FetchError.BAD_REDIRECT);
        assertThat(away.detail()).contains("out of scope");
        PageRecord loop = pages.get(a.url("/loop1"));
        assertThat(loop.status()).isEqualTo(302);
        assertThat(loop.finalUrl().href()).isEqualTo(a.url("/loop2"));
        assertThat(loop.error()).isEqualTo(FetchError.BAD_REDIRECT);
        assertThat(loop.detail()).contains("redirect loop");
        assertThat(a.paths().stream().filter(p -> p.startsWith("/loop"))).hasSize(2);
        // /r1 -> /r2 -> /final: either the chain or the direct link reaches /final first; /final is one record.
        assertThat(records.stream().filter(r -> r.finalUrl().href().equals(a.url("/final"))))
                .hasSize(1);
        assertThat(records).noneMatch(r -> r.url().href().equals(a.url("/r2")));
    }

    @Test
    void recordsTheRedirectChainOfAPage() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/old");
        a.redirect("/old", 301, "/older").redirect("/older", 308, "/new");
        a.linking("/new");

        run(crawler(a));

        PageRecord moved = byUrl().get(a.url("/old"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.finalUrl().href()).isEqualTo(a.url("/new"));
        assertThat(moved.redirects()).extracting(u -> u.href()).containsExactly(a.url("/old"), a.url("/older"));
        assertThat(records).hasSize(2);
    }

    @Test
    void skipsNonPagesByExtensionAndByContentType() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/logo.png", "/style.css", "/data", "/page");
        a.route(
                "/data",
                ex -> TestWeb.send(
                        ex,
                        200,
                        "application/json",
                        "{\"a\": \"<a href='/hidden'>\"}".getBytes(StandardCharsets.UTF_8)));
        a.linking("/page");

        run(crawler(a));

        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/data", "/page");
        PageRecord data = byUrl().get(a.url("/data"));
        assertThat(data.error()).isEqualTo(FetchError.NOT_HTML);
        assertThat(data.bytes()).isZero();
        assertThat(data.ok()).isTrue();
    }

    @Test
    void capsAnOversizedBody() throws Exception {
        Site a = web.site(2);
        a.page("/", "<a href=\"/early\">e</a>" + "x".repeat(100_000) + "<a href=\"/late\">l</a>");
        a.linking("/early");
        a.linking("/late");

        run(crawler(a).fetchOptions(FetchOptions.builder().maxBytes(1000).build()));

        PageRecord root = byUrl().get(a.url("/"));
        assertThat(root.error()).isEqualTo(FetchError.TOO_LARGE);
        assertThat(root.bytes()).isEqualTo(1000);
        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/early");
    }

    @Test
    void decodesGzipBodies() throws Exception {
        Site a = web.site(2);
        a.route("/", ex -> {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write("<title>zipped</title><a href=\"/next\">n</a>".getBytes(StandardCharsets.UTF_8));
            }
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestWeb.send(ex, 200, "text/html", zipped.toByteArray());
        });
        a.linking("/next");

        run(crawler(a));

        assertThat(byUrl().get(a.url("/")).title()).isEqualTo("zipped");
        assertThat(a.paths()).contains("/next");
    }

    @Test
    void decodesDeflateBodiesWithOrWithoutTheZlibWrapperAndRefusesUnknownEncodings() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/zlib", "/raw", "/compress");
        for (String path : List.of("/zlib", "/raw")) {
            a.route(path, ex -> {
                ByteArrayOutputStream packed = new ByteArrayOutputStream();
                java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, path.equals("/raw"));
                try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(packed, deflater)) {
                    d.write(("<title>" + path + "</title>").getBytes(StandardCharsets.UTF_8));
                }
                ex.getResponseHeaders().set("Content-Encoding", "deflate");
                TestWeb.send(ex, 200, "text/html", packed.toByteArray());
            });
        }
        a.route("/compress", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "compress");
            TestWeb.send(ex, 200, "text/html", new byte[] {1, 2, 3});
        });

        run(crawler(a));

        assertThat(byUrl().get(a.url("/zlib")).title()).isEqualTo("/zlib");
        assertThat(byUrl().get(a.url("/raw")).title()).isEqualTo("/raw");
        assertThat(byUrl().get(a.url("/compress")).error()).isEqualTo(FetchError.BAD_ENCODING);
    }

    /** A body compressed by the brotli tool (test resources), and a corrupt one. */
    @Test
    void decodesBrotliBodiesAsARealEncoderWritesThem() throws Exception {
        Site a = web.site(2);
        byte[] packed;
        byte[] plain;
        try (var in = getClass().getResourceAsStream("/brotli/page.html.br");
                var html = getClass().getResourceAsStream("/brotli/page.html")) {
            packed = in.readAllBytes();
            plain = html.readAllBytes();
        }
        a.linking("/", "/brotli", "/corrupt").linking("/after-brotli");
        a.route("/brotli", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "br");
            TestWeb.send(ex, 200, "text/html; charset=utf-8", packed);
        });
        a.route("/corrupt", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "br");
            TestWeb.send(ex, 200, "text/html", java.util.Arrays.copyOf(packed, packed.length / 2));
        });

        run(crawler(a));

        PageRecord page = byUrl().get(a.url("/brotli"));
        assertThat(page.title()).isEqualTo("Brotli page \u2013 caf\u00e9");
        assertThat(page.bytes()).isEqualTo(plain.length);
        assertThat(a.paths()).contains("/after-brotli");
        assertThat(byUrl().get(a.url("/corrupt")).error()).isEqualTo(FetchError.BAD_ENCODING);
    }

    @Test
    void theTotalTimeoutCoversASlowBody() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/trickle");
        a.route("/trickle", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            for (int i = 0; i < 600; i++) {
                ex.getResponseBody().write(' ');
                ex.getResponseBody().flush();
                Thread.sleep(100);
            }
        });

        long start = System.nanoTime();
        run(crawler(a)
                .fetchOptions(
                        FetchOptions.builder().timeout(Duration.ofSeconds(2)).build()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(byUrl().get(a.url("/trickle")).error()).isEqualTo(FetchError.TIMEOUT);
    }

    @Test
    void readsTheCharsetFromTheHeaderOrTheMetaTag() throws Exception {
        Site a = web.site(2);
        a.route(
                "/",
                ex -> TestWeb.send(
                        ex,
                        200,
                        "text/html",
                        "<meta charset=\"windows-1252\"><title>caf\u00e9</title><a href=\"/\u00e9t\u00e9\">x</a>"
                                .getBytes(StandardCharsets.ISO_8859_1)));
        a.linking("/%C3%A9t%C3%A9", "/latin1");
        a.route(
                "/latin1",
                ex -> TestWeb.send(
                        ex,
                        200,
                        "text/html; charset=ISO-8859-1",
                        "<title>na\u00efve</title>".getBytes(StandardCharsets.ISO_8859_1)));

        run(crawler(a));

        assertThat(byUrl().get(a.url("/")).title()).isEqualTo("caf\u00e9");
        assertThat(a.paths()).contains("/%C3%A9t%C3%A9");
        assertThat(byUrl().get(a.url("/latin1")).title()).isEqualTo("na\u00efve");
    }

    @Test
    void timesOutOnAServerThatNeverAnswers() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/slow", "/fine");
        a.route("/slow", ex -> a.hang());
        a.linking("/fine");

        long start = System.nanoTime();
        run(crawler(a)
                .fetchOptions(
                        FetchOptions.builder().timeout(Duration.ofSeconds(1)).build()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        PageRecord slow = byUrl().get(a.url("/slow"));
        assertThat(slow.status()).isZero();
        assertThat(slow.error()).isEqualTo(FetchError.TIMEOUT);
        assertThat(byUrl().get(a.url("/fine")).status()).isEqualTo(200);
    }

    @Test
    void finishesWhenAServerHandlerThrows() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/boom", "/fine");
        a.route("/boom", ex -> {
            throw new IllegalStateException("handler failure");
        });
        a.linking("/fine");

        CrawlResult result = run(crawler(a));

        assertThat(byUrl().get(a.url("/boom")).error()).isIn(FetchError.IO, FetchError.TIMEOUT);
        assertThat(byUrl().get(a.url("/fine")).ok()).isTrue();
        assertThat(result.failed()).isEqualTo(1);
    }

    @Test
    void aFailingListenerStopsTheCrawlWithAClearError() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/1", "/2");
        a.linking("/1").linking("/2");

        CrawlListener failing = page -> {
            throw new java.io.IOException("disk full");
        };

        assertThatThrownBy(() -> run(crawler(a).listener(failing)))
                .isInstanceOf(CrawlException.class)
                .hasMessageStartingWith("listener ")
                .hasMessageEndingWith(" failed: disk full")
                .satisfies(
                        e -> assertThat(((CrawlException) e).failedListener()).isSameAs(failing));
    }

    @Test
    void everyExchangeIsReportedWithWhatItWasFor() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/moved").redirect("/moved", 301, "/target").linking("/target");
        a.route(
                "/robots.txt",
                ex -> TestWeb.send(
                        ex,
                        200,
                        "text/plain",
                        ("User-agent: *\nSitemap: " + a.url("/sitemap.xml") + "\n").getBytes(StandardCharsets.UTF_8)));
        a.route(
                "/sitemap.xml",
                ex -> TestWeb.send(
                        ex,
                        200,
                        "application/xml",
                        ("<urlset xmlns="
                                        + "\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>"
                                        + a.url("/target")
                                        + "</loc></url></urlset>")
                                .getBytes(StandardCharsets.UTF_8)));
        List<String> fetches = new java.util.concurrent.CopyOnWriteArrayList<>();

        run(crawler(a).robots(true).sitemaps(true).listener(new CrawlListener() {
            @Override
            public void onPage(PageRecord page) {}

            @Override
            public void onFetch(dev.trawl.fetch.FetchResult fetch, FetchKind kind) {
                fetches.add(kind + " " + fetch.url().path() + " " + fetch.hasPage());
            }
        }));

        assertThat(fetches)
                .containsExactlyInAnyOrder(
                        "ROBOTS /robots.txt false",
                        "SITEMAP /sitemap.xml false",
                        "PAGE / true",
                        "PAGE /moved false",
                        "PAGE /target true");
    }

    @Test
    void fetchesUrlsWithCharactersThatJavaUriRefuses() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/search?q={a|b}", "/p|q");
        a.linking("/search?q=%7Ba%7Cb%7D");
        a.linking("/p%7Cq");

        run(crawler(a));

        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/search?q=%7Ba%7Cb%7D", "/p%7Cq");
        assertThat(records).allMatch(PageRecord::ok);
    }

    @Test
    void denyPrivateRefusesLoopbackAddresses() throws Exception {
        Site a = web.site(2);
        a.linking("/");

        CrawlResult result = run(
                crawler(a).fetchOptions(FetchOptions.builder().denyPrivate(true).build()));

        assertThat(a.requests()).isEmpty();
        PageRecord seed = byUrl().get(a.url("/"));
        assertThat(seed.error()).isEqualTo(FetchError.DENIED);
        assertThat(seed.detail()).contains("--deny-private");
        assertThat(result.ok()).isZero();
    }

    @Test
    void stopsAtItsTimeLimitKeepingWhatItRecorded() throws Exception {
        Site a = web.site(2).latency(200);
        a.hub(100);

        long start = System.nanoTime();
        CrawlResult result = run(crawler(a).politeness(p -> p.perHost(1)).maxTime(Duration.ofSeconds(1)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.timeLimitReached()).isTrue();
        assertThat(result.stopped()).isTrue();
        assertThat(records.size()).isBetween(1, 20);
        assertThat(records).allMatch(PageRecord::ok);
    }

    @Test
    void aWorkerThatDiesFailsTheCrawlInsteadOfEndingItQuietly() throws Exception {
        Site a = web.site(2);
        a.hub(5);
        dev.trawl.parse.LinkExtractor dying = (body, charset, url) -> {
            throw new OutOfMemoryError("simulated");
        };

        assertThatThrownBy(() -> run(crawler(a).linkExtractor(dying)))
                .isInstanceOf(CrawlException.class)
                .hasMessageContaining("OutOfMemoryError: simulated");
    }

    @Test
    void refusesAnInvalidSeed() {
        assertThatThrownBy(() -> Crawler.builder().seeds("http://exa mple.com/"))
                .hasMessageContaining("invalid start URL 'http://exa mple.com/'");
        assertThatThrownBy(() -> Crawler.builder().seeds("ftp://example.com/"))
                .hasMessageContaining("only http and https");
    }
}
