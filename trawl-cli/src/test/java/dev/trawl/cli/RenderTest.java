package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.render.Browsers;
import dev.trawl.testing.TestWeb;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --render} as a user runs it: its files, its errors, and no browser left behind. */
class RenderTest extends CliTestSupport {

    private static final String NEVER_SETTLES = "<html><body><a href=/static>static</a>"
            + "<script>setInterval(() => fetch('/tick?' + Date.now()), 100)</script></body></html>";

    /** A site whose page keeps fetching: it never settles. */
    private TestWeb.Site neverSettling(int lastOctet) throws Exception {
        TestWeb.Site site = web.site(lastOctet).page("/", NEVER_SETTLES).linking("/static");
        return site.route("/tick", ex -> TestWeb.send(ex, 200, "text/plain", "t".getBytes()));
    }

    /** Whether the site's page is in the browser: its script has fetched. */
    private static boolean rendering(TestWeb.Site site) {
        return site.paths().stream().anyMatch(s -> s.startsWith("/tick"));
    }

    private Process child(String... args) throws Exception {
        return new ProcessBuilder(childTrawl(args))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    @Test
    void withoutTheBrowserTheCrawlFailsInOneLineBeforeAnyFetch() throws Exception {
        TestWeb.Site site = web.site(51).linking("/");

        int code = trawl("--render", "--chromium", dir.resolve("no-chromium").toString(), site.url("/"));

        assertThat(code).isEqualTo(1);
        assertThat(stderr().strip())
                .isEqualTo("trawl: --render: rendering needs Chromium, and " + dir.resolve("no-chromium")
                        + " is not an executable file");
        assertThat(site.paths()).isEmpty();
    }

    @Test
    void aRenderedPageIsSavedAndExtractedAsItsDom() throws Exception {
        Browsers.assumeInstalled();
        TestWeb.Site site = web.site(52)
                .page(
                        "/",
                        "<html><body><h1 id=price>?</h1><script>"
                                + "document.getElementById('price').textContent = '12.50'</script></body></html>");

        int code = trawl(
                "-q",
                "--render",
                "--extract",
                "price=#price",
                "--save",
                dir.resolve("site").toString(),
                "-o",
                dir.resolve("out.jsonl").toString(),
                site.url("/"));

        assertThat(code).isZero();
        JsonNode record = new ObjectMapper().readTree(Files.readString(dir.resolve("out.jsonl")));
        assertThat(record.get("rendered").asBoolean()).isTrue();
        assertThat(record.get("render_ms").asLong()).isPositive();
        assertThat(record.get("extracted").get("price").asText()).isEqualTo("12.50");
        String saved =
                Files.readString(dir.resolve("site").resolve(site.authority()).resolve("index.html"));
        assertThat(saved)
                .startsWith("<!-- saved by trawl as rendered in a browser, not as served -->\n")
                .contains("<h1 id=\"price\">12.50</h1>");
    }

    @Test
    void ctrlCWhileAPageRendersLeavesNoBrowser() throws Exception {
        Browsers.assumeInstalled();
        long before = Browsers.running();
        TestWeb.Site site = neverSettling(53);
        Process p = child("--render", "--render-timeout", "60s", site.url("/"));

        pressCtrlCWhen(p, () -> rendering(site), 20);

        assertThat(p.exitValue()).isEqualTo(Main.EXIT_INTERRUPTED);
        assertThat(Browsers.awaitAtMost(before)).as("browsers left").isLessThanOrEqualTo(before);
    }

    @Test
    void aCrashOfTrawlLeavesNoBrowser() throws Exception {
        Browsers.assumeInstalled();
        long before = Browsers.running();
        TestWeb.Site site = neverSettling(54);

        crashWhen(() -> rendering(site), "--render", "--render-timeout", "60s", site.url("/"));

        assertThat(Browsers.awaitAtMost(before)).as("browsers left").isLessThanOrEqualTo(before);
    }

    @Test
    void theTimeLimitEndsARenderAndTheBrowserAtOnce() throws Exception {
        Browsers.assumeInstalled();
        long before = Browsers.running();
        TestWeb.Site site = neverSettling(55);
        Process p = child("--render", "--render-timeout", "60s", "--max-time", "3s", site.url("/"));
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS))
                    .as("ended well before the render timeout")
                    .isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isZero();
        List<String> err = Files.readAllLines(dir.resolve("stderr.txt"));
        assertThat(err).anyMatch(l -> l.startsWith("Time limit reached"));
        assertThat(Browsers.awaitAtMost(before)).as("browsers left").isLessThanOrEqualTo(before);
    }
}
