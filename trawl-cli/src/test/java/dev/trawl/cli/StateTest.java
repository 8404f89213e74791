package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.testing.TestWeb.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --state}: a crawl that survives Ctrl-C and kill -9, refuses what it should, and can be queried. */
@Timeout(120)
class StateTest extends CliTestSupport {

    /** A site of {@code n} pages, all linked from the home page, each answering after {@code latency} ms. */
    private Site site(int n, long latency) throws Exception {
        Site a = web.site(2).latency(latency);
        String[] links = new String[n];
        for (int i = 0; i < n; i++) {
            links[i] = "/p" + i;
            a.linking("/p" + i, "/", "/p" + ((i + 1) % n));
        }
        a.linking("/", links);
        return a;
    }

    @Test
    void survivesKillMinusNineAndFetchesNothingTwiceButWhatWasInFlight() throws Exception {
        Site a = site(120, 40);
        Path state = dir.resolve("crawl.db");
        int workers = 4;
        crashWhen(
                () -> a.requests().size() >= 40,
                "-q",
                "--delay",
                "0",
                "--per-host",
                String.valueOf(workers),
                "-w",
                String.valueOf(workers),
                "--state",
                state.toString(),
                a.url("/"));
        int beforeResume = a.requests().size();

        int code = trawl(
                "-q",
                "--delay",
                "0",
                "--per-host",
                String.valueOf(workers),
                "-w",
                String.valueOf(workers),
                "--state",
                state.toString(),
                a.url("/"));

        assertThat(code).isZero();
        Map<String, Long> fetches =
                a.paths().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(fetches.keySet()).contains("/robots.txt", "/").hasSize(122);
        assertThat(fetches.values()).allMatch(n -> n <= 2);
        long twice = fetches.entrySet().stream()
                .filter(e -> !e.getKey().equals("/robots.txt") && e.getValue() == 2)
                .count();
        assertThat(twice)
                .as("pages fetched again: at most those in flight at the kill")
                .isLessThanOrEqualTo(workers);
        assertThat(beforeResume).isGreaterThanOrEqualTo(40);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + state);
                ResultSet r =
                        db.createStatement().executeQuery("SELECT COUNT(DISTINCT url) FROM pages WHERE status = 200")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isEqualTo(121);
        }
    }

    @Test
    void aFinishedCrawlSaysSoAndRestartStartsOver() throws Exception {
        Site a = site(3, 0);
        String db = dir.resolve("crawl.db").toString();
        assertThat(trawl("-q", "--delay", "0", "--state", db, a.url("/"))).isZero();
        int served = a.requests().size();

        assertThat(trawl("--delay", "0", "--state", db, a.url("/"))).isZero();
        assertThat(stderr().lines())
                .containsExactly("trawl: the crawl in " + db
                        + " is finished (4 pages); --recrawl fetches what changed since, --restart starts it over");
        assertThat(a.requests()).hasSize(served);

        assertThat(trawl("-q", "--delay", "0", "--state", db, "--restart", a.url("/")))
                .isZero();
        assertThat(a.requests()).hasSize(served * 2);
    }

    @Test
    void refusesToResumeWithOtherStartUrlsUnlessForced() throws Exception {
        Site a = site(30, 0);
        String db = dir.resolve("crawl.db").toString();
        assertThat(trawl("-q", "--delay", "0", "-n", "5", "--state", db, a.url("/")))
                .isZero();
        // A page limit is not part of the crawl's identity: the stored crawl is unfinished.
        assertThat(trawl("-q", "--delay", "0", "--state", db, a.url("/p1"))).isEqualTo(2);
        assertThat(stderr().lines())
                .hasSize(1)
                .allMatch(l ->
                        l.startsWith("trawl: " + db + " holds a crawl with other") && l.contains("--force-resume"));

        assertThat(trawl("-q", "--delay", "0", "--state", db, "--force-resume", a.url("/p1")))
                .isZero();
        assertThat(a.paths().stream()
                        .filter(p -> !p.equals("/robots.txt"))
                        .distinct()
                        .count())
                .isEqualTo(31);
        assertThat(a.paths().stream().filter(p -> !p.equals("/robots.txt"))).doesNotHaveDuplicates();
    }

    @Test
    void aLargerPageLimitResumesACrawlThatStoppedAtItsLimit() throws Exception {
        Site a = site(20, 0);
        String db = dir.resolve("crawl.db").toString();
        assertThat(trawl("-q", "--delay", "0", "-n", "5", "--state", db, a.url("/")))
                .isZero();
        assertThat(trawl("-q", "--delay", "0", "-n", "5", "--state", db, a.url("/")))
                .isZero();
        assertThat(a.paths().stream().filter(p -> !p.equals("/robots.txt"))).hasSize(5);

        assertThat(trawl("-q", "--delay", "0", "-n", "12", "--state", db, a.url("/")))
                .isZero();

        assertThat(a.paths().stream().filter(p -> !p.equals("/robots.txt")))
                .hasSize(12)
                .doesNotHaveDuplicates();
    }

    @Test
    void theResultsCanBeQueriedForBrokenLinksAndWhoLinksToThem() throws Exception {
        Site a = web.site(2);
        a.linking("/", "/ok", "/gone").linking("/ok", "/gone", "/also-gone");
        Path db = dir.resolve("crawl.db");
        Path results = dir.resolve("results.db");

        assertThat(trawl("-q", "--delay", "0", "--state", db.toString(), "--output-db", results.toString(), a.url("/")))
                .isZero();

        for (Path file : List.of(db, results)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                    ResultSet r = c.createStatement().executeQuery("""
                         SELECT p.url, p.status, COUNT(l.from_url) FROM pages p JOIN links l ON l.to_url = p.url
                         WHERE p.status >= 400 GROUP BY p.url ORDER BY p.url""")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(a.url("/also-gone"));
                assertThat(r.getLong(3)).isEqualTo(1);
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(a.url("/gone"));
                assertThat(r.getInt(2)).isEqualTo(404);
                assertThat(r.getLong(3)).isEqualTo(2);
                assertThat(r.next()).isFalse();
            }
        }
    }

    @Test
    void aFileThatIsNotAStateFileIsRefusedInOneLine() throws Exception {
        Path notDb = dir.resolve("notes.txt");
        Files.writeString(notDb, "this is not a database, just some words that go on for a while".repeat(20));

        int code = trawl("-q", "--state", notDb.toString(), "http://127.0.0.1:9/");

        assertThat(code).isEqualTo(1);
        assertThat(stderr().lines())
                .hasSize(1)
                .allMatch(l -> l.startsWith("trawl: " + notDb + " is not a trawl state file"));
    }
}
