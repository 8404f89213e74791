package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: arguments in, exit code, stdout, stderr and files out. */
@Timeout(60)
class MainTest extends CliTestSupport {

    private Site smallSite() throws IOException {
        Site a = web.site(2);
        a.linking("/", "/a", "/b", "/gone", "/pic.jpg").linking("/a", "/b").linking("/b", "/");
        return a;
    }

    @Test
    void printsEachCrawledUrlAndASummary() throws Exception {
        Site a = smallSite();

        int code = trawl("--delay", "0", a.url("/"));

        assertThat(code).isZero();
        assertThat(stdout().lines()).containsExactlyInAnyOrder(a.url("/"), a.url("/a"), a.url("/b"));
        assertThat(stderr()).startsWith("Crawled 4 pages (3 ok, 1 failed), found 4 URLs in");
        assertThat(stderr().lines().toList().get(1)).isEqualTo("Skipped: 2 duplicate, 1 scope");
        assertThat(a.paths()).doesNotContain("/pic.jpg").contains("/robots.txt");
    }

    @Test
    void onOneTerminalTheUrlsAndTheProgressLineDoNotRunTogether() throws Exception {
        Site a = smallSite();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(screen, true, StandardCharsets.UTF_8);

        // A delay long enough for the progress line to be drawn between the pages.
        int code = Main.run(
                new TrawlCommand(terminal, terminal, true, true),
                new String[] {"--delay", "600ms", a.url("/")},
                terminal,
                terminal);

        assertThat(code).isZero();
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("in flight");
        // What a terminal shows of each line: what follows its last carriage return, erasures aside.
        List<String> visible = Arrays.stream(shown.split("\n"))
                .map(l -> l.substring(l.lastIndexOf('\r') + 1).replace("\u001b[K", ""))
                .toList();
        assertThat(visible).contains(a.url("/"), a.url("/a"), a.url("/b"));
        assertThat(visible).noneMatch(l -> l.contains("in flight") && l.contains("http://"));
    }

    @Test
    void writesOneJsonRecordPerUrl() throws Exception {
        Site a = smallSite();
        Path file = dir.resolve("crawl.jsonl");

        int code = trawl("--delay", "0", "-q", "-o", file.toString(), a.url("/"));

        assertThat(code).isZero();
        assertThat(stderr()).isEmpty();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(new ObjectMapper().readTree(line));
        }
        assertThat(records).hasSize(4);
        assertThat(records.get(0).properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly(
                        "url",
                        "final_url",
                        "status",
                        "content_type",
                        "depth",
                        "referrer",
                        "bytes",
                        "elapsed_ms",
                        "fetched_at",
                        "title",
                        "links",
                        "attempts",
                        "error",
                        "detail",
                        "redirects",
                        "canonical",
                        "noindex",
                        "kind",
                        "http_version",
                        "nofollow",
                        "etag",
                        "last_modified",
                        "rendered",
                        "render_ms");
        assertThat(records.get(0).get("http_version").asText()).isEqualTo("HTTP/1.1");
        JsonNode gone = records.stream()
                .filter(r -> r.get("url").asText().endsWith("/gone"))
                .findFirst()
                .orElseThrow();
        assertThat(gone.get("status").asInt()).isEqualTo(404);
        assertThat(gone.get("error").asText()).isEqualTo("http_status");
        assertThat(gone.get("referrer").asText()).isEqualTo(a.url("/"));
    }

