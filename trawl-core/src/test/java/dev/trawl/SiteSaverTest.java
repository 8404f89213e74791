package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.output.SiteSaver;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.url.UrlFilter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link SiteSaver} on whole crawls: what is on disk is what was served, and only inside the directory. */
@Timeout(60)
class SiteSaverTest extends CrawlTestSupport {

    @TempDir
    Path tmp;

    private Crawler.Builder crawler(Site seed, SiteSaver saver) {
        return Crawler.builder()
                .seeds(seed.url("/"))
                .politeness(p -> p.delay(Duration.ZERO))
                .robots(false)
                .retries(0)
                .handler(saver)
                .fetchOptions(
                        FetchOptions.builder().timeout(Duration.ofSeconds(5)).build());
    }

    private static byte[] gzip(byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        }
        return out.toByteArray();
    }

    @Test
    void eachPageIsSavedAsServedAndANewerFetchReplacesIt() throws Exception {
        Site s = web.site(2);
        // Latin-1 bytes that are not UTF-8: saved as they came, not re-encoded.
        byte[] latin =
                "<a href=docs/>docs</a><a href='list?page=2'>2</a> caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        s.route("/", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestWeb.send(ex, 200, "text/html; charset=iso-8859-1", gzip(latin));
        });
        s.page("/docs/", "<p>the docs, version 1</p>").page("/list?page=2", "<p>page two</p>");
        Path dir = tmp.resolve("site");
        SiteSaver saver = new SiteSaver(dir);

        run(crawler(s, saver));

        Path host = dir.resolve(s.authority());
        assertThat(Files.readAllBytes(host.resolve("index.html"))).isEqualTo(latin);
        assertThat(host.resolve("docs/index.html")).hasContent("<p>the docs, version 1</p>");
        assertThat(host.resolve("list@page=2")).hasContent("<p>page two</p>");
        assertThat(saver.saved()).isEqualTo(3);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> p.getFileName().toString()))
                    .as("no temporary file is left")
                    .containsExactlyInAnyOrder("index.html", "index.html", "list@page=2");
        }

        s.page("/docs/", "<p>the docs, version 2</p>");
        run(crawler(s, new SiteSaver(dir)));

        assertThat(host.resolve("docs/index.html")).hasContent("<p>the docs, version 2</p>");
    }

    @Test
    void hostileUrlsAndLinksOutOfTheDirectoryWriteNothingOutsideIt() throws Exception {
        Site s = web.site(3);
        s.linking(
                "/",
                "/..%2F..%2Fescaped.html",
                "/%2e%2e/%2e%2e/escaped2.html",
                "/a%00b.html",
                "/.//etc/passwd",
                "/a\\..\\..\\escaped3.html",
                "/linked/x.html",
                "/linked/deeper/y.html");
        // The paths as requested, once the URL parser has resolved the dot segments and backslashes.
        for (String served : List.of(
                "/..%2F..%2Fescaped.html",
                "/escaped2.html",
                // The JDK's server reads a request for //etc/passwd as authority etc, path /passwd.
                "/a%00b.html",
                "/passwd",
                "/escaped3.html",
                "/linked/x.html",
                "/linked/deeper/y.html")) {
            s.route(served, ex -> TestWeb.send(ex, 200, "text/html", "<p>x</p>".getBytes()));
        }
        Path dir = tmp.resolve("site");
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.createDirectories(dir.resolve(s.authority()));
        // A symbolic link inside the directory that leads out of it.
        Files.createSymbolicLink(dir.resolve(s.authority()).resolve("linked"), outside);
        SiteSaver saver = new SiteSaver(dir);

        run(crawler(s, saver));

        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(Files::isRegularFile))
                    .allSatisfy(p -> assertThat(p).startsWith(dir));
        }
        assertThat(outside).as("no file, no directory made through the link").isEmptyDirectory();
        assertThat(saver.notSaved()).anySatisfy(r -> assertThat(r).contains("/linked/x.html: a symbolic link"));
        assertThat(s.paths()).contains("/..%2F..%2Fescaped.html", "/a%00b.html", "/passwd");
        assertThat(saver.saved()).isEqualTo(6);
        Path host = dir.resolve(s.authority());
        for (String saved :
                List.of("..%2F..%2Fescaped.html", "escaped2.html", "a%00b.html", "%/etc/passwd", "escaped3.html")) {
            assertThat(host.resolve(saved)).as("saved inside the directory").isRegularFile();
        }
    }

    @Test
    void aFileWhereADirectoryIsNeededIsNotReplacedAndTheCrawlGoesOn() throws Exception {
        Site s = web.site(4);
        s.linking("/", "/a", "/b").linking("/a", "/a/inner").linking("/a/inner").linking("/b");
        SiteSaver saver = new SiteSaver(tmp.resolve("site"));

        run(crawler(s, saver).politeness(p -> p.delay(Duration.ZERO).perHost(1)).workers(1));

        Path host = tmp.resolve("site").resolve(s.authority());
        assertThat(host.resolve("a")).isRegularFile();
        assertThat(host.resolve("b")).isRegularFile();
        assertThat(saver.notSaved())
                .singleElement()
                .asString()
                .contains("/a/inner: a file has the name of a directory");
        assertThat(records).hasSize(4).allSatisfy(r -> assertThat(r.error()).isNull());
    }

    @Test
    void withAllTypesReadOtherBodiesAreSavedButNotParsed() throws Exception {
        Site s = web.site(5);
        byte[] pdf = {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', (byte) 0xE2, (byte) 0xE3, 0, 1, 2};
        s.linking("/", "/manual.pdf").route("/manual.pdf", ex -> TestWeb.send(ex, 200, "application/pdf", pdf));
        SiteSaver saver = new SiteSaver(tmp.resolve("site"));

        run(crawler(s, saver)
                .filter(UrlFilter.builder()
                        .allowFileTypes(List.of("pdf", "none"))
                        .build())
                .fetchOptions(FetchOptions.builder().readAllTypes(true).build()));

        assertThat(Files.readAllBytes(tmp.resolve("site").resolve(s.authority()).resolve("manual.pdf")))
                .isEqualTo(pdf);
        assertThat(byUrl().get(s.url("/manual.pdf")).error()).isEqualTo(FetchError.NOT_HTML);
        assertThat(byUrl().get(s.url("/manual.pdf")).bytes()).isEqualTo(pdf.length);
    }
}
