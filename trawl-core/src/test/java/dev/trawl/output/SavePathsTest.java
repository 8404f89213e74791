package dev.trawl.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The names URLs are saved under: safe, inside the directory, one URL per name. */
class SavePathsTest {

    private static List<String> of(String url) {
        return SavePaths.of(UrlNormalizer.normalize(url));
    }

    @Test
    void aUrlBecomesHostPortAndPathWithIndexForADirectoryAndTheQueryAfterAnAt() {
        assertThat(of("http://a.test/")).containsExactly("a.test", "index.html");
        assertThat(of("http://a.test:8080/docs/")).containsExactly("a.test:8080", "docs", "index.html");
        assertThat(of("https://a.test:443/docs/intro.html")).containsExactly("a.test", "docs", "intro.html");
        assertThat(of("http://a.test/list?page=2&sort=a")).containsExactly("a.test", "list@page=2&sort=a");
        assertThat(of("http://a.test/?q")).containsExactly("a.test", "index.html@q");
        assertThat(of("http://[::1]:81/x")).containsExactly("[::1]:81", "x");
    }

    @Test
    void escapesAreDecodedWhereSafeAndWhatIsNotSafeStaysEscaped() {
        assertThat(of("http://a.test/caf%C3%A9/a%20b.html")).containsExactly("a.test", "café", "a b.html");
        assertThat(of("http://a.test/a%2Fb%5Cc%00d%25e%40f")).containsExactly("a.test", "a%2Fb%5Cc%00d%25e%40f");
        assertThat(of("http://a.test/bad%FFutf8")).containsExactly("a.test", "bad%FFutf8");
        assertThat(of("http://a.test/at@sign?x=%2F..%2F")).containsExactly("a.test", "at%40sign@x=%2F..%2F");
    }

    @Test
    void noNameClimbsOutOrIsEmpty() {
        for (String hostile : List.of(
                "http://a.test/../../etc/passwd",
                "http://a.test/%2e%2e/%2E%2E/etc/passwd",
                "http://a.test/..%2F..%2Fetc%2Fpasswd",
                "http://a.test//etc/passwd",
                "http://a.test/x/%2e/y",
                "http://a.test/a\\..\\..\\b",
                "http://a.test/%00/x")) {
            List<String> names = of(hostile);
            assertThat(names).as(hostile).allSatisfy(n -> {
                assertThat(n).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
                assertThat(n).doesNotContain("/").doesNotContain("\\").doesNotContain("\0");
            });
        }
    }

    /** Distinct URLs, unless they differ only in escaping an unsafe character ({@code @} and {@code %40}). */
    @Test
    void distinctUrlsGetDistinctNames() {
        List<String> urls = List.of(
                "http://a.test/a b",
                "http://a.test/a%2520b",
                "http://a.test/a?b",
                "http://a.test/a@b",
                "http://a.test/a/b",
                "http://a.test/a%2Fb",
                "http://a.test:81/a",
                "http://a.test/a");
        Set<List<String>> names = new HashSet<>();
        for (String u : urls) {
            assertThat(names.add(of(u))).as(u).isTrue();
        }
    }

    @Test
    void aNameTooLongIsCutAndHashedKeepingItsExtension() {
        String longName = "x".repeat(300);
        String name = of("http://a.test/" + longName + ".html").get(1);
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SavePaths.MAX_NAME_BYTES);
        assertThat(name).endsWith(".html").startsWith("xxxx");
        assertThat(of("http://a.test/" + longName + "y.html").get(1)).isNotEqualTo(name);
        String wide = of("http://a.test/" + "%E4%B8%AD".repeat(100)).get(1);
        assertThat(wide.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SavePaths.MAX_NAME_BYTES);
        assertThat(wide).startsWith("中中中");
        WebUrl query = UrlNormalizer.normalize("http://a.test/s?q=" + "z".repeat(400));
        assertThat(SavePaths.of(query).get(1).length()).isLessThanOrEqualTo(SavePaths.MAX_NAME_BYTES);
    }
}
