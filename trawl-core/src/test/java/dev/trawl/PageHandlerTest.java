package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.output.CsvSink;
import dev.trawl.output.ItemLinesSink;
import dev.trawl.output.JsonLinesSink;
import dev.trawl.parse.Link;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The page handler on whole crawls of loopback servers: what it is given, and what it gives back. */
@Timeout(60)
class PageHandlerTest extends CrawlTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Crawler.Builder crawler(Site seed) {
        return Crawler.builder()
                .seeds(seed.url("/"))
                .politeness(p -> p.delay(Duration.ZERO))
                .robots(false)
                .retries(0)
                .workers(4)
                .fetchOptions(
                        FetchOptions.builder().timeout(Duration.ofSeconds(5)).build());
    }

    record Product(String name, double price, List<String> tags) {}

    @Test
    void theHandlerSeesTheAnswerTheDocumentAndTheLinksOfEveryFetchedPage() throws Exception {
        Site site = web.site(2);
        site.redirect("/", 301, "/home")
                .route("/home", ex -> {
                    ex.getResponseHeaders().add("X-Shop", "one");
                    ex.getResponseHeaders().add("X-Shop", "two");
                    // No charset in the header: the meta tag names it, and é is one Latin-1 byte.
                    TestWeb.send(
                            ex,
                            200,
                            "text/html",
                            ("<html><head><meta charset=iso-8859-1><title>Caf\u00e9</title></head>"
                                            + "<body><h1 class=name>Caf\u00e9 cr\u00e8me</h1>"
                                            + "<a href=/p1>one</a> <a href=p2>two</a></body></html>")
                                    .getBytes(StandardCharsets.ISO_8859_1));
                })
                .linking("/p1")
                .linking("/p2")
                .route("/data.json", ex -> TestWeb.send(ex, 200, "application/json", "{}".getBytes()));
        site.linking("/p1", "/data.json", "/missing");
        Map<String, Page> seen = new ConcurrentHashMap<>();
        Map<String, String> texts = new ConcurrentHashMap<>();
        List<Document> twice = new CopyOnWriteArrayList<>();

        run(crawler(site).handler(page -> {
            seen.put(page.finalUrl().href(), page);
            texts.put(
                    page.finalUrl().href(),
                    page.select("h1").text() + "|" + page.text().length());
            if (page.finalUrl().path().equals("/home")) {
                twice.add(page.document());
                twice.add(page.document());
            }
        }));

        assertThat(seen).containsOnlyKeys(site.url("/home"), site.url("/p1"), site.url("/p2"));
        Page home = seen.get(site.url("/home"));
        assertThat(home.url().href()).isEqualTo(site.url("/"));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.depth()).isZero();
        assertThat(home.contentType()).isEqualTo("text/html");
        assertThat(home.headers().get("x-shop")).containsExactly("one", "two");
        assertThat(home.header("X-SHOP")).isEqualTo("one");
        assertThat(home.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(home.text()).contains("<title>Caf\u00e9</title>");
        assertThat(home.body()).hasSize(home.text().length());
        assertThat(texts.get(site.url("/home"))).startsWith("Caf\u00e9 cr\u00e8me|");
        assertThat(home.select("a").eachAttr("abs:href")).containsExactly(site.url("/p1"), site.url("/p2"));
        assertThat(home.links()).extracting(l -> l.url().href()).containsExactly(site.url("/p1"), site.url("/p2"));
        assertThat(twice.get(0)).isSameAs(twice.get(1));
        assertThat(seen.get(site.url("/p1")).depth()).isEqualTo(1);
    }

    @Test
    void itemsAndExtractedValuesReachEveryOutputAsJson() throws Exception {
        Site site = web.site(3);
        site.page("/", "<a href=/a>a</a><a href=/b>b</a><a href=/c>c</a>")
                .page("/a", "<h1>Kettle</h1><p class=price>12.50</p><i>steel</i><i>blue</i>")
                .page("/b", "<h1>Teapot \"Big\", \u00e0 l'anglaise</h1><p class=price>7</p>")
                .page("/c", "<p>no product here</p>");
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();

        run(crawler(site)
                .handler(page -> {
                    if (page.select("h1").isEmpty()) {
                        return;
                    }
                    String name = page.select("h1").text();
                    page.emit(new Product(
                            name,
                            Double.parseDouble(page.select(".price").text()),
                            page.select("i").eachText()));
                    page.extract("name", name);
                    page.extract("tags", page.select("i").eachText());
                    page.extract("missing", null);
                })
                .listener(new ItemLinesSink(items))
                .listener(new JsonLinesSink(jsonl))
                .listener(new CsvSink(csv, List.of("name", "tags"))));

        List<JsonNode> products = new ArrayList<>();
        for (String line : items.toString(StandardCharsets.UTF_8).split("\n")) {
            products.add(JSON.readTree(line));
        }
        assertThat(products).hasSize(2);
        assertThat(products)
                .extracting(p -> p.get("name").asText() + " " + p.get("price").asDouble() + " " + p.get("tags"))
                .containsExactlyInAnyOrder(
                        "Kettle 12.5 [\"steel\",\"blue\"]", "Teapot \"Big\", \u00e0 l'anglaise 7.0 []");
        Map<String, JsonNode> lines = new ConcurrentHashMap<>();
        for (String line : jsonl.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode record = JSON.readTree(line);
            lines.put(record.get("url").asText(), record);
        }
        assertThat(lines.get(site.url("/a")).get("extracted").toString())
                .isEqualTo("{\"name\":\"Kettle\",\"tags\":[\"steel\",\"blue\"],\"missing\":null}");
        assertThat(lines.get(site.url("/c")).has("extracted")).isFalse();
        assertThat(records)
                .filteredOn(r -> r.url().path().equals("/a"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.items()).hasSize(1);
                    assertThat(r.extracted()).containsEntry("tags", List.of("steel", "blue"));
                });
        String[] rows = csv.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(rows[0]).endsWith(",kind,http_version,nofollow,etag,last_modified,rendered,render_ms,name,tags");
        assertThat(rows)
                .anySatisfy(row -> assertThat(row)
                        .endsWith(",page,HTTP/1.1,false,,,false,,Kettle,\"[\"\"steel\"\",\"\"blue\"\"]\""));
        assertThat(rows).anySatisfy(row -> assertThat(row).endsWith(",page,HTTP/1.1,false,,,false,,,"));
    }

    @Test
    void theHandlerChoosesWhichLinksAreFollowedThroughTheCrawlsScope() throws Exception {
        Site site = web.site(4);
        Site other = web.site(5);
        site.linking("/", "/listed", "/also-listed")
                .linking("/listed", "/deeper")
                .linking("/also-listed")
                .linking("/deeper")
                .linking("/unlinked");
        other.linking("/");

        run(crawler(site).maxDepth(2).handler(page -> {
            if (page.finalUrl().path().equals("/")) {
                page.skipLinks();
                assertThat(page.follow("unlinked")).isTrue();
                assertThat(page.follow("listed#part")).isTrue();
                assertThat(page.follow(other.url("/"))).isTrue();
                assertThat(page.follow("mailto:someone@example.com")).isFalse();
                assertThat(page.follow(null)).isFalse();
            }
        }));

        // /also-listed is skipped with the page's links; the other host is out of the crawl's scope.
        assertThat(site.paths()).containsExactlyInAnyOrder("/", "/unlinked", "/listed", "/deeper");
        assertThat(other.paths()).isEmpty();
        assertThat(byUrl().get(site.url("/deeper")).depth()).isEqualTo(2);
    }

    @Test
    void aHandlerThatThrowsFailsOnlyThatPageWhichKeepsItsItemsAndLinks() throws Exception {
        Site site = web.site(6);
        site.linking("/", "/bad", "/good")
                .linking("/bad", "/after-bad")
                .linking("/good")
                .linking("/after-bad");

        CrawlResult result = run(crawler(site).handler(page -> {
            page.emit(Map.of("path", page.finalUrl().path()));
            if (page.finalUrl().path().equals("/bad")) {
                throw new IllegalStateException("no price on " + page.finalUrl().path());
            }
            if (page.finalUrl().path().equals("/good")) {
                page.emit(new Object()); // Jackson cannot write it
            }
        }));

        assertThat(site.paths()).containsExactlyInAnyOrder("/", "/bad", "/good", "/after-bad");
        PageRecord bad = byUrl().get(site.url("/bad"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.error()).isEqualTo(FetchError.HANDLER_ERROR);
        assertThat(bad.detail()).isEqualTo("IllegalStateException: no price on /bad");
        assertThat(bad.items()).containsExactly("{\"path\":\"/bad\"}");
        assertThat(bad.outlinks()).extracting(Link::url).hasSize(1);
        PageRecord good = byUrl().get(site.url("/good"));
        assertThat(good.error()).isEqualTo(FetchError.HANDLER_ERROR);
        assertThat(good.detail()).startsWith("IllegalArgumentException: cannot write as JSON");
        assertThat(byUrl().get(site.url("/")).error()).isNull();
        assertThat(result.pages()).isEqualTo(4);
        assertThat(result.failed()).isEqualTo(2);
    }

    @Test
    void aHandlerThatThrowsAnErrorOrMisusesThePageFailsOnlyItsPage() throws Exception {
        Site site = web.site(10);
        site.linking("/", "/assert", "/null-name", "/fine")
                .linking("/assert")
                .linking("/null-name")
                .linking("/fine");

        run(crawler(site).handler(page -> {
            switch (page.finalUrl().path()) {
                case "/assert" -> throw new AssertionError("price missing");
                case "/null-name" -> page.extract(null, "x");
                default -> page.extract("ok", true);
            }
        }));

        assertThat(byUrl().get(site.url("/assert")).detail()).isEqualTo("AssertionError: price missing");
        assertThat(byUrl().get(site.url("/null-name")).error()).isEqualTo(FetchError.HANDLER_ERROR);
        assertThat(byUrl().get(site.url("/fine")).extracted()).containsEntry("ok", true);
    }

    @Test
    void aCrawlStoppedWhileAHandlerWaitsDoesNotRecordThatPageAsFailed() throws Exception {
        Site site = web.site(11);
        site.linking("/", "/slow").linking("/slow");
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        Crawler crawler = crawler(site)
                .listener(records::add)
                .handler(page -> {
                    if (page.finalUrl().path().equals("/slow")) {
                        waiting.countDown();
                        Thread.sleep(30_000);
                    }
                })
                .build();
        Thread running = Thread.ofVirtual().start(crawler::run);

        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        crawler.stop();
        running.join(10_000);
        crawler.close();

        assertThat(running.isAlive()).isFalse();
        assertThat(records).extracting(r -> r.url().path()).containsExactly("/");
    }

    @Test
    void aHandlerCanStopTheCrawlAndItsPageIsStillRecorded() throws Exception {
        Site site = web.site(7);
        site.hub(50);

        CrawlResult result =
                run(crawler(site).politeness(p -> p.perHost(1)).workers(1).handler(page -> {
                    if (page.finalUrl().path().equals("/p2")) {
                        page.emit("last");
                        page.stopCrawl();
                    }
                }));

        assertThat(result.stopped()).isTrue();
        assertThat(site.paths()).hasSizeLessThan(10).contains("/p2");
        assertThat(records).last().satisfies(r -> {
            assertThat(r.finalUrl().path()).isEqualTo("/p2");
            assertThat(r.items()).containsExactly("\"last\"");
        });
    }

    @Test
    void theHandlerIsNotCalledForErrorsRedirectsOrWhatIsNotHtml() throws Exception {
        Site site = web.site(8);
        site.linking("/", "/gone", "/data", "/moved")
                .redirect("/moved", 302, "/")
                .route("/data", ex -> TestWeb.send(ex, 200, "application/json", "{}".getBytes()));
        List<String> handled = new CopyOnWriteArrayList<>();

        run(crawler(site).handler(page -> handled.add(page.finalUrl().path())));

        assertThat(site.paths()).contains("/gone", "/data", "/moved");
        assertThat(handled).containsExactly("/");
    }

    @Test
    void pagesAreHandledConcurrentlyOnTheWorkers() throws Exception {
        Site site = web.site(9);
        site.hub(2);
        CyclicBarrier both = new CyclicBarrier(2);
        List<String> met = new CopyOnWriteArrayList<>();

        // Each of /p0 and /p1 waits for the other inside the handler: only concurrent handlers meet.
        run(crawler(site).politeness(p -> p.perHost(2)).handler(page -> {
            if (page.finalUrl().path().startsWith("/p")) {
                try {
                    both.await(10, TimeUnit.SECONDS);
                    met.add(page.finalUrl().path());
                } catch (BrokenBarrierException | TimeoutException e) {
                    met.add("alone");
                }
            }
        }));

        assertThat(met).containsExactlyInAnyOrder("/p0", "/p1");
    }
}
