package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchError;
import dev.trawl.output.HtmlReport;
import dev.trawl.output.JsonLinesSink;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.url.WebUrl;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real crawl: its numbers, its broken links, and how a browser shows it. */
@Timeout(120)
class ReportTest extends CrawlTestSupport {

    @TempDir
    Path dir;

    private Site site() throws IOException {
        Site a = web.site(2);
        a.linking("/", "/a", "/b", "/old", "/gone");
        a.linking("/a", "/gone", "/b");
        a.linking("/b");
        a.redirect("/old", 301, "/a");
        a.route("/gone", ex -> dev.trawl.testing.TestWeb.send(ex, 410, "text/html", new byte[0]));
        return a;
    }

    private Document crawlAndReport(Site a, Path html) throws Exception {
        HtmlReport report = new HtmlReport(html);
        CrawlResult result = run(Crawler.builder()
                .seeds(a.url("/"))
                .politeness(p -> p.delay(Duration.ZERO))
                .listener(report));
        report.skipped(result.skipped());
        report.close();
        return Jsoup.parse(html.toFile(), "UTF-8");
    }

    @Test
    void showsTotalsBrokenLinksWithTheirSourcesAndRedirects() throws Exception {
        Site a = site();
        Document doc = crawlAndReport(a, dir.resolve("report.html"));

        // /, /a, /b, /gone, and /old, a redirect to /a that is crawled on its own.
        assertThat(card(doc, "pages crawled")).isEqualTo("5");
        assertThat(card(doc, "failed")).isEqualTo("1");
        assertThat(card(doc, "broken links")).isEqualTo("1");
        assertThat(card(doc, "redirected")).isEqualTo("1");
        assertThat(doc.select("h2:contains(Redirects) + table").text()).contains(a.url("/old"), a.url("/a"));
        String broken = doc.select("h2:contains(Broken links) + table").text();
        assertThat(broken).contains(a.url("/gone"), "410", a.url("/"), a.url("/a"));
        assertThat(doc.select("svg")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(doc.select("h2:contains(Skipped) + svg").text()).contains("duplicate");
        assertThat(doc.select("script, link[href], img[src]")).isEmpty();
    }

    @Test
    void aRedirectChainEndingOnAnUnchangedPageEndsThere() throws Exception {
        Path html = dir.resolve("recrawl.html");
        HtmlReport report = new HtmlReport(html);
        WebUrl old = WebUrl.parse("http://a.test/old");
        WebUrl page = WebUrl.parse("http://a.test/page");
        report.onPage(PageRecord.builder(old)
                .finalUrl(page)
                .redirects(List.of(old))
                .status(304)
                .error(FetchError.NOT_MODIFIED)
                .detail("not modified since the last pass")
                .build());
        report.close();

        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        assertThat(doc.select("h2:contains(Redirects) + table tr:eq(1) td").eachText())
                .containsExactly(old.href(), "1", page.href());
    }

    @Test
    void isMadeFromAJsonLinesFileToo() throws Exception {
        Site a = site();
        Path jsonl = dir.resolve("crawl.jsonl");
        try (JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(jsonl))) {
            run(Crawler.builder()
                    .seeds(a.url("/"))
                    .politeness(p -> p.delay(Duration.ZERO))
                    .listener(sink));
        }
        Path html = dir.resolve("from-jsonl.html");

        HtmlReport.fromJsonLines(jsonl, html).close();

        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        assertThat(card(doc, "pages crawled")).isEqualTo("5");
        assertThat(doc.select("h2:contains(Broken links) + table").text()).contains(a.url("/gone"), a.url("/"));
    }

    @Test
    void looksRightInABrowser() throws Exception {
        Path chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(
                chromium != null,
                "Chromium is not installed (apt-get install chromium): the report was not rendered in a browser");
        Site a = site();
        Path html = dir.resolve("report.html");
        crawlAndReport(a, html);
        Path png = dir.resolve("report.png");

        String dom = chromium(chromium, "--dump-dom", html.toUri().toString());
        chromium(
                chromium,
                "--screenshot=" + png,
                "--window-size=1200,1400",
                html.toUri().toString());

        Document rendered = Jsoup.parse(dom);
        assertThat(card(rendered, "pages crawled")).isEqualTo("5");
        assertThat(rendered.text()).contains("Broken links", a.url("/gone"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        long inked = 0;
        long colored = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                inked += rgb != 0xFFFFFF ? 1 : 0;
                colored += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60 ? 1 : 0;
            }
        }
        assertThat(inked).as("pixels that are not white").isGreaterThan(5_000);
        assertThat(colored).as("pixels of the charts' colours").isGreaterThan(1_000);
    }

    private String chromium(Path chromium, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String card(Document doc, String label) {
        return doc.select(".card").stream()
                .filter(c -> c.ownText().equals(label))
                .map(c -> c.selectFirst("b").text())
                .findFirst()
                .orElse(null);
    }
}