    @Test
    void writesJsonToStdoutInsteadOfTheUrlList() throws Exception {
        Site a = smallSite();

        int code = trawl("--delay", "0", "-n", "2", "-o", "-", a.url("/"));

        assertThat(code).isZero();
        assertThat(stdout().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"url\":"));
        assertThat(stderr()).contains("Page limit reached (-n)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--bogus http://127.0.0.1/",
                "",
                "--delay 5x http://127.0.0.1/",
                "--max-bytes lots http://127.0.0.1/",
                "--max-bytes 3g http://127.0.0.1/",
                "-w 0 http://127.0.0.1/",
                "-n -3 http://127.0.0.1/",
                "--allow-scheme ftp http://127.0.0.1/",
                "-d http://example.com http://127.0.0.1/",
                "http://exa%20mple.com/",
                "ftp://example.com/",
                "mailto:someone@example.com",
                "--host-key ip http://127.0.0.1/",
                "--retries -1 http://127.0.0.1/",
                "--max-crawl-delay forever http://127.0.0.1/",
                "--max-time 0 http://127.0.0.1/",
                "--restart http://127.0.0.1/",
                "--recrawl http://127.0.0.1/",
                "--state s.db --restart --recrawl http://127.0.0.1/",
                "--auth nocolon http://127.0.0.1/",
                "--resolve a.test:80 http://a.test/",
                "--resolve a.test:80:1.2.3 http://a.test/",
                "--resolve a.test:80:300.1.1.1 http://a.test/",
                "--deny-private --resolve a.test:80:127.0.0.1 http://a.test/",
                "--auth a:b -H Authorization:x http://127.0.0.1/",
                "-H NoColon http://127.0.0.1/",
                "--proxy ftp://127.0.0.1:21 http://127.0.0.1/",
                "--proxy http:// http://127.0.0.1/",
                "--proxy socks5://127.0.0.1 --resolve a.test:80:1.2.3.4 http://a.test/",
                "--no-cookies --cookies cookies.txt http://127.0.0.1/",
                "--no-cookies --cookie-jar jar.txt http://127.0.0.1/",
                "--cookies /nonexistent/cookies.txt http://127.0.0.1/",
            })
    void aUsageMistakeGivesOneLineAndExitTwo(String args) {
        int code = trawl(args.isEmpty() ? new String[0] : args.split(" "));

        assertThat(code).isEqualTo(2);
        assertThat(stderr().lines()).hasSize(1).allMatch(l -> l.startsWith("trawl: "));
        assertThat(stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void headersGivenReachTheServerAndBadOnesAreUsageErrors() throws Exception {
        Site a = web.site(3);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.route("/", ex -> {
            seen.add(ex.getRequestHeaders().getFirst("X-Token") + " "
                    + ex.getRequestHeaders().getFirst("Accept"));
            TestWeb.send(ex, 200, "text/html", "<p>hi</p>".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(trawl("-q", "--no-robots", "-H", "X-Token: abc:def", "--header", "Accept:text/html", a.url("/")))
                .isZero();
        assertThat(seen).containsExactly("abc:def text/html");

        for (String bad : List.of("NoColon", "Host: example.com", "X-A: b\r\nX-B: c", ": empty", "Bad Name: x")) {
            assertThat(trawl("-H", bad, a.url("/"))).as(bad).isEqualTo(2);
            assertThat(stderr().lines()).as(bad).singleElement().asString().startsWith("trawl: -H");
        }
        assertThat(seen).hasSize(1);
    }

    @Test
    void anUnreachableStartUrlIsAFatalErrorInOneLine() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }

        int code = trawl("-q", "http://127.0.0.1:" + port + "/");

        assertThat(code).isEqualTo(1);
        assertThat(stderr().lines())
                .containsExactly("trawl: no start URL could be crawled: http://127.0.0.1:" + port
                        + "/ connect (Connection refused)");
    }

    @Test
    void aStartUrlThatRobotsTxtForbidsIsAFatalErrorInOneLine() throws Exception {
        Site a = web.site(2);
        a.route(
                "/robots.txt",
                ex -> TestWeb.send(
                        ex, 200, "text/plain", "User-agent: *\nDisallow: /\n".getBytes(StandardCharsets.UTF_8)));
        a.linking("/");

        int code = trawl("-q", a.url("/"));

        assertThat(code).isEqualTo(1);
        assertThat(stderr().lines())
                .containsExactly(
                        "trawl: no start URL could be crawled: " + a.url("/") + " robots (disallowed by robots.txt)");
        assertThat(a.paths()).containsExactly("/robots.txt");
    }

    @Test
    void writesEveryOutputAskedFor() throws Exception {
        Site a = smallSite();
        Path jsonl = dir.resolve("crawl.jsonl");

        int code = trawl(
                "--delay",
                "0",
                "-q",
                "-o",
                jsonl.toString(),
                "--csv",
                dir.resolve("crawl.csv").toString(),
                "--links",
                dir.resolve("links.csv").toString(),
                "--warc",
                dir.resolve("crawl.warc.gz").toString(),
                "--report",
                dir.resolve("report.html").toString(),
                a.url("/"));

        assertThat(code).isZero();
        assertThat(Files.readAllLines(jsonl)).hasSize(4);
        assertThat(Files.readAllLines(dir.resolve("crawl.csv")))
                .hasSize(5)
                .first()
                .asString()
                .startsWith("url,final_url,");
        assertThat(Files.readAllLines(dir.resolve("links.csv")))
                .contains("from,to,text,nofollow", a.url("/") + "," + a.url("/a") + ",/a,false");
        try (org.netpreserve.jwarc.WarcReader warc =
                new org.netpreserve.jwarc.WarcReader(dir.resolve("crawl.warc.gz"))) {
            long responses = 0;
            for (org.netpreserve.jwarc.WarcRecord r : warc) {
                responses += r instanceof org.netpreserve.jwarc.WarcResponse ? 1 : 0;
            }
            assertThat(responses).isEqualTo(a.requests().size());
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("trawl crawl report", a.url("/gone"));

        Path html = dir.resolve("again.html");
        assertThat(trawl("report", jsonl.toString(), "-o", html.toString())).isZero();
        assertThat(Files.readString(html)).contains("trawl crawl report", a.url("/gone"));
    }

    @Test
    void aTimeLimitEndsTheCrawlNormally() throws Exception {
        Site a = web.site(3).latency(300);
        a.hub(50);

        int code = trawl("--delay", "0", "--per-host", "1", "--max-time", "1s", a.url("/"));

        assertThat(code).isZero();
        assertThat(stderr()).startsWith("Time limit reached after ");
    }

    @Test
    void denyPrivateMakesALoopbackStartUrlAFatalError() throws Exception {
        Site a = smallSite();

        int code = trawl("-q", "--deny-private", a.url("/"));

        assertThat(code).isEqualTo(1);
        assertThat(stderr().lines()).hasSize(1).allMatch(l -> l.contains(" denied (") && l.contains("--deny-private"));
        assertThat(a.requests()).isEmpty();
    }

    @Test
    void theDemoCrawlsTheSyntheticWebItServes() {
        int code = trawl("demo", "-q", "--delay", "0");

        assertThat(code).isZero();
        assertThat(stderr()).startsWith("Serving a synthetic web of ");
        assertThat(stdout().lines().distinct().count()).isEqualTo(Demo.PAGES);
        assertThat(stdout().lines()).allMatch(l -> l.startsWith("http://127.0.0.1"));
    }

    @Test
    void theDemoRunsAtFullSpeedOnItsOwnWebAndSaysHowTrawlWaitsElsewhere() {
        int code = trawl("demo");

        assertThat(code).isZero();
        assertThat(stderr().lines().toList().get(stderr().lines().toList().size() - 1))
                .startsWith("This web is trawl's own, so the demo crawled it with --delay 0 --per-host 8 -w 32.")
                .contains("250 ms apart");
        assertThat(stdout().lines().distinct().count()).isEqualTo(Demo.PAGES);
    }

    @Test
    void aReportOfAMissingFileIsAFatalErrorInOneLine() {
        assertThat(trawl("report", dir.resolve("none.jsonl").toString())).isEqualTo(1);
        assertThat(stderr().lines()).containsExactly("trawl: cannot read " + dir.resolve("none.jsonl"));
    }

    @Test
    void aFullDiskStopsTheCrawlWithAClearErrorAndExitOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
        Site a = smallSite();

        int code = trawl("-q", "--delay", "0", "-o", "/dev/full", a.url("/"));

        assertThat(code).isEqualTo(1);
        assertThat(stderr().lines())
                .hasSize(1)
                .allMatch(l -> l.startsWith("trawl: output failed: ") && l.contains("No space left on device"));
    }

    @Test
    void anUnwritableOutputIsAFatalErrorBeforeAnyFetch() throws Exception {
        Site a = smallSite();

        int code = trawl("-o", dir.resolve("no/such/dir/out.jsonl").toString(), a.url("/"));

        assertThat(code).isEqualTo(1);
        assertThat(stderr().lines()).hasSize(1).allMatch(l -> l.startsWith("trawl: cannot write "));
        assertThat(a.requests()).isEmpty();
    }

    @Test
    void ctrlCStopsTheCrawlKeepsWhatWasFetchedAndExits130() throws Exception {
        Site a = web.site(2).latency(200);
        a.hub(200);
        Path file = dir.resolve("crawl.jsonl");
        Process p = new ProcessBuilder(childTrawl("--delay", "0", "-o", file.toString(), a.url("/")))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        pressCtrlCWhen(p, () -> Files.exists(file) && Files.readAllLines(file).size() >= 5, 20);

        assertThat(p.exitValue()).isEqualTo(130);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.size()).isBetween(5, 199);
        for (String line : lines) {
            assertThat(new ObjectMapper().readTree(line).get("status").asInt()).isEqualTo(200);
        }
        assertThat(Files.readAllLines(dir.resolve("stdout.txt"))).hasSameSizeAs(lines);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("Stopped after");
    }
}
