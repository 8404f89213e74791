package dev.trawl.parse;

import dev.trawl.url.WebUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * On the corpus of real pages ({@code scripts/corpus.sh}), per generator: the share of pages
 * the streaming extractor's scanner reads itself (the rest go to jsoup), whether every page's
 * result equals jsoup's, and the MB/s of the default extractor and of jsoup's. Pages are given
 * without a charset, as nginx serves them. In this package because whether the scanner read a
 * page is not public: {@code bench/corpus.sh} runs it.
 */
public final class CorpusCoverage {

    private CorpusCoverage() {}

    /** A generator's pages. */
    private record Pages(List<byte[]> bodies, List<WebUrl> urls) {
        long bytes() {
            return bodies.stream().mapToLong(b -> b.length).sum();
        }
    }

    /**
     * @param args the corpus folder, and the most pages read per package (evenly spaced)
     */
    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args[0]);
        int perPackage = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Map<String, Pages> byGenerator = new TreeMap<>();
        for (String line : Files.readAllLines(corpus.resolve("MANIFEST"))) {
            String[] f = line.split(" ");
            Pages pages = byGenerator.computeIfAbsent(f[2], g -> new Pages(new ArrayList<>(), new ArrayList<>()));
            List<Path> files = htmlFiles(corpus.resolve(f[0]));
            int step = Math.max(1, files.size() / perPackage);
            for (int i = 0; i < files.size(); i += step) {
                pages.bodies().add(Files.readAllBytes(files.get(i)));
                pages.urls()
                        .add(WebUrl.parse("http://corpus.test/" + f[0] + "/"
                                + files.get(i).getFileName()));
            }
        }
        StreamingLinkExtractor streaming = new StreamingLinkExtractor("trawl");
        JsoupLinkExtractor jsoup = new JsoupLinkExtractor("trawl");
        // One unmeasured round each, so that both run compiled code when measured.
        byGenerator.values().forEach(p -> {
            time(streaming, p);
            time(jsoup, p);
        });
        System.out.printf(
                "%-20s %6s %9s %9s %12s %10s %9s%n",
                "generator", "pages", "MB", "scanner", "disagreeing", "default", "jsoup");
        long allPages = 0;
        long allScanned = 0;
        for (Map.Entry<String, Pages> e : byGenerator.entrySet()) {
            Pages p = e.getValue();
            int scanned = 0;
            int disagreeing = 0;
            for (int i = 0; i < p.bodies().size(); i++) {
                byte[] body = p.bodies().get(i);
                WebUrl url = p.urls().get(i);
                scanned += streaming.scanned(body, null, url) != null ? 1 : 0;
                disagreeing += streaming.extract(body, null, url).equals(jsoup.extract(body, null, url)) ? 0 : 1;
            }
            allPages += p.bodies().size();
            allScanned += scanned;
            double mb = p.bytes() / 1e6;
            System.out.printf(
                    "%-20s %6d %9.1f %8.1f%% %12d %6.1f MB/s %4.1f MB/s%n",
                    e.getKey(),
                    p.bodies().size(),
                    mb,
                    100.0 * scanned / p.bodies().size(),
                    disagreeing,
                    mb / time(streaming, p),
                    mb / time(jsoup, p));
        }
        System.out.printf("all: %d pages, %.1f%% read by the scanner%n", allPages, 100.0 * allScanned / allPages);
    }

    /** Seconds to extract every page once. */
    private static double time(LinkExtractor extractor, Pages p) {
        long start = System.nanoTime();
        for (int i = 0; i < p.bodies().size(); i++) {
            extractor.extract(p.bodies().get(i), null, p.urls().get(i));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<Path> htmlFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p))
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".html.en");
                    })
                    .sorted()
                    .toList();
        }
    }
}
