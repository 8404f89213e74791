package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.testing.LocalNginx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --recrawl} against a real nginx serving a folder: nginx sends ETag and Last-Modified
 * itself, and its access log says what each pass downloaded.
 */
@Timeout(120)
class RecrawlTest extends CliTestSupport {

    private static void page(Path site, String name, String title, String... links) throws Exception {
        StringBuilder html = new StringBuilder("<html><title>" + title + "</title><body>");
        for (String l : links) {
            html.append("<a href=\"").append(l).append("\">").append(l).append("</a>\n");
        }
        Files.writeString(site.resolve(name), html.append("</body></html>").toString());
    }

    /** Changes a page so that nginx's ETag (its time and size) and Last-Modified change too. */
    private static void change(Path site, String name, String title, String... links) throws Exception {
        page(site, name, title + ", changed", links);
        Files.setLastModifiedTime(
                site.resolve(name), FileTime.from(Instant.now().plusSeconds(3600)));
    }

    /** Status by path, of the requests nginx logged from {@code from} on, robots.txt left out. */
    private static Map<String, Integer> statuses(LocalNginx nginx, int from) throws Exception {
        Map<String, Integer> byPath = new TreeMap<>();
        List<LocalNginx.Logged> log = nginx.log();
        for (LocalNginx.Logged l : log.subList(from, log.size())) {
            if (!l.path().equals("/robots.txt")) {
                assertThat(byPath.put(l.path(), l.status()))
                        .as("fetched once: " + l.path())
                        .isNull();
            }
        }
        return byPath;
    }

    private static List<JsonNode> records(Path file) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(new ObjectMapper().readTree(line));
        }
        return records;
    }

    @Test
    void aRecrawlDownloadsExactlyTheChangedAndNewPagesAndStillReachesTheWholeSite() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("robots.txt"), "User-agent: *\nAllow: /\n");
        page(site, "index.html", "Home", "a.html", "b.html", "c.html", "d.html", "e.html");
        // j.html is linked from a.html only: a re-crawl reaches it through a's stored links.
        page(site, "a.html", "A", "j.html");
        for (String p : List.of("b", "c", "d", "j")) {
            page(site, p + ".html", p.toUpperCase());
        }
        // e.html asks that its links not be followed, unchanged or not.
        Files.writeString(
                site.resolve("e.html"),
                "<html><meta name=robots content=nofollow><title>E</title><a href=hidden.html>h</a></html>");
        page(site, "hidden.html", "Hidden");
        try (LocalNginx nginx = LocalNginx.serve(dir, "127.0.0.40", site, false, "")) {
            Path state = dir.resolve("crawl.db");
            String url = nginx.url("/");
            assertThat(trawl("-q", "--delay", "0", "--state", state.toString(), url))
                    .isZero();
            assertThat(statuses(nginx, 0))
                    .hasSize(7)
                    .allSatisfy((path, status) -> assertThat(status).isEqualTo(200));
            int firstPass = nginx.log().size();

            change(site, "b.html", "B", "k.html");
            change(site, "c.html", "C");
            Files.delete(site.resolve("d.html"));
            page(site, "k.html", "K");
            Path second = dir.resolve("second.jsonl");
            assertThat(trawl("--delay", "0", "--state", state.toString(), "--recrawl", "-o", second.toString(), url))
                    .isZero();

            assertThat(statuses(nginx, firstPass))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "/", 304,
                            "/a.html", 304,
                            "/b.html", 200,
                            "/c.html", 200,
                            "/d.html", 404,
                            "/e.html", 304,
                            "/j.html", 304,
                            "/k.html", 200));
            assertThat(stderr()).contains("Crawled 8 pages (7 ok, 1 failed)");
            assertThat(stderr()).contains("Since the last pass: 2 changed, 4 unchanged, 1 new, 1 gone");
            JsonNode home = records(second).stream()
                    .filter(r -> r.get("url").asText().equals(url))
                    .findFirst()
                    .orElseThrow();
            assertThat(home.get("status").asInt()).isEqualTo(304);
            assertThat(home.get("error").asText()).isEqualTo("not_modified");
            assertThat(home.get("title").asText()).isEqualTo("Home");
            assertThat(home.get("links").asInt()).isEqualTo(5);
            assertThat(home.get("bytes").asInt()).isZero();
            assertThat(home.get("etag").asText()).startsWith("\"");
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + state);
                    ResultSet r = db.createStatement()
                            .executeQuery("SELECT COUNT(*) FROM links WHERE from_url = '" + url + "a.html'")) {
                r.next();
                assertThat(r.getInt(1))
                        .as("a.html's links, carried into this pass")
                        .isEqualTo(1);
            }

            // A third pass over an unchanged site downloads nothing, the new page of the last included.
            int secondPass = nginx.log().size();
            assertThat(trawl("--delay", "0", "--state", state.toString(), "--recrawl", url))
                    .isZero();
            assertThat(statuses(nginx, secondPass))
                    .containsEntry("/k.html", 304)
                    .containsEntry("/b.html", 304)
                    .containsEntry("/d.html", 404)
                    .hasSize(8);
            assertThat(stderr()).contains("Since the last pass: 0 changed, 7 unchanged, 0 new, 0 gone");
        }
    }

    @Test
    void aRecrawlStoppedHalfWayGoesOnComparingWithTheLastPass() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        page(site, "index.html", "Home", "a.html", "b.html", "c.html", "d.html");
        for (String p : List.of("a", "b", "c", "d")) {
            page(site, p + ".html", p.toUpperCase());
        }
        try (LocalNginx nginx = LocalNginx.serve(dir, "127.0.0.42", site, false, "")) {
            Path state = dir.resolve("crawl.db");
            String url = nginx.url("/");
            assertThat(trawl("-q", "--delay", "0", "--state", state.toString(), url))
                    .isZero();
            int firstPass = nginx.log().size();
            change(site, "c.html", "C");

            // A page limit stops the pass unfinished; the same command with a larger one goes on.
            assertThat(trawl("-q", "--delay", "0", "-w", "1", "--state", state.toString(), "--recrawl", "-n", "2", url))
                    .isZero();
            assertThat(trawl("--delay", "0", "--state", state.toString(), "--recrawl", url))
                    .isZero();

            assertThat(stderr()).contains("Resuming the crawl");
            assertThat(statuses(nginx, firstPass))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("/", 304, "/a.html", 304, "/b.html", 304, "/c.html", 200, "/d.html", 304));
            assertThat(stderr()).contains("Since the last pass: 1 changed, 4 unchanged, 0 new, 0 gone");
        }
    }

    @Test
    void aFinishedCrawlIsNotCrawledAgainUnlessAsked() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        page(site, "index.html", "Home");
        try (LocalNginx nginx = LocalNginx.serve(dir, "127.0.0.41", site, false, "")) {
            Path state = dir.resolve("crawl.db");
            assertThat(trawl("-q", "--delay", "0", "--state", state.toString(), nginx.url("/")))
                    .isZero();
            int requests = nginx.log().size();

            assertThat(trawl("--delay", "0", "--state", state.toString(), nginx.url("/")))
                    .isZero();

            assertThat(stderr()).contains("is finished").contains("--recrawl");
            assertThat(nginx.log()).hasSize(requests);
        }
    }
}
