package dev.trawl.sqlite;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.frontier.Politeness;
import dev.trawl.url.WebUrl;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap held by a frontier with N queued URLs on 1,000 hosts, in memory ({@code memory}) and on
 * SQLite ({@code sqlite}), or by the seen-set alone after N URLs were crawled ({@code seen}: each
 * batch is leased and completed as soon as it is offered). Not a test: run it with
 * {@code bench/frontier-memory.sh N [memory|sqlite|seen]}.
 */
public final class FrontierMemoryBench {

    private FrontierMemoryBench() {}

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        String backend = args.length > 1 ? args[1] : "sqlite";
        Path dir = Files.createTempDirectory("trawl-bench");
        long before = usedHeap();
        long start = System.nanoTime();
        CrawlState state = null;
        Frontier frontier;
        if (backend.equals("sqlite")) {
            state = CrawlState.open(dir.resolve("bench.db"), "bench", false);
            frontier = InMemoryFrontier.builder().store(state.frontierStore()).build();
        } else {
            frontier = InMemoryFrontier.builder()
                    .politeness(Politeness.builder()
                            .perHost(1000)
                            .delay(Duration.ZERO)
                            .build())
                    .build();
        }
        List<CrawlRequest> batch = new ArrayList<>(1000);
        for (long i = 0; i < n; i++) {
            batch.add(CrawlRequest.seed(WebUrl.parse(
                    "http://host" + (i % 1000) + ".example/section/" + (i / 1000) + "/page-" + i + ".html?ref=home")));
            if (batch.size() == 1000) {
                frontier.offer(batch);
                if (backend.equals("seen")) {
                    for (var lease : frontier.lease(1000, java.time.Duration.ofMinutes(1))) {
                        frontier.complete(lease, true);
                    }
                }
                batch.clear();
            }
        }
        frontier.offer(batch);
        long offered = System.nanoTime();
        long after = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "%s: %,d URLs offered in %.1f s; heap held %,d MB (%.1f bytes per URL); seen %,d%n",
                backend,
                n,
                (offered - start) / 1e9,
                (after - before) >> 20,
                (double) (after - before) / n,
                frontier.stats().seen());
        frontier.close();
        if (state != null) {
            state.close();
            System.out.printf(
                    Locale.ROOT,
                    "sqlite file: %,d MB; closed in %.1f s%n",
                    Files.size(dir.resolve("bench.db")) >> 20,
                    (System.nanoTime() - offered) / 1e9);
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
