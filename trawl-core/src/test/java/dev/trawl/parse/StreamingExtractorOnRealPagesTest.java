package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.url.WebUrl;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * On real pages, written by the generators of Debian's documentation packages (the sample in
 * {@code src/test/resources/corpus}, its origin and licences in its README), the default
 * extractor finds exactly what jsoup finds: links, anchor texts, title, canonical URL and robots
 * meta tags. The pages are given without a charset, as nginx serves them.
 */
class StreamingExtractorOnRealPagesTest {

    private final JsoupLinkExtractor jsoup = new JsoupLinkExtractor("trawl");
    private final StreamingLinkExtractor streaming = new StreamingLinkExtractor("trawl");

    /** One sampled page: its file, package and generator, as SOURCES.tsv lists them. */
    private record Sample(Path file, String packageName, String generator) {}

    private static List<Sample> samples() throws Exception {
        Path corpus = corpus();
        return Files.readAllLines(corpus.resolve("SOURCES.tsv")).stream()
                .skip(1)
                .map(l -> l.split("\t"))
                .map(f -> new Sample(corpus.resolve(f[0]), f[1], f[3]))
                .toList();
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(StreamingExtractorOnRealPagesTest.class
                        .getResource("/corpus/SOURCES.tsv")
                        .toURI())
                .getParent();
    }

    @Test
    void everySampledPageGivesWhatJsoupGives() throws Exception {
        List<Sample> samples = samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(60);
        Map<String, int[]> readByScanner = new TreeMap<>();
        int links = 0;
        for (Sample s : samples) {
            byte[] body = Files.readAllBytes(s.file());
            WebUrl url = WebUrl.parse(
                    "http://corpus.test/" + s.packageName() + "/" + s.file().getFileName());

            ParsedPage expected = jsoup.extract(body, null, url);

            assertThat(streaming.extract(body, null, url))
                    .as(s.file().toString())
                    .isEqualTo(expected);
            links += expected.links().size();
            int[] counts = readByScanner.computeIfAbsent(s.generator(), g -> new int[2]);
            counts[0] += streaming.scanned(body, null, url) != null ? 1 : 0;
            counts[1]++;
        }
        assertThat(links).as("links on the sampled pages").isGreaterThan(2000);
        // The fast path must stay taken: the sample holds the corpus's hard cases, and the scanner
        // read 62 of its 72 pages itself when it was chosen (the whole corpus: 98.6%).
        int scanned = readByScanner.values().stream().mapToInt(c -> c[0]).sum();
        StringBuilder byGenerator = new StringBuilder();
        readByScanner.forEach((g, c) -> byGenerator
                .append(g)
                .append(' ')
                .append(c[0])
                .append('/')
                .append(c[1])
                .append(' '));
        assertThat(scanned)
                .as("pages read by the scanner itself: %s", byGenerator)
                .isGreaterThanOrEqualTo(60);
    }
}
