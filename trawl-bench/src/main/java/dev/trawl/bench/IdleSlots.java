package dev.trawl.bench;

import dev.trawl.CrawlResult;
import dev.trawl.Crawler;
import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierStats;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.OfferResult;
import dev.trawl.frontier.Politeness;
import dev.trawl.testweb.SyntheticWebServer;
import dev.trawl.url.HostKeys;
import dev.trawl.url.UrlFilter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Does a polite crawl of many hosts leave a worker (a fetch slot) idle while a host is due?
 * Crawls a synthetic web of many hosts (served by a child process) with a per-host delay, one
 * fetch per host at a time and more workers than the delay lets work, with the crawler's own
 * frontier wrapped so that every offer, lease and return is logged with its time.
 *
 * <p>A host is due when a URL of it has been offered, its previous lease is back, and the delay
 * since that lease has passed. For every lease this reports how long after its host was due it
 * came, and for how much of that time fewer leases were out than there are workers: time a
 * worker was idle while the host was due, what a work-conserving scheduler keeps at zero.
 *
 * <pre>{@code IdleSlots [HOSTS=1000] [PAGES=6000] [DELAY_MS=4000] [WORKERS=128] [LATENCY_MS=50]}</pre>
 */
public final class IdleSlots {

    private IdleSlots() {}

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 6000;
        long delayMs = args.length > 2 ? Long.parseLong(args[2]) : 4000;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        long latencyMs = args.length > 4 ? Long.parseLong(args[4]) : 50;
        Duration delay = Duration.ofMillis(delayMs);
        // The web is served by a process of its own, so that its memory and threads are not the crawler's.
        String java = ProcessHandle.current().info().command().orElse("java");
        Process web = new ProcessBuilder(
                        java,
                        "-Xmx3g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SyntheticWebServer.class.getName(),
                        String.valueOf(hosts),
                        String.valueOf(Math.max(hosts * 2, pages * 2)),
                        String.valueOf(latencyMs))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            String seed = new BufferedReader(new InputStreamReader(web.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()
                    .split(" ")[0];
            List<String> addresses = new ArrayList<>();
            for (int h = 0; h < hosts; h++) {
                addresses.add(SyntheticWebServer.address(h));
            }
            Recorder frontier = new Recorder(InMemoryFrontier.builder()
                    .politeness(Politeness.builder()
                            .perHost(1)
                            .delay(delay)
                            .maxPages(pages)
                            .build())
                    .build());
            CrawlResult result;
            try (Crawler crawler = Crawler.builder()
                    .seeds(seed)
                    .filter(UrlFilter.builder().allowDomains(addresses).build())
                    .workers(workers)
                    .robots(false)
                    .retries(0)
                    .frontier(frontier)
                    .build()) {
                result = crawler.run();
            }
            report(frontier.events, result, delay.toNanos(), workers);
        } finally {
            web.destroyForcibly();
        }
    }

    private enum Kind {
        OFFER,
        LEASE,
        BACK
    }

    private record Event(Kind kind, long nanos, String url, String host, long lease) {}

    /** The crawler's frontier, logging what happens to it. */
    private static final class Recorder implements Frontier {
        private final Frontier frontier;
        final Queue<Event> events = new ConcurrentLinkedQueue<>();

        Recorder(Frontier frontier) {
            this.frontier = frontier;
        }

        @Override
        public List<OfferResult> offer(List<CrawlRequest> requests) {
            List<OfferResult> results = frontier.offer(requests);
            long now = System.nanoTime();
            for (int i = 0; i < requests.size(); i++) {
                if (results.get(i) == OfferResult.ADDED) {
                    CrawlRequest r = requests.get(i);
                    events.add(new Event(
                            Kind.OFFER, now, r.url().href(), HostKeys.byHost().apply(r.url()), 0));
                }
            }
            return results;
        }

        @Override
        public List<Lease> lease(int max, Duration leaseTime) throws InterruptedException {
            List<Lease> leases = frontier.lease(max, leaseTime);
            long now = System.nanoTime();
            for (Lease l : leases) {
                events.add(new Event(Kind.LEASE, now, l.request().url().href(), l.hostKey(), l.id()));
            }
            return leases;
        }

        private boolean back(Lease lease, boolean done) {
            if (done) {
                events.add(new Event(Kind.BACK, System.nanoTime(), null, lease.hostKey(), lease.id()));
            }
            return done;
        }

        @Override
        public boolean complete(Lease lease, boolean countsAsPage) {
            return back(lease, frontier.complete(lease, countsAsPage));
        }

        @Override
        public void sent(Lease lease) {
            frontier.sent(lease);
        }

        @Override
        public boolean fail(Lease lease) {
            return back(lease, frontier.fail(lease));
        }

        @Override
        public boolean requeue(Lease lease, CrawlRequest request, Duration after) {
            return back(lease, frontier.requeue(lease, request, after));
        }

        @Override
        public void updateHost(String hostKey, Duration delay, Duration pause) {
            frontier.updateHost(hostKey, delay, pause);
        }

        @Override
        public List<CrawlRequest> giveUpHost(String hostKey) {
            return frontier.giveUpHost(hostKey);
        }

