package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.output.JsonLinesSink;
import dev.trawl.testing.HostileServer;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.url.UrlFilter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl meets every hostile behaviour of {@link HostileServer} at once, beside a well-behaved
 * host: every URL ends with the right recorded outcome, the crawl finishes in bounded time and
 * memory (this module's tests run with -Xmx512m), the good host is crawled completely meanwhile,
 * and the output written is intact.
 */
@Timeout(120)
class HostileWebTest extends CrawlTestSupport {

    private static final long MAX_BYTES = 1 << 20;

    @TempDir
    Path dir;

    private HostileServer bad;
    private HostileServer calendar;

    @BeforeEach
    void startServers() throws Exception {
        bad = new HostileServer(6);
        calendar = new HostileServer(7);
    }

    @AfterEach
    void stopHostileServers() throws Exception {
        bad.close();
        calendar.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void hostileRoutes() throws Exception {
        bad.on("/never", (s, out) -> bad.hang());
        bad.on("/stall-headers", (s, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Ty"));
            out.flush();
            bad.hang();
        });
        bad.on("/trickle", (s, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n"));
            for (int i = 0; i < 1000; i++) {
                out.write('<');
                out.flush();
                Thread.sleep(1000);
            }
        });
        bad.on("/reset", (s, out) -> {
            out.write(
                    ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><body>"));
            out.flush();
            Thread.sleep(100);
            s.setSoLinger(true, 0);
            s.close();
        });
        bad.on("/close", (s, out) -> s.close());
        bad.on("/short", (s, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<p>only this"));
            out.flush();
            s.close();
        });
        bad.on("/endless-chunked", (s, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = ascii("<p>" + "x".repeat(8000) + "</p>");
            while (true) {
                out.write(ascii(Integer.toHexString(chunk.length) + "\r\n"));
                out.write(chunk);
                out.write(ascii("\r\n"));
            }
        });
        bad.on("/ten-gigabytes", (s, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10737418240\r\n\r\n"));
            byte[] block = ascii("<p>" + "y".repeat(65_000) + "</p>");
            while (true) {
                out.write(block);
            }
        });
        byte[] bombMember = gzip(new byte[10 << 20]);
        bad.on("/gzip-bomb", (s, out) -> {
            // 200 gzip members of 10 MB of zeros each: 2 GB from about 2 MB.
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + (long) bombMember.length * 200 + "\r\n\r\n"));
            for (int i = 0; i < 200; i++) {
                out.write(bombMember);
            }
            out.flush();
        });
        bad.on("/unknown-encoding", (s, out) -> {
            out.write(
                    ascii(
                            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: x-mystery\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"));
            out.flush();
        });
        bad.on("/wrong-encoding", (s, out) -> {
            out.write(
                    ascii(
                            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\nConnection: close\r\n\r\n<p>not gzip at all</"));
            out.flush();
        });
        bad.on(
                "/bad-utf8",
                (s, out) -> HostileServer.respond(
                        out,
                        "200 OK",
                        "text/html; charset=utf-8",
                        concat(
                                ascii("<title>caf"),
                                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                                ascii("</title><a href=/after-bad-utf8>a</a>"))));
        bad.page("/after-bad-utf8", "<title>reached</title>");
        bad.on(
                "/wrong-charset",
                (s, out) -> HostileServer.respond(
                        out, "200 OK", "text/html; charset=no-such-charset", ascii("<title>fallback</title>")));
        bad.on("/binary-html", (s, out) -> {
            byte[] noise = new byte[200_000];
            new Random(7).nextBytes(noise);
            HostileServer.respond(out, "200 OK", "text/html", noise);
        });
        bad.on("/million-links", (s, out) -> {
            out.write(
                    ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + 50_000_000 + "\r\n\r\n"));
            long written = 0;
            for (int i = 0; written < 50_000_000; i++) {
                byte[] link = ascii("<a href=http://elsewhere" + (i % 5000) + ".test/" + i + ">l</a>\n");
                out.write(link);
                written += link.length;
            }
        });
        bad.page("/long-link", "<a href=/" + "a".repeat(100_000) + ">long</a><a href=/after-long>ok</a>");
        bad.page("/after-long", "<title>after</title>");
        bad.page("/deep", "<div>".repeat(100_000) + "<a href=/after-deep>deep</a>");
        bad.page("/after-deep", "<title>deep</title>");
        redirect(bad, "/loop-a", "/loop-b");
        redirect(bad, "/loop-b", "/loop-a");
        for (int i = 0; i < 50; i++) {
            redirect(bad, "/chain-" + i, "/chain-" + (i + 1));
        }
        redirect(bad, "/to-file", "file:///etc/passwd");
        redirect(bad, "/to-ftp", "ftp://127.0.0.1/x");
        redirect(bad, "/to-javascript", "javascript:alert(1)");
        bad.on("/no-content", (s, out) -> {
            out.write(ascii("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"));
            out.flush();
        });
        bad.on("/not-modified", (s, out) -> {
            out.write(ascii("HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            out.flush();
        });
        bad.on("/early-hints", (s, out) -> {
            out.write(ascii("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"));
            HostileServer.respond(out, "200 OK", "text/html", ascii("<title>after hints</title>"));
        });
        bad.on("/bad-status", (s, out) -> {
            out.write(ascii("HTTP/1.1 two-hundred OK\r\nContent-Length: 2\r\n\r\nhi"));
            out.flush();
        });
        bad.on("/bad-header", (s, out) -> {
            out.write(ascii(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nthis is no header\r\nContent-Length: 2\r\n\r\nhi"));
            out.flush();
        });
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            hosts.append("<a href=http://host").append(i).append(".example/>h</a>");
        }
        bad.page("/many-hosts", hosts.toString());
        // An endless URL space: every month links to the next, with a new session id each time.
        Random sessions = new Random(3);
        calendar.on("/cal", (s, out) -> {
            String query = HostileServer.requestPath().replaceAll(".*month=(\\d+).*", "$1");
            int month = Integer.parseInt(query);
            HostileServer.respond(
                    out,
                    "200 OK",
                    "text/html",
                    ascii("<a href=/cal?month=" + (month + 1) + "&sid="
                            + Math.abs(sessions.nextLong()) + ">next</a><a href=/cal?month=" + (month + 12) + "&sid="
                            + Math.abs(sessions.nextLong()) + ">next year</a>"));
        });
    }

    private static void redirect(HostileServer server, String from, String to) {
        server.on(from, (s, out) -> {
            out.write(ascii(
                    "HTTP/1.1 302 Found\r\nLocation: " + to + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            out.flush();
        });
    }

    @Test
    void everyHostileBehaviourEndsWithItsOutcomeAndTheCrawlFinishes() throws Exception {
        hostileRoutes();
        List<String> behaviours = List.of(
                "/never",
                "/stall-headers",
                "/trickle",
                "/reset",
                "/close",
                "/short",
                "/endless-chunked",
                "/ten-gigabytes",
                "/gzip-bomb",
                "/unknown-encoding",
                "/wrong-encoding",
                "/bad-utf8",
                "/wrong-charset",
                "/binary-html",
                "/million-links",
                "/long-link",
                "/deep",
                "/loop-a",
                "/chain-0",
                "/to-file",
                "/to-ftp",
                "/to-javascript",
                "/no-content",
                "/not-modified",
                "/early-hints",
                "/bad-status",
                "/bad-header",
                "/many-hosts");
        StringBuilder index = new StringBuilder();
        behaviours.forEach(
                b -> index.append("<a href=").append(b).append(">").append(b).append("</a>\n"));
        index.append("<a href=").append(calendar.url("/cal?month=1")).append(">calendar</a>");
        bad.page("/", index.toString());
        Site good = web.site(8);
        good.hub(30);
        Path jsonl = dir.resolve("crawl.jsonl");

        long start = System.nanoTime();
        CrawlResult result;
        try (JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(jsonl))) {
            result = run(Crawler.builder()
                    .seeds(bad.url("/"), good.url("/"))
                    .filter(UrlFilter.builder()
                            .allowDomains(List.of(bad.authority(), good.authority(), calendar.authority()))
                            .build())
                    .robots(false)
                    .retries(0)
                    .politeness(p -> p.delay(Duration.ZERO))
                    .workers(16)
                    .politeness(p -> p.perHost(8).maxPagesPerHost(40))
                    .throttle(t -> t.withTimes(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(100)))
                    .fetchOptions(FetchOptions.builder()
                            .timeout(Duration.ofSeconds(2))
                            .maxBytes(MAX_BYTES)
                            .build())
                    .listener(sink));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(60));
        Map<String, PageRecord> pages = byUrl();
        Map<String, String> expected = Map.ofEntries(
                Map.entry("/never", "timeout"),
                Map.entry("/stall-headers", "timeout"),
                Map.entry("/trickle", "timeout"),
                Map.entry("/reset", "io"),
                Map.entry("/close", "io"),
                Map.entry("/short", "io"),
                Map.entry("/endless-chunked", "too_large"),
                Map.entry("/ten-gigabytes", "too_large"),
                Map.entry("/gzip-bomb", "too_large"),
                Map.entry("/unknown-encoding", "bad_encoding"),
                Map.entry("/wrong-encoding", "bad_encoding"),
                Map.entry("/million-links", "too_large"),
                Map.entry("/loop-a", "bad_redirect"),
                Map.entry("/chain-0", "bad_redirect"),
                Map.entry("/to-file", "bad_redirect"),
                Map.entry("/to-ftp", "bad_redirect"),
                Map.entry("/to-javascript", "bad_redirect"),
                Map.entry("/not-modified", "http_status"),
                Map.entry("/bad-status", "io"));
        expected.forEach((path, error) -> assertThat(pages.get(bad.url(path)))
                .as(path)
                .isNotNull()
                .extracting(PageRecord::error)
                .isEqualTo(FetchError.ofCode(error)));
        for (String tooLarge : List.of("/endless-chunked", "/ten-gigabytes", "/gzip-bomb", "/million-links")) {
            assertThat(pages.get(bad.url(tooLarge)).bytes()).as(tooLarge).isEqualTo(MAX_BYTES);
        }
        assertThat(pages.get(bad.url("/chain-0")).detail()).contains("more than 10 redirects");
        assertThat(pages.get(bad.url("/loop-a")).detail()).contains("loop");
        for (String parsed :
                List.of("/bad-utf8", "/wrong-charset", "/binary-html", "/deep", "/long-link", "/many-hosts")) {
            assertThat(pages.get(bad.url(parsed)).status()).as(parsed).isEqualTo(200);
        }
        assertThat(pages.get(bad.url("/bad-utf8")).title()).startsWith("caf");
        assertThat(pages.get(bad.url("/wrong-charset")).title()).isEqualTo("fallback");
        assertThat(bad.paths())
                .contains("/after-bad-utf8", "/after-long", "/after-deep")
                .noneMatch(p -> p.length() > 5000)
                .doesNotContain("/chain-11");
        assertThat(pages.get(bad.url("/no-content")))
                .extracting(PageRecord::status, PageRecord::links)
                .containsExactly(204, 0);
        assertThat(pages.get(bad.url("/early-hints")).status()).isIn(200, 0);
        assertThat(pages.get(bad.url("/bad-header")).error()).isIn(FetchError.IO, null);
        assertThat(calendar.paths().size()).isLessThanOrEqualTo(40);
        assertThat(result.skipped().get(Skip.SCOPE)).isGreaterThanOrEqualTo(5000L);
        assertThat(result.skipped()).containsKey(Skip.TRAP);
        for (int i = 0; i < 30; i++) {
            assertThat(pages.get(good.url("/p" + i)).ok()).isTrue();
        }
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(records.size());
        ObjectMapper json = new ObjectMapper();
        List<String> urls = new ArrayList<>();
        for (String line : lines) {
            urls.add(json.readTree(line).get("url").asText());
        }
        assertThat(urls).doesNotHaveDuplicates();
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(packed)) {
            gz.write(data);
        }
        return packed.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}
