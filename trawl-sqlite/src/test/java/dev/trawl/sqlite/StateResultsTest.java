package dev.trawl.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.PageRecord;
import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.Politeness;
import dev.trawl.internal.RecordFields;
import dev.trawl.output.Sink;
import dev.trawl.parse.Link;
import dev.trawl.url.WebUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results tables of a state file. A crash between a page's rows and its lease's end: on resume the page is fetched again, so
 * its rows from before the crash go, and each page's row, links and items are in the file once.
 */
class StateResultsTest {

    @TempDir
    Path dir;

    private static final WebUrl DONE = WebUrl.parse("http://127.0.0.2/done");
    private static final WebUrl IN_FLIGHT = WebUrl.parse("http://127.0.0.2/in-flight");

    @Test
    void rowsOfAPageWhoseLeaseWasHeldAtTheCrashAreDroppedAndItIsLeasedAgain() throws Exception {
        Path file = dir.resolve("crawl.db");
        CrawlState state = CrawlState.open(file, "test", false);
        Frontier frontier = InMemoryFrontier.builder()
                .politeness(Politeness.builder().perHost(2).delay(Duration.ZERO).build())
                .store(state.frontierStore())
                .build();
        Sink results = state.results();
        frontier.offer(List.of(CrawlRequest.seed(DONE), CrawlRequest.seed(IN_FLIGHT)));
        List<Lease> leases = new ArrayList<>(frontier.lease(2, Duration.ofMinutes(1)));
        assertThat(leases).hasSize(2);
        for (Lease lease : leases) {
            results.onPage(record(lease.request().url()));
        }
        Lease done = leases.stream()
                .filter(l -> l.request().url().equals(DONE))
                .findFirst()
                .orElseThrow();
        // complete returns once its write, and every write before it (both pages' rows), is committed.
        frontier.complete(done, true);
        state.crash();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(count(c, "SELECT COUNT(*) FROM items"))
                    .as("both pages' rows reached the file")
                    .isEqualTo(2);
        }
        CrawlState.open(file, "test", false).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(count(c, "SELECT COUNT(*) FROM pages WHERE final_url = '" + DONE.href() + "'"))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM pages WHERE final_url = '" + IN_FLIGHT.href() + "'"))
                    .isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM items WHERE page_url = '" + DONE.href() + "'"))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM items")).isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM links")).isEqualTo(1);
        }
        CrawlState resumed = CrawlState.open(file, "test", false);
        Frontier again = InMemoryFrontier.builder()
                .politeness(Politeness.builder().perHost(2).delay(Duration.ZERO).build())
                .store(resumed.frontierStore())
                .build();
        assertThat(again.lease(2, Duration.ofMinutes(1)))
                .extracting(l -> l.request().url())
                .containsExactly(IN_FLIGHT);
        again.close();
        resumed.close();
    }

    @Test
    void aResultsFileOfAnEarlierTrawlGetsTheColumnsItLacks() throws Exception {
        Path file = dir.resolve("old.db");
        // As trawl wrote it before records had extracted fields and an HTTP version.
        String oldColumns = RecordFields.ALL.stream()
                .filter(f -> !f.name().equals("http_version"))
                .map(f -> f.name() + " TEXT")
                .collect(Collectors.joining(", "));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().executeUpdate("CREATE TABLE pages(" + oldColumns + ")");
        }
        try (Sink results = CrawlState.openResults(file)) {
            results.onPage(record(DONE));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(count(c, "SELECT COUNT(*) FROM pages WHERE json_extract(extracted, '$.name') = '/done'"))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM pages WHERE http_version = 'HTTP/2'"))
                    .isEqualTo(1);
        }
    }

    private static PageRecord record(WebUrl url) {
        return PageRecord.builder(url)
                .status(200)
                .httpVersion("HTTP/2")
                .outlinks(List.of(new Link(WebUrl.parse("http://127.0.0.2/next"), "next", false)))
                .extracted(Map.of("name", url.path()))
                .items(List.of("{\"page\":\"" + url.path() + "\"}"))
                .build();
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
