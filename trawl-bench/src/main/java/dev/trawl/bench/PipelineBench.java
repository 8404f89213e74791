package dev.trawl.bench;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.Politeness;
import dev.trawl.parse.Link;
import dev.trawl.parse.LinkExtractor;
import dev.trawl.parse.ParsedPage;
import dev.trawl.parse.StreamingLinkExtractor;
import dev.trawl.url.UrlFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one page costs without the network: lease it, extract its links, filter them, offer them,
 * complete it. Pages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBench {

    private List<Pages.Page> pages;
    private final LinkExtractor extractor = new StreamingLinkExtractor("trawl");
    private UrlFilter filter;
    private Frontier frontier;
    private int next;

    @Setup(Level.Trial)
    public void loadPages() {
        pages = Pages.sample(8, 400);
        List<String> hosts = new ArrayList<>();
        for (int h = 0; h < 8; h++) {
            hosts.add("127.0.0." + (10 + h));
        }
        filter = UrlFilter.builder().allowDomains(hosts).build();
    }

    @Setup(Level.Iteration)
    public void newFrontier() {
        frontier = InMemoryFrontier.builder()
                .politeness(Politeness.builder()
                        .perHost(1_000_000)
                        .delay(Duration.ZERO)
                        .build())
                .build();
    }

    @Benchmark
    public int onePage() throws InterruptedException {
        Pages.Page page = pages.get(next++ % pages.size());
        frontier.offer(List.of(CrawlRequest.seed(page.url())));
        List<Lease> leases = frontier.lease(1, Duration.ofMinutes(1));
        ParsedPage parsed = extractor.extract(page.html(), "utf-8", page.url());
        List<CrawlRequest> found = new ArrayList<>();
        for (Link link : parsed.links()) {
            if (filter.test(link.url())) {
                found.add(new CrawlRequest(link.url(), 1, page.url()));
            }
        }
        frontier.offer(found);
        leases.forEach(l -> frontier.complete(l, true));
        return found.size();
    }
}
