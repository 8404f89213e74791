package dev.trawl.bench;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.Politeness;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The in-memory frontier: offer a new URL, lease one, complete it; on one host and on 10,000. Cycles per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrontierBench {

    @Param({"1", "10000"})
    public int hosts;

    private Frontier frontier;
    private List<WebUrl> urls;
    private int next;

    @Setup(Level.Trial)
    public void makeUrls() {
        urls = new ArrayList<>();
        for (int i = 0; i < 6_000_000; i++) {
            urls.add(WebUrl.parse("http://h" + (i % hosts) + ".example/p" + i));
        }
    }

    /** A fresh frontier per iteration, so that every URL offered is new (an iteration stays under 6M cycles). */
    @Setup(Level.Iteration)
    public void setUp() {
        frontier = InMemoryFrontier.builder()
                .politeness(Politeness.builder()
                        .perHost(1_000_000)
                        .delay(Duration.ZERO)
                        .build())
                .build();
        next = 0;
        for (int i = 0; i < 1000; i++) {
            frontier.offer(List.of(CrawlRequest.seed(urls.get(next++))));
        }
    }

    @Benchmark
    public boolean offerLeaseComplete() throws InterruptedException {
        frontier.offer(List.of(CrawlRequest.seed(urls.get(next++))));
        Lease lease = frontier.lease(1, Duration.ofMinutes(1)).get(0);
        return frontier.complete(lease, true);
    }
}
