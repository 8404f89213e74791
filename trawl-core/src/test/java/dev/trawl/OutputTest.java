package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.output.CsvSink;
import dev.trawl.output.JsonLinesSink;
import dev.trawl.output.LinkGraphSink;
import dev.trawl.output.WarcSink;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.Warcinfo;

/** Every sink on a real crawl of a loopback site, read back as another program would. */
@Timeout(60)
class OutputTest extends CrawlTestSupport {

    @TempDir
    Path dir;

    private static final byte[] GZIPPED_PAGE = gzip("<title>packed</title><a href=/missing>m</a>");

    private Site site() throws IOException {
        Site a = web.site(2);
        a.page(
                "/",
                "<title>Home, \"sweet\" home</title><a href=/a>A page</a> <a rel=nofollow href=/b>B</a>"
                        + " <a href=/old>old</a> <a href=/packed>p</a>");
        a.linking("/a", "/", "/missing");
        a.linking("/b");
        a.redirect("/old", 301, "/a");
        a.route("/packed", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestWeb.send(ex, 200, "text/html", GZIPPED_PAGE);
        });
        return a;
    }

    private Crawler.Builder crawler(Site a) {
        return Crawler.builder()
                .seeds(a.url("/"))
                .politeness(p -> p.delay(Duration.ZERO))
                .workers(4)
                .fetchOptions(FetchOptions.builder().keepExchanges(true).build());
    }

    @Test
    void jsonLinesAndCsvHoldTheSameRecords() throws Exception {
        Site a = site();
        Path json = dir.resolve("crawl.jsonl");
        Path csv = dir.resolve("crawl.csv");
        try (JsonLinesSink j = new JsonLinesSink(Files.newOutputStream(json));
                CsvSink c = new CsvSink(Files.newOutputStream(csv))) {
            run(crawler(a).listener(j).listener(c));
        }

        List<JsonNode> jsonRecords = new ArrayList<>();
        for (String line : Files.readAllLines(json)) {
            jsonRecords.add(new ObjectMapper().readTree(line));
        }
        List<List<String>> rows = parseCsv(Files.readString(csv));
        List<String> header = rows.get(0);
        assertThat(header)
                .containsExactlyElementsOf(
                        jsonRecords.get(0).propertyStream().map(e -> e.getKey()).toList());
        assertThat(rows).hasSize(jsonRecords.size() + 1).hasSize(records.size() + 1);
        for (int i = 0; i < jsonRecords.size(); i++) {
            JsonNode j = jsonRecords.get(i);
            List<String> row = rows.get(i + 1);
            for (int col = 0; col < header.size(); col++) {
                JsonNode v = j.get(header.get(col));
                String expected = v.isNull()
                        ? ""
                        : v.isArray()
                                ? String.join(
                                        " ",
                                        v.valueStream().map(JsonNode::asText).toList())
                                : v.asText();
                assertThat(row.get(col))
                        .as("%s of %s", header.get(col), j.get("url"))
                        .isEqualTo(expected);
            }
        }
        assertThat(rows.stream().map(r -> r.get(header.indexOf("title")))).contains("Home, \"sweet\" home");
    }

    @Test
    void theLinkGraphHasOneEdgePerLinkWithItsTextAndNofollow() throws Exception {
        Site a = site();
        Path links = dir.resolve("links.csv");
        try (LinkGraphSink sink = new LinkGraphSink(Files.newOutputStream(links))) {
            run(crawler(a).listener(sink));
        }

        List<List<String>> rows = parseCsv(Files.readString(links));
        assertThat(rows.get(0)).containsExactly("from", "to", "text", "nofollow");
        assertThat(rows.subList(1, rows.size()))
                .contains(
                        List.of(a.url("/"), a.url("/a"), "A page", "false"),
                        List.of(a.url("/"), a.url("/b"), "B", "true"),
                        List.of(a.url("/a"), a.url("/missing"), "/missing", "false"),
                        List.of(a.url("/packed"), a.url("/missing"), "m", "false"));
        long edges = records.stream()
                .filter(r -> !r.sitemap())
                .mapToLong(PageRecord::links)
                .sum();
        assertThat(rows).hasSize((int) edges + 1);
    }

    @Test
    void theWarcHoldsEveryExchangeAsReceivedWithRightDigests() throws Exception {
        Site a = site();
        Path warc = dir.resolve("crawl.warc.gz");
        try (WarcSink sink = new WarcSink(warc, 1L << 30, "trawl/test")) {
            run(crawler(a).listener(sink));
        }

        List<WarcRecord> all = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord r : reader) {
                all.add(r);
                if (r instanceof WarcResponse res) {
                    responses.add(res.target());
                    byte[] payload = payloadOf(res);
                    String expected = "sha1:" + java.util.Base64.getEncoder().encodeToString(sha1(payload));
                    String recorded = res.payloadDigest().orElseThrow().toString();
                    assertThat(new org.netpreserve.jwarc.WarcDigest(recorded))
                            .isEqualTo(new org.netpreserve.jwarc.WarcDigest("sha1", sha1(payload)))
                            .as("digest of %s, %s", res.target(), expected);
                    if (res.target().endsWith("/packed")) {
                        assertThat(payload).isEqualTo(GZIPPED_PAGE);
                    }
                } else if (r instanceof WarcRequest req) {
                    assertThat(req.concurrentTo()).isNotEmpty();
                    assertThat(req.http().headers().first("User-Agent")).isPresent();
                }
            }
        }
        assertThat(all.get(0)).isInstanceOf(Warcinfo.class);
        assertThat(responses)
                .contains(
                        a.url("/robots.txt"),
                        a.url("/"),
                        a.url("/old"),
                        a.url("/a"),
                        a.url("/packed"),
                        a.url("/missing"));
        assertThat(all.stream().filter(r -> r instanceof WarcRequest)).hasSameSizeAs(responses);
        assertThat(responses).hasSize(a.requests().size());
    }

    @Test
    void theWarcRotatesBySize() throws Exception {
        Site a = site();
        Path warc = dir.resolve("crawl.warc");
        try (WarcSink sink = new WarcSink(warc, 1500, "trawl/test")) {
            run(crawler(a).listener(sink));
        }

        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".warc"))
                    .sorted()
                    .toList();
        }
        assertThat(files.size()).isGreaterThan(2);
        assertThat(files).contains(dir.resolve("crawl.warc"), dir.resolve("crawl-00001.warc"));
        int responses = 0;
        for (Path f : files) {
            try (WarcReader reader = new WarcReader(f)) {
                List<WarcRecord> recs = new ArrayList<>();
                reader.forEach(recs::add);
                assertThat(recs.get(0)).as(f.toString()).isInstanceOf(Warcinfo.class);
                responses += (int)
                        recs.stream().filter(r -> r instanceof WarcResponse).count();
            }
        }
        assertThat(responses).isEqualTo(a.requests().size());
    }

    @Test
    void aSinkThatCannotWriteStopsTheCrawlWithItsError() throws Exception {
        Site a = site();
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");

        try (JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(full))) {
            assertThatThrownBy(() -> run(crawler(a).listener(sink)))
                    .isInstanceOf(CrawlException.class)
                    .hasMessageContaining("No space left on device");
        } catch (IOException closing) {
            assertThat(closing).hasMessageContaining("No space left on device");
        }
    }

    private static byte[] payloadOf(WarcResponse res) throws IOException {
        try (InputStream in = Channels.newInputStream(res.http().body())) {
            return in.readAllBytes();
        }
    }

    private static byte[] sha1(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(b);
    }

    private static byte[] gzip(String s) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(s.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4180, as a spreadsheet reads it. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
