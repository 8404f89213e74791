package dev.trawl.bench;

import dev.trawl.parse.JsoupLinkExtractor;
import dev.trawl.parse.LinkExtractor;
import dev.trawl.parse.StreamingLinkExtractor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Link extraction of realistic pages (about 30 KB, 30-120 links): pages per second; MB/s = pages/s
 * x the average size printed. {@code streaming} is the default extractor, {@code jsoup} the one
 * that builds jsoup's document.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LinkExtractionBench {

    private List<Pages.Page> pages;

    @Param({"streaming", "jsoup"})
    public String extractorName;

    private LinkExtractor extractor;
    private int next;

    @Setup
    public void setUp() {
        extractor =
                extractorName.equals("jsoup") ? new JsoupLinkExtractor("trawl") : new StreamingLinkExtractor("trawl");
        pages = Pages.sample(8, 400);
        long bytes = pages.stream().mapToLong(p -> p.html().length).sum();
        System.out.printf("%n%d pages, %.1f KB on average%n", pages.size(), bytes / 1024.0 / pages.size());
    }

    @Benchmark
    public int extractOnePage() {
        Pages.Page p = pages.get(next++ % pages.size());
        return extractor.extract(p.html(), "utf-8", p.url()).links().size();
    }
}
