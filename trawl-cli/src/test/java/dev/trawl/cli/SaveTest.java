package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --save DIR}: the site on disk, as served. */
@Timeout(60)
class SaveTest extends CliTestSupport {

    @Test
    void savesPagesAndWithFileTypesTheOtherTypesFetched() throws Exception {
        Site s = web.site(2);
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xFF, 7};
        s.linking("/", "/guide/", "/guide/manual.pdf", "/style.css")
                .linking("/guide/", "/")
                .route("/guide/manual.pdf", ex -> TestWeb.send(ex, 200, "application/pdf", pdf))
                .route("/style.css", ex -> TestWeb.send(ex, 200, "text/css", "p{}".getBytes()));
        Path mirror = this.dir.resolve("mirror");

        assertThat(trawl("--delay", "0", "--save", mirror.toString(), s.url("/")))
                .isZero();
        Path host = mirror.resolve(s.authority());
        assertThat(host.resolve("index.html")).exists();
        assertThat(host.resolve("guide/index.html")).exists();
        assertThat(host.resolve("guide/manual.pdf"))
                .as("not fetched without --file-types")
                .doesNotExist();
        assertThat(stderr()).contains("Saved 2 pages in " + mirror);

        assertThat(trawl("-q", "--delay", "0", "--save", mirror.toString(), "--file-types", "pdf,none", s.url("/")))
                .isZero();
        assertThat(Files.readAllBytes(host.resolve("guide/manual.pdf"))).isEqualTo(pdf);
        assertThat(host.resolve("style.css")).as("not in --file-types").doesNotExist();
    }

    @Test
    void aDirectoryThatCannotBeMadeIsAFatalErrorBeforeAnyFetch() throws Exception {
        Site s = web.site(3);
        s.linking("/");
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");

        assertThat(trawl("--save", file.resolve("sub").toString(), s.url("/"))).isEqualTo(1);
        assertThat(stderr().strip()).startsWith("trawl: cannot save pages in ").doesNotContain("\n");
        assertThat(s.requests()).isEmpty();
    }
}
