package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchOptions;
import dev.trawl.output.WarcSink;
import dev.trawl.testing.LocalNginx;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * HTTP/2 at the far end: a real nginx offering it over TLS, its access log saying which
 * protocol each request came in, on which connection, and when.
 */
@Timeout(120)
class Http2Test extends CrawlTestSupport {

    private static final int PAGES = 12;

    @TempDir
    static Path dir;

    private static Path site;

    @BeforeAll
    static void writeSite() throws Exception {
        site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("robots.txt"), "User-agent: *\nAllow: /\n");
        String links = IntStream.range(0, PAGES)
                .mapToObj(i -> "<a href=\"p" + i + ".html\">" + i + "</a>")
                .collect(Collectors.joining("\n"));
        Files.writeString(site.resolve("index.html"), "<html><title>home</title><body>" + links + "</body></html>");
        for (int i = 0; i < PAGES; i++) {
            // About 4 KB each, so that a rate limit makes each answer last a while.
            Files.writeString(site.resolve("p" + i + ".html"), "<p>" + "x".repeat(4000) + "</p>");
        }
    }

    private CrawlResult crawl(LocalNginx nginx, int perHost, FetchOptions.Builder fetch) throws Exception {
        return run(builder(nginx, perHost, fetch));
    }

    private static Crawler.Builder builder(LocalNginx nginx, int perHost, FetchOptions.Builder fetch) throws Exception {
        return Crawler.builder()
                .seeds(nginx.url("/"))
                .politeness(p -> p.delay(Duration.ZERO).perHost(perHost))
                .fetchOptions(fetch.trust(nginx.certificates()).build());
    }

    @Test
    void anHttpsServerOfferingHttp2IsAskedInHttp2AndTheRecordsSaySo() throws Exception {
        try (LocalNginx nginx = LocalNginx.serve(dir, "127.0.0.11", site, true, "")) {
            CrawlResult result = crawl(nginx, 2, FetchOptions.builder());

            assertThat(result.ok()).isEqualTo(PAGES + 1);
            assertThat(records).allSatisfy(r -> assertThat(r.httpVersion()).isEqualTo("HTTP/2"));
            assertThat(nginx.log())
                    .hasSize(PAGES + 2)
                    .allSatisfy(l -> assertThat(l.protocol()).isEqualTo("HTTP/2.0"));
        }
    }

    @Test
    void aWarcOfAnHttp2CrawlReadsBackWithEveryAnswerAndBody() throws Exception {
        Path warc = dir.resolve("h2.warc.gz");
        try (LocalNginx nginx = LocalNginx.serve(dir, "127.0.0.15", site, true, "");
                WarcSink sink = new WarcSink(warc, 1L << 30, "trawl/test")) {
            run(builder(nginx, 2, FetchOptions.builder().keepExchanges(true)).listener(sink));
        }

        Map<String, byte[]> bodies = new HashMap<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord r : reader) {
                if (r instanceof WarcResponse res) {
                    assertThat(res.http().status()).isEqualTo(200);
                    assertThat(res.http().version().toString()).isEqualTo("HTTP/2.0");
                    try (InputStream in = Channels.newInputStream(res.http().body())) {
                        bodies.put(URI.create(res.target()).getPath(), in.readAllBytes());
                    }
                }
            }
        }
        assertThat(bodies).hasSize(PAGES + 2);
        assertThat(bodies.get("/p3.html")).isEqualTo(Files.readAllBytes(site.resolve("p3.html")));
    }

    @Test
    void http11IsSpokenWhenAskedForAndToPlainHttpSites() throws Exception {
        try (LocalNginx tls = LocalNginx.serve(dir, "127.0.0.12", site, true, "");
                LocalNginx plain = LocalNginx.serve(dir, "127.0.0.13", site, false, "")) {
            crawl(tls, 2, FetchOptions.builder().http2(false));
            crawl(plain, 2, FetchOptions.builder());

            assertThat(records)
                    .hasSize(2 * (PAGES + 1))
                    .allSatisfy(r -> assertThat(r.httpVersion()).isEqualTo("HTTP/1.1"));
            assertThat(tls.log())
                    .hasSize(PAGES + 2)
                    .allSatisfy(l -> assertThat(l.protocol()).isEqualTo("HTTP/1.1"));
            assertThat(plain.log())
                    .hasSize(PAGES + 2)
                    .allSatisfy(l -> assertThat(l.protocol()).isEqualTo("HTTP/1.1"));
        }
    }

    @Test
    void thePerHostLimitCountsHttp2RequestsAsItCountsConnections() throws Exception {
        // nginx sends a second's worth at once, then waits: 4 KB at 2 KB/s take about a second.
        try (LocalNginx nginx = LocalNginx.serve(dir, "127.0.0.14", site, true, "limit_rate 2k;")) {
            CrawlResult result = crawl(nginx, 3, FetchOptions.builder());

            assertThat(result.ok()).isEqualTo(PAGES + 1);
            List<LocalNginx.Logged> log = nginx.log();
            assertThat(log).as(nginx.errors()).hasSize(PAGES + 2);
            assertThat(log).allSatisfy(l -> assertThat(l.protocol()).isEqualTo("HTTP/2.0"));
            assertThat(log.stream().map(LocalNginx.Logged::connection).distinct())
                    .as("HTTP/2 carries the requests on few connections")
                    .hasSizeLessThanOrEqualTo(3);
            assertThat(mostAtOnce(log))
                    .as("requests at once, as nginx saw them")
                    .isEqualTo(3);
        }
    }

    /** The most requests in progress at one moment, each from its start (end less its time) to its end. */
    private static int mostAtOnce(List<LocalNginx.Logged> log) {
        List<double[]> events = new ArrayList<>();
        for (LocalNginx.Logged l : log) {
            events.add(new double[] {l.endSeconds() - l.seconds(), 1});
            // An answer done and the next request begun in the same millisecond do not overlap.
            events.add(new double[] {l.endSeconds(), -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (double[] e : events) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }
}
