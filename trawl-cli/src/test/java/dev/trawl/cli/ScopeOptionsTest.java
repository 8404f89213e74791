package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.testing.TestWeb.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --include}, {@code --exclude}, {@code --no-parent}, {@code -i} and start URLs without a scheme. */
@Timeout(60)
class ScopeOptionsTest extends CliTestSupport {

    /** A site whose pages all link to each other, in three directories. */
    private Site site() throws Exception {
        Site s = web.site(2);
        String[] all = {
            "/", "/docs/", "/docs/a.html", "/docs/old/b.html", "/docs/c.html?print=1", "/blog/", "/blog/post.html"
        };
        for (String path : all) {
            s.linking(path, all);
        }
        return s;
    }

    private List<String> fetched(Site s) {
        return s.paths().stream().filter(p -> !p.equals("/robots.txt")).toList();
    }

    @Test
    void includeAndExcludePatternsDecideWhichLinksAreFollowed() throws Exception {
        Site s = site();

        assertThat(trawl(
                        "-q",
                        "--delay",
                        "0",
                        "--include",
                        "/docs/",
                        "--include",
                        "/blog/$",
                        "--exclude",
                        "/old/",
                        "--exclude",
                        "print=",
                        s.url("/")))
                .isZero();

        assertThat(fetched(s)).containsExactlyInAnyOrder("/", "/docs/", "/docs/a.html", "/blog/");
    }

    @Test
    void noParentStaysUnderTheStartUrlsDirectory() throws Exception {
        Site s = site();

        assertThat(trawl("-q", "--delay", "0", "--no-parent", s.url("/docs/a.html")))
                .isZero();

        assertThat(fetched(s))
                .containsExactlyInAnyOrder("/docs/a.html", "/docs/", "/docs/old/b.html", "/docs/c.html?print=1");
    }

    @Test
    void startUrlsComeFromAFileOrStdinWithCommentsAndBlankLines() throws Exception {
        Site s = site();
        Path list = dir.resolve("urls.txt");
        Files.writeString(
                list, "\uFEFF# the docs\n" + s.url("/docs/a.html") + "\n\n   " + s.url("/blog/post.html") + "  \n");

        assertThat(trawl("-q", "--delay", "0", "--max-depth", "0", "-i", list.toString()))
                .isZero();
        assertThat(fetched(s)).containsExactlyInAnyOrder("/docs/a.html", "/blog/post.html");

        assertThat(trawlWithStdin(
                        "#nothing else\n" + s.url("/docs/c.html?print=1") + "\n",
                        "-q",
                        "--delay",
                        "0",
                        "--max-depth",
                        "0",
                        "-i",
                        "-",
                        s.url("/blog/")))
                .isZero();
        assertThat(fetched(s)).contains("/docs/c.html?print=1", "/blog/");
    }

    @Test
    void mistakesAreOneLineUsageErrorsBeforeAnyFetch() throws Exception {
        Site s = site();

        assertThat(trawl("--include", "(unclosed", s.url("/"))).isEqualTo(2);
        assertThat(stderr()).startsWith("trawl: --include: '(unclosed' is not a regular expression");
        assertThat(trawl("-q")).isEqualTo(2);
        assertThat(stderr()).contains("no start URL");
        assertThat(trawl("-i", dir.resolve("missing.txt").toString())).isEqualTo(2);
        assertThat(stderr()).contains("cannot read start URLs from");
        assertThat(trawlWithStdin("# only a comment\n", "-i", "-")).isEqualTo(2);
        assertThat(stderr()).contains("no start URL in stdin");
        assertThat(s.requests()).isEmpty();
    }

    @Test
    void whatLooksLikeAHostGetsHttpsAndASchemeIsKept() {
        CrawlScope scope = new CrawlScope();
        scope.urls = List.of("example.com", "localhost:8080/x", "127.0.0.1:81", "HTTP://a.test/", "mailto:me@a.test");

        assertThat(scope.startUrls(java.io.InputStream.nullInputStream()))
                .containsExactly(
                        "https://example.com",
                        "https://localhost:8080/x",
                        "https://127.0.0.1:81",
                        "HTTP://a.test/",
                        "mailto:me@a.test");
    }

    @Test
    void aStartUrlWithoutASchemeIsTakenAsHttps() throws Exception {
        Site s = site();

        // The site speaks plain HTTP, so the https:// start URL fails: what matters is which URL was tried.
        int code = trawl(
                "--no-robots",
                "--retries",
                "0",
                "--timeout",
                "2s",
                "--delay",
                "0",
                "-o",
                "-",
                s.authority() + "/docs/");

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).contains("\"url\":\"https://" + s.authority() + "/docs/\"");
        assertThat(trawl("--help")).isZero();
        assertThat(stdout()).contains("taken as https://");
    }
}
