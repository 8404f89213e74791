package dev.trawl.bench;

import dev.trawl.internal.Fingerprint;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What every link costs before it reaches the frontier: resolve, normalize, filter, fingerprint. URLs per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UrlBench {

    private final WebUrl base = WebUrl.parse("http://127.0.0.10:8000/docs/p15/");
    private final UrlFilter filter = UrlFilter.builder()
            .allowDomains(List.of("127.0.0.10", "127.0.0.11"))
            .build();
    private final List<String> hrefs = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < 1000; i++) {
            hrefs.add(
                    switch (i % 5) {
                        case 0 -> "p" + i + ".html";
                        case 1 -> "/search?q=p" + i;
                        case 2 -> "http://127.0.0.11:8000/p" + i + ".html#section";
                        case 3 -> "../img/p" + i + ".png";
                        default -> "/docs/p" + i + "/";
                    });
        }
    }

    @Benchmark
    public long resolveNormalizeFilterFingerprint() {
        WebUrl url = UrlNormalizer.resolve(base, hrefs.get(next++ % hrefs.size()));
        return url != null && filter.test(url) ? Fingerprint.of(url.href()) : 0;
    }
}