        @Override
        public boolean reservePage(String hostKey) {
            return frontier.reservePage(hostKey);
        }

        @Override
        public void releasePage(String hostKey) {
            frontier.releasePage(hostKey);
        }

        @Override
        public Politeness politeness() {
            return frontier.politeness();
        }

        @Override
        public FrontierStats stats() {
            return frontier.stats();
        }

        @Override
        public void close() {
            frontier.close();
        }
    }

    private static void report(Queue<Event> log, CrawlResult result, long delay, int workers) {
        List<Event> events = new ArrayList<>(log);
        events.sort(Comparator.comparingLong(Event::nanos));
        // Leases out over time: times[i] on, out[i] of them.
        long[] times = new long[events.size()];
        int[] out = new int[events.size()];
        int now = 0;
        int maxOut = 0;
        Map<String, List<Event>> offersByHost = new HashMap<>();
        Map<String, List<Event>> leasesByHost = new HashMap<>();
        Map<String, Long> leasedAt = new HashMap<>();
        Map<Long, Long> backAt = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            switch (e.kind()) {
                case OFFER ->
                    offersByHost
                            .computeIfAbsent(e.host(), h -> new ArrayList<>())
                            .add(e);
                case LEASE -> {
                    now++;
                    leasesByHost
                            .computeIfAbsent(e.host(), h -> new ArrayList<>())
                            .add(e);
                    leasedAt.putIfAbsent(e.url(), e.nanos());
                }
                case BACK -> {
                    now--;
                    backAt.put(e.lease(), e.nanos());
                }
            }
            times[i] = e.nanos();
            out[i] = now;
            maxOut = Math.max(maxOut, now);
        }
        List<long[]> lateAndIdle = new ArrayList<>();
        leasesByHost.forEach((host, leases) -> {
            List<Event> offers = offersByHost.getOrDefault(host, List.of());
            for (int k = 0; k < leases.size(); k++) {
                Event lease = leases.get(k);
                // The host had a URL to fetch from the first offer of one not leased before this lease.
                long due = Long.MAX_VALUE;
                for (Event o : offers) {
                    if (leasedAt.getOrDefault(o.url(), Long.MAX_VALUE) >= lease.nanos()) {
                        due = Math.min(due, o.nanos());
                    }
                }
                if (k > 0) {
                    Event previous = leases.get(k - 1);
                    due = Math.max(
                            due,
                            Math.max(previous.nanos() + delay, backAt.getOrDefault(previous.lease(), Long.MAX_VALUE)));
                }
                long late = Math.max(0, lease.nanos() - due);
                long idle = late == 0 ? 0 : idleTime(times, out, workers, due, lease.nanos());
                lateAndIdle.add(new long[] {late, idle, lease.nanos() - times[0]});
            }
        });
        double seconds = (times[times.length - 1] - times[0]) / 1e9;
        System.out.printf(
                "%d leases of %d hosts in %.1f s (%.1f/s), %d pages; at most %d of %d workers holding a lease;"
                        + " crawler CPU %.1f s%n",
                lateAndIdle.size(),
                leasesByHost.size(),
                seconds,
                lateAndIdle.size() / seconds,
                result.pages(),
                maxOut,
                workers,
                ProcessHandle.current()
                                .info()
                                .totalCpuDuration()
                                .orElse(Duration.ZERO)
                                .toMillis()
                        / 1000.0);
        print("all leases", lateAndIdle, 0);
        // The first seconds are the JVM's start-up: code still interpreted or being compiled, first connections.
        print("after the first 3 s", lateAndIdle, 3_000_000_000L);
    }

    private static void print(String which, List<long[]> lateAndIdle, long after) {
        long[] late = lateAndIdle.stream()
                .filter(a -> a[2] >= after)
                .mapToLong(a -> a[0])
                .sorted()
                .toArray();
        long[] idle = lateAndIdle.stream()
                .filter(a -> a[2] >= after)
                .mapToLong(a -> a[1])
                .sorted()
                .toArray();
        if (late.length == 0) {
            System.out.printf("%s: none%n", which);
            return;
        }
        System.out.printf(
                "%s (%d): after the host was due, leased in (ms) median %.2f, p99 %.2f, max %.2f;"
                        + " a worker idle meanwhile (ms) median %.2f, p99 %.2f, max %.2f; idle over 10 ms: %d%n",
                which,
                late.length,
                ms(late, 0.5),
                ms(late, 0.99),
                late[late.length - 1] / 1e6,
                ms(idle, 0.5),
                ms(idle, 0.99),
                idle[idle.length - 1] / 1e6,
                Arrays.stream(idle).filter(t -> t > 10_000_000L).count());
    }

    /** How long, between {@code from} and {@code to}, fewer leases were out than there are workers. */
    private static long idleTime(long[] times, int[] out, int workers, long from, long to) {
        int i = Arrays.binarySearch(times, from);
        i = i >= 0 ? i : Math.max(0, -i - 2);
        long idle = 0;
        for (; i < times.length && times[i] < to; i++) {
            long start = Math.max(from, times[i]);
            long end = i + 1 < times.length ? Math.min(to, times[i + 1]) : to;
            if (out[i] < workers && end > start) {
                idle += end - start;
            }
        }
        return idle;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
