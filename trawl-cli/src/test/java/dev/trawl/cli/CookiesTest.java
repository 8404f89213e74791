package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --cookies} and {@code --cookie-jar}: cookies as the server receives them, and the jar as a reader sees it. */
@Timeout(120)
class CookiesTest extends CliTestSupport {

    /**
     * A site whose home page links to {@code n} pages and sets {@code login=yes}; each request's
     * Cookie header is noted by path.
     */
    private static Map<String, String> site(Site a, int n) {
        Map<String, String> sent = new ConcurrentHashMap<>();
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < n; i++) {
            links.append("<a href=/p").append(i).append(">").append(i).append("</a>");
        }
        TestWeb.Handler page = ex -> {
            String path = ex.getRequestURI().getPath();
            sent.put(path, String.valueOf(ex.getRequestHeaders().getFirst("Cookie")));
            if (path.equals("/")) {
                ex.getResponseHeaders().add("Set-Cookie", "login=yes; Path=/");
            }
            String body = path.equals("/") ? links.toString() : "<p>page</p>";
            TestWeb.send(ex, 200, "text/html", body.getBytes(StandardCharsets.UTF_8));
        };
        a.route("/", page);
        for (int i = 0; i < n; i++) {
            a.route("/p" + i, page);
        }
        return sent;
    }

    @Test
    void cookiesFromAFileAreSentBadLinesCountedAndTheJarIsWrittenAtTheEnd() throws Exception {
        Site a = web.site(31);
        Map<String, String> sent = site(a, 2);
        String host = URI.create(a.url("/")).getHost();
        Path cookies = dir.resolve("cookies.txt");
        Files.writeString(
                cookies,
                "# Netscape HTTP Cookie File\n" + host + "\tFALSE\t/\tFALSE\t0\ttheme\tdark\n" + "not a cookie line\n"
                        + host + "\tFALSE\t/\tFALSE\tnever\tbad\texpiry\n");
        Path jar = dir.resolve("jar.txt");

        int code = trawl(
                "--no-robots",
                "--delay",
                "0",
                "--cookies",
                cookies.toString(),
                "--cookie-jar",
                jar.toString(),
                a.url("/"));

        assertThat(code).isZero();
        assertThat(stderr().lines().filter(l -> l.startsWith("trawl: warning")))
                .singleElement()
                .asString()
                .contains("--cookies " + cookies + ": 2 lines are not a cookie");
        assertThat(sent).containsEntry("/", "theme=dark");
        assertThat(List.of(sent.get("/p1").split("; "))).containsExactlyInAnyOrder("theme=dark", "login=yes");
        assertThat(Files.readAllLines(jar))
                .contains(host + "\tFALSE\t/\tFALSE\t0\ttheme\tdark", host + "\tFALSE\t/\tFALSE\t0\tlogin\tyes");
    }

    @Test
    void anUnwritableJarStopsTrawlBeforeItFetches() throws Exception {
        Site a = web.site(32);
        site(a, 1);

        int code = trawl("--cookie-jar", dir.resolve("missing/jar.txt").toString(), a.url("/"));

        assertThat(code).isEqualTo(1);
        assertThat(stderr().lines()).singleElement().asString().startsWith("trawl: cannot write the cookie jar ");
        assertThat(a.requests()).isEmpty();
    }

    @Test
    void aResumedCrawlSendsTheCookiesItHadBeforeKillMinusNine() throws Exception {
        Site a = web.site(33).latency(40);
        Map<String, String> sent = site(a, 60);
        Path state = dir.resolve("crawl.db");
        String[] args = {
            "-q", "--no-robots", "--delay", "0", "-w", "2", "--per-host", "2", "--state", state.toString(), a.url("/")
        };
        crashWhen(() -> a.requests().size() >= 15, args);
        int before = a.requests().size();
        sent.clear();

        assertThat(trawl(args)).isZero();

        assertThat(a.requests().size()).isGreaterThan(before);
        assertThat(sent).doesNotContainKey("/").isNotEmpty();
        assertThat(sent.values()).as("after the resume").allMatch("login=yes"::equals);
    }
}
