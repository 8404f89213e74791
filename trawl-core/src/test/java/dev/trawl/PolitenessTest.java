package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.url.UrlFilter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** robots.txt, throttling, retries, page-level rules and sitemaps, measured at real loopback servers. */
@Timeout(60)
class PolitenessTest extends CrawlTestSupport {

    private Crawler.Builder crawler(Site... seeds) {
        return Crawler.builder()
                .seeds(List.of(seeds).stream().map(s -> s.url("/")).toList())
                .filter(UrlFilter.builder()
                        .allowDomains(
                                List.of(seeds).stream().map(Site::authority).toList())
                        .build())
                .politeness(p -> p.delay(Duration.ZERO))
                .workers(8)
                .fetchOptions(FetchOptions.builder()
                        .timeout(Duration.ofSeconds(5))
                        .userAgent("trawl/test")
                        .build())
                .throttle(t -> t.withTimes(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(200)));
    }

    private static void robots(Site site, String body) {
        site.route("/robots.txt", ex -> TestWeb.send(ex, 200, "text/plain", body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Milliseconds between consecutive request arrivals at a site. */
    private static List<Long> gapsMillis(Site site) {
        List<TestWeb.Request> r = site.requests().stream()
                .sorted((x, y) -> Long.compare(x.startNanos(), y.startNanos()))
                .toList();
        return java.util.stream.IntStream.range(1, r.size())
                .mapToObj(i -> (r.get(i).startNanos() - r.get(i - 1).startNanos()) / 1_000_000)
                .toList();
    }

    @Test
    void obeysRobotsTxtAndRecordsWhatItForbids() throws Exception {
        Site a = web.site(2);
        robots(a, """
                User-agent: *
                Disallow: /

                User-agent: trawl
                Disallow: /private
                Allow: /private/open
                Disallow: /*.cgi$
                """);
        a.linking("/", "/public", "/private/secret", "/private/open", "/run.cgi", "/run.cgi?x=1", "/privatex");
        a.linking("/public").linking("/private/open").linking("/run.cgi?x=1");

        CrawlResult result = run(crawler(a));

        assertThat(a.paths()).containsExactlyInAnyOrder("/robots.txt", "/", "/public", "/private/open", "/run.cgi?x=1");
        Map<String, PageRecord> pages = byUrl();
        for (String forbidden : List.of("/private/secret", "/run.cgi", "/privatex")) {
            assertThat(pages.get(a.url(forbidden)).error()).as(forbidden).isEqualTo(FetchError.ROBOTS);
            assertThat(pages.get(a.url(forbidden)).status()).isZero();
        }
        assertThat(result.skipped()).containsEntry(Skip.ROBOTS, 3L);
        assertThat(result.pages()).isEqualTo(4);
        assertThat(result.failed()).isZero();
    }

    @Test
    void followsRedirectsOfRobotsTxtAndFetchesItOncePerHost() throws Exception {
        Site a = web.site(2);
        a.redirect("/robots.txt", 301, "/moved/robots.txt");
        a.route(
                "/moved/robots.txt",
                ex -> TestWeb.send(
                        ex, 200, "text/plain", "User-agent: *\nDisallow: /no\n".getBytes(StandardCharsets.UTF_8)));
        a.linking("/", "/yes", "/no").linking("/yes", "/", "/no");

        run(crawler(a).politeness(p -> p.perHost(2)));

        assertThat(a.paths()).containsExactlyInAnyOrder("/robots.txt", "/moved/robots.txt", "/", "/yes");
        assertThat(byUrl().get(a.url("/no")).error()).isEqualTo(FetchError.ROBOTS);
    }

    @Test
    void readsOnlyTheFirst500KibOfAHugeRobotsTxtAndShrugsOffABinaryOne() throws Exception {
        Site a = web.site(2);
        Site b = web.site(3);
        robots(
                a,
                "User-agent: *\nDisallow: /private\n" + "# filler line to make the file big\n".repeat(300_000)
                        + "Disallow: /late\n");
        byte[] noise = new byte[100_000];
        new java.util.Random(5).nextBytes(noise);
        b.route("/robots.txt", ex -> TestWeb.send(ex, 200, "text/plain", noise));
        a.linking("/", "/private", "/late", b.url("/")).linking("/late");
        b.linking("/", "/x").linking("/x");

        run(crawler(a, b));

        assertThat(a.paths()).contains("/late").doesNotContain("/private");
        assertThat(b.paths()).contains("/", "/x");
    }

    @Test
    void aMissingRobotsTxtAllowsEverything() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/private/x").linking("/private/x");

        run(crawler(a));

        assertThat(a.paths()).containsExactlyInAnyOrder("/robots.txt", "/", "/private/x");
    }

    @Test
    void honoursCrawlDelayAtTheServer() throws Exception {
        Site a = web.site(2);
        robots(a, "User-agent: *\nCrawl-delay: 0.4\n");
        a.linking("/", "/1", "/2", "/3").linking("/1").linking("/2").linking("/3");

        run(crawler(a).politeness(p -> p.perHost(4)));

        assertThat(a.requests()).hasSize(5);
        // robots.txt, then each page at least the Crawl-delay after the one before.
        assertThat(gapsMillis(a).subList(1, 4)).allMatch(gap -> gap >= 350);
    }

    @Test
    void cutsALongCrawlDelayAndSaysSo() throws Exception {
        Site a = web.site(2);
        robots(a, "User-agent: *\nCrawl-delay: 3600\n");
        a.linking("/", "/1").linking("/1");

        CrawlResult result = run(crawler(a).throttle(t -> t.withMaxCrawlDelay(Duration.ofMillis(300))));

        assertThat(a.paths()).containsExactlyInAnyOrder("/robots.txt", "/", "/1");
        assertThat(gapsMillis(a).get(1)).isGreaterThanOrEqualTo(250);
        assertThat(result.cappedCrawlDelays()).isEqualTo(1);
    }

    @Test
    void waitsForRetryAfterInSeconds() throws Exception {
        Site a = web.site(2);
        AtomicInteger calls = new AtomicInteger();
        a.linking("/", "/busy");
        a.route("/busy", ex -> {
            if (calls.incrementAndGet() == 1) {
                ex.getResponseHeaders().set("Retry-After", "1");
                TestWeb.send(ex, 429, "text/html", new byte[0]);
            } else {
                TestWeb.send(ex, 200, "text/html", "<title>ok</title>".getBytes(StandardCharsets.UTF_8));
            }
        });

        run(crawler(a).robots(false));

        PageRecord busy = byUrl().get(a.url("/busy"));
        assertThat(busy.status()).isEqualTo(200);
        assertThat(busy.attempts()).isEqualTo(2);
        List<TestWeb.Request> requests = a.requests();
        long retriedAfter = requests.get(2).startNanos() - requests.get(1).startNanos();
        assertThat(Duration.ofNanos(retriedAfter)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void waitsForRetryAfterAsAnHttpDate() throws Exception {
        Site a = web.site(2);
        AtomicInteger calls = new AtomicInteger();
        a.linking("/", "/busy", "/other");
        a.linking("/other");
        a.route("/busy", ex -> {
            if (calls.incrementAndGet() == 1) {
                String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).withNano(0));
                ex.getResponseHeaders().set("Retry-After", at);
                TestWeb.send(ex, 503, "text/html", new byte[0]);
            } else {
                TestWeb.send(ex, 200, "text/html", "<title>ok</title>".getBytes(StandardCharsets.UTF_8));
            }
        });

        run(crawler(a).robots(false).workers(1));

        assertThat(byUrl().get(a.url("/busy")).status()).isEqualTo(200);
        List<TestWeb.Request> requests = a.requests();
        int busy = a.paths().indexOf("/busy");
        // The whole host waits, not just the URL: the next request of any kind came 2 s or more later.
        long next = requests.get(busy + 1).startNanos() - requests.get(busy).startNanos();
        assertThat(Duration.ofNanos(next)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void backsOffA503ThenSucceeds() throws Exception {
        Site a = web.site(2);
        AtomicInteger calls = new AtomicInteger();
        a.linking("/", "/flaky");
        a.route("/flaky", ex -> {
            if (calls.incrementAndGet() <= 2) {
                TestWeb.send(ex, 503, "text/html", new byte[0]);
            } else {
                TestWeb.send(ex, 200, "text/html", "<title>back</title>".getBytes(StandardCharsets.UTF_8));
            }
        });

        run(crawler(a).robots(false));

        PageRecord flaky = byUrl().get(a.url("/flaky"));
        assertThat(flaky.status()).isEqualTo(200);
        assertThat(flaky.attempts()).isEqualTo(3);
        assertThat(flaky.title()).isEqualTo("back");
    }

    @Test
    void retriesAreBoundedAndCounted() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/broken", "/gone");
        a.route("/broken", ex -> TestWeb.send(ex, 500, "text/html", new byte[0]));

        run(crawler(a).robots(false).retries(2));

        assertThat(a.paths().stream().filter(p -> p.equals("/broken"))).hasSize(3);
        assertThat(a.paths().stream().filter(p -> p.equals("/gone"))).hasSize(1);
        assertThat(byUrl().get(a.url("/broken")).attempts()).isEqualTo(3);
        assertThat(byUrl().get(a.url("/broken")).status()).isEqualTo(500);
        assertThat(byUrl().get(a.url("/gone")).attempts()).isEqualTo(1);
    }

    @Test
    void givesUpAHostThatAlwaysFailsAndStillFinishes() throws Exception {
        Site a = web.site(2);
        Site down = web.site(3);
        String[] links = new String[30];
        for (int i = 0; i < links.length; i++) {
            links[i] = down.url("/p" + i);
        }
        a.linking("/", links);
        for (int i = 0; i < links.length; i++) {
            down.route("/p" + i, ex -> {
                throw new IllegalStateException("always fails");
            });
        }

        CrawlResult result = run(crawler(a)
                .robots(false)
                .retries(1)
                .filter(UrlFilter.builder()
                        .allowDomains(List.of(a.authority(), down.authority()))
                        .build()));

        assertThat(records.stream().filter(r -> r.url().host().equals("127.0.0.3")))
                .hasSize(30);
        assertThat(records.stream().filter(r -> r.error() == FetchError.HOST_GIVEN_UP))
                .isNotEmpty()
                .allMatch(r -> r.detail().contains("10 failures in a row"));
        assertThat(down.requests().size()).isLessThanOrEqualTo(12);
        assertThat(result.skipped()).containsKey(Skip.GIVEN_UP);
    }

    @Test
    void aRobotsTxtThatHangsBlocksOnlyItsOwnHost() throws Exception {
        Site a = web.site(2);
        Site stuck = web.site(3);
        a.linking("/", "/1", stuck.url("/"));
        a.linking("/1");
        AtomicInteger robotsAsked = new AtomicInteger();
        stuck.route("/robots.txt", ex -> {
            robotsAsked.incrementAndGet();
            stuck.hang();
        });
        stuck.linking("/");

        long start = System.nanoTime();
        run(crawler(a)
                .retries(1)
                .robotsRetryWait(Duration.ofMillis(200))
                .fetchOptions(
                        FetchOptions.builder().timeout(Duration.ofSeconds(1)).build())
                .filter(UrlFilter.builder()
                        .allowDomains(List.of(a.authority(), stuck.authority()))
                        .build()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(a.paths()).containsExactlyInAnyOrder("/robots.txt", "/", "/1");
        assertThat(robotsAsked.get()).isBetween(1, 2);
        assertThat(stuck.paths()).isEmpty();
        PageRecord blocked = byUrl().get(stuck.url("/"));
        assertThat(blocked.error()).isEqualTo(FetchError.ROBOTS);
        assertThat(blocked.detail()).contains("unreachable");
    }

    @Test
    void doesNotFollowNofollowLinksButRecordsNoindexAndCanonical() throws Exception {
        Site a = web.site(2);
        a.page("/", "<a href=/1>1</a><a rel='external NoFollow' href=/2>2</a><a href=/meta>m</a><a href=/header>h</a>");
        a.linking("/1").linking("/2");
        a.page("/meta", "<meta name=trawl content='noindex,nofollow'><link rel=canonical href=/canon><a href=/3>3</a>");
        a.linking("/3");
        a.route("/header", ex -> {
            ex.getResponseHeaders().set("X-Robots-Tag", "otherbot: noindex, trawl: nofollow");
            TestWeb.send(ex, 200, "text/html", "<a href=/4>4</a>".getBytes(StandardCharsets.UTF_8));
        });
        a.linking("/4");

        CrawlResult result = run(crawler(a).robots(false));

        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/1", "/meta", "/header");
        PageRecord meta = byUrl().get(a.url("/meta"));
        assertThat(meta.noindex()).isTrue();
        assertThat(meta.canonical().href()).isEqualTo(a.url("/canon"));
        assertThat(byUrl().get(a.url("/header")).noindex()).isFalse();
        assertThat(result.skipped()).containsEntry(Skip.NOFOLLOW, 3L);
    }

    @Test
    void followsNofollowLinksWhenAsked() throws Exception {
        Site a = web.site(2);
        a.page("/", "<a rel=nofollow href=/2>2</a><meta name=robots content=nofollow>");
        a.linking("/2");

        run(crawler(a).robots(false).followNofollow(true));

        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/2");
    }

    @Test
    void readsSitemapsFromRobotsTxtAndTheStartHost() throws Exception {
        Site a = web.site(2);
        robots(a, "User-agent: *\nAllow: /\nSitemap: " + a.url("/index.xml") + "\n");
        a.linking("/");
        a.route(
                "/index.xml",
                ex -> TestWeb.send(
                        ex,
                        200,
                        "application/xml",
                        ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>%s</loc></sitemap>
                </sitemapindex>""".formatted(a.url("/pages.xml.gz"))).getBytes(StandardCharsets.UTF_8)));
        a.route("/pages.xml.gz", ex -> {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                          <url><loc>%s</loc></url>
                          <url><loc>http://elsewhere.invalid/x</loc></url>
                        </urlset>""".formatted(a.url("/hidden"))).getBytes(StandardCharsets.UTF_8));
            }
            TestWeb.send(ex, 200, "application/gzip", zipped.toByteArray());
        });
        a.route(
                "/sitemap.xml",
                ex -> TestWeb.send(
                        ex,
                        200,
                        "application/xml",
                        ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s</loc></url></urlset>
                """.formatted(a.url("/also-hidden"))).getBytes(StandardCharsets.UTF_8)));
        a.linking("/hidden").linking("/also-hidden");

        CrawlResult result = run(crawler(a).sitemaps(true));

        assertThat(a.paths()).contains("/hidden", "/also-hidden", "/index.xml", "/pages.xml.gz", "/sitemap.xml");
        assertThat(records.stream().filter(PageRecord::sitemap)).hasSize(3);
        assertThat(result.skipped()).containsEntry(Skip.SCOPE, 1L);
        assertThat(result.pages()).isEqualTo(3);
    }

    @Test
    void hostsThatShareAHostKeyShareOneConnectionBudget() throws Exception {
        Site a = web.site(2).latency(50);
        Site b = web.site(3).latency(50);
        String[] links = {"/1", "/2", "/3", "/4", "/5"};
        for (Site s : List.of(a, b)) {
            s.linking("/", links);
            for (String l : links) {
                s.linking(l);
            }
        }

        run(crawler(a, b).robots(false).politeness(p -> p.perHost(1).hostKey(url -> "one-domain")));

        List<TestWeb.Request> all = new java.util.ArrayList<>(web.requests());
        all.sort((x, y) -> Long.compare(x.startNanos(), y.startNanos()));
        assertThat(all).hasSize(12);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).startNanos())
                    .as("request %d starts after the one before answered", i)
                    .isGreaterThanOrEqualTo(all.get(i - 1).endNanos());
        }
    }

    @Test
    void refusesTrapsAndKeepsToThePerHostLimit() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/a/b/a/b/a/b", "/q?" + "x=1&".repeat(40), "/1", "/2", "/3", "/4");
        for (int i = 1; i <= 4; i++) {
            a.linking("/" + i);
        }

        CrawlResult result = run(
                crawler(a).robots(false).politeness(p -> p.maxPagesPerHost(3)).workers(1));

        assertThat(a.paths()).hasSize(3).doesNotContain("/a/b/a/b/a/b");
        assertThat(result.skipped()).containsEntry(Skip.TRAP, 2L).containsEntry(Skip.HOST_LIMIT, 2L);
    }
}
