package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Frontier} backend keeps (the TCK): each backend's test extends this
 * class and says how to open a frontier, and for persistent ones how to reopen it and how to
 * crash it.
 */
@Timeout(60)
public abstract class FrontierContract {

    private static final Duration LEASE = Duration.ofMinutes(10);

    /**
     * Opens the backend's frontier with these limits (a persistent one: on the same storage as
     * the last call, if any).
     */
    protected abstract Frontier open(Politeness politeness) throws Exception;

    /** Without a delay, so that the contract's leases come as fast as the limits allow. */
    private Frontier open(int perHost, long maxPages, long maxPagesPerHost) throws Exception {
        return open(Politeness.builder()
                .perHost(perHost)
                .delay(Duration.ZERO)
                .maxPages(maxPages)
                .maxPagesPerHost(maxPagesPerHost)
                .build());
    }

    private Frontier open(int perHost, long maxPages) throws Exception {
        return open(perHost, maxPages, 0);
    }

    /** Whether a frontier reopened after {@link Frontier#close()} continues the crawl. */
    protected boolean persistent() {
        return false;
    }

    /** Stops the frontier as {@code kill -9} would: no close, pending writes lost. */
    protected void crash(Frontier frontier) {
        throw new UnsupportedOperationException();
    }

    protected static CrawlRequest req(String url) {
        return CrawlRequest.seed(WebUrl.parse(url));
    }

    private static List<CrawlRequest> urls(int n, int hosts) {
        List<CrawlRequest> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(req("http://h" + (i % hosts) + ".test/" + i));
        }
        return all;
    }

    @Test
    void concurrentOffersAddEachUrlOnce() throws Exception {
        Frontier f = open(2, 0);
        AtomicInteger added = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                pool.execute(() -> {
                    for (CrawlRequest r : urls(1500, 7)) {
                        if (f.offer(List.of(r)).get(0) == OfferResult.ADDED) {
                            added.incrementAndGet();
                        }
                    }
                });
            }
        }
        assertThat(added.get()).isEqualTo(1500);
        assertThat(f.stats().queued()).isEqualTo(1500);
        assertThat(f.stats().seen()).isEqualTo(1500);
        f.close();
    }

    @Test
    void manyLeasersNeverBreakAHostsConcurrencyAndEveryUrlIsLeasedOnce() throws Exception {
        Frontier f = open(3, 0);
        f.offer(urls(2000, 5));
        ConcurrentHashMap<String, AtomicInteger> active = new ConcurrentHashMap<>();
        AtomicInteger worst = new AtomicInteger();
        Set<String> done = ConcurrentHashMap.newKeySet();
        AtomicInteger twice = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 64; w++) {
                pool.execute(() -> {
                    try {
                        for (List<Lease> ls = f.lease(1, LEASE); !ls.isEmpty(); ls = f.lease(1, LEASE)) {
                            Lease l = ls.get(0);
                            int now = active.computeIfAbsent(l.hostKey(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            worst.accumulateAndGet(now, Math::max);
                            if (!done.add(l.request().url().href())) {
                                twice.incrementAndGet();
                            }
                            Thread.yield();
                            active.get(l.hostKey()).decrementAndGet();
                            f.complete(l, true);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
        assertThat(done).hasSize(2000);
        assertThat(twice.get()).isZero();
        assertThat(worst.get()).isLessThanOrEqualTo(3);
        assertThat(f.lease(1, LEASE)).as("finished").isEmpty();
        f.close();
    }

    @Test
    void thePageLimitIsExactUnderConcurrency() throws Exception {
        Frontier f = open(4, 25);
        f.offer(urls(200, 3));
        AtomicInteger pages = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 12; w++) {
                pool.execute(() -> {
                    try {
                        for (List<Lease> ls = f.lease(1, LEASE); !ls.isEmpty(); ls = f.lease(1, LEASE)) {
                            Lease l = ls.get(0);
                            if (l.request().url().path().endsWith("7")) {
                                failures.incrementAndGet();
                                f.fail(l);
                            } else {
                                pages.incrementAndGet();
                                f.complete(l, true);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
        assertThat(pages.get()).isEqualTo(25);
        assertThat(f.stats().pages()).isEqualTo(25);
        assertThat(f.stats().failed()).isEqualTo(failures.get());
        f.close();
    }

    @Test
    void aRedirectHopGoesBeforeEverythingQueuedAndEachUrlIsLeasedOnce() throws Exception {
        Frontier f = open(1, 0);
        // More than a host's in-memory share, so that a store-backed frontier keeps some only in the store.
        f.offer(urls(300, 1));
        Lease first = f.lease(1, LEASE).get(0);
        CrawlRequest hop = new CrawlRequest(
                WebUrl.parse("http://h0.test/moved"),
                0,
                null,
                List.of(first.request().url()),
                1,
                false);
        assertThat(f.offer(List.of(hop))).containsExactly(OfferResult.ADDED);
        f.complete(first, false);

        List<String> order = new ArrayList<>();
        for (List<Lease> ls = f.lease(1, LEASE); !ls.isEmpty(); ls = f.lease(1, LEASE)) {
            order.add(ls.get(0).request().url().path());
            f.complete(ls.get(0), true);
        }

        assertThat(order.get(0)).isEqualTo("/moved");
        assertThat(order).hasSize(300).doesNotHaveDuplicates();
        f.close();
    }

    @Test
    void aHostsPageLimitHoldsAndAPageWithoutAnAnswerIsGivenBack() throws Exception {
        Frontier f = open(2, 0, 3);
        assertThat(List.of(
                        f.reservePage("a.test"),
                        f.reservePage("a.test"),
                        f.reservePage("a.test"),
                        f.reservePage("a.test")))
                .containsExactly(true, true, true, false);
        assertThat(f.reservePage("b.test")).isTrue();
        f.releasePage("a.test");
        assertThat(f.reservePage("a.test")).isTrue();
        assertThat(f.reservePage("a.test")).isFalse();
        f.close();
    }

    @Test
    void aGivenUpHostLosesItsQueueAndTakesNoMoreUrls() throws Exception {
        Frontier f = open(2, 0);
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2"), req("http://b.test/1")));

        assertThat(f.giveUpHost("a.test")).extracting(r -> r.url().path()).containsExactlyInAnyOrder("/1", "/2");

        assertThat(f.offer(List.of(req("http://a.test/3"), req("http://b.test/2"))))
                .containsExactly(OfferResult.GIVEN_UP, OfferResult.ADDED);
        assertThat(f.stats().queued()).isEqualTo(2);
        assertThat(f.giveUpHost("unknown.test")).isEmpty();
        f.close();
    }

    @Test
    void aContactOutsideALeaseCountsInTheHostsDelay() throws Exception {
        Duration delay = Duration.ofSeconds(1);
        Frontier f = open(Politeness.builder().perHost(2).delay(delay).build());
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2")));
        Lease first = f.lease(1, LEASE).get(0);
        f.sent(first);
        Thread.sleep(600);
        long contact = System.nanoTime();
        f.contacted("a.test"); // a request of the page that `first` renders

        Lease second = f.lease(1, LEASE).get(0);

        assertThat(Duration.ofNanos(System.nanoTime() - contact)).isGreaterThanOrEqualTo(delay.minusMillis(20));
        assertThat(second.request().url().path()).isEqualTo("/2");
        f.close();
    }

    @Test
    void anExpiredLeaseIsHandedOutAgain() throws Exception {
        Frontier f = open(1, 0);
        f.offer(List.of(req("http://a.test/1")));
        Lease first = f.lease(1, Duration.ofMillis(200)).get(0);

        Lease again = f.lease(1, LEASE).get(0);

        assertThat(again.request().url()).isEqualTo(first.request().url());
        assertThat(f.complete(first, true)).isFalse();
        assertThat(f.complete(again, true)).isTrue();
        assertThat(f.lease(1, LEASE)).as("finished").isEmpty();
        f.close();
    }

    @Test
    void aReopenedFrontierResumesWhereTheLastStopped() throws Exception {
        Assumptions.assumeTrue(persistent(), "this backend keeps nothing across a close: nothing to resume");
        Frontier f = open(10, 0);
        f.offer(urls(300, 3));
        List<Lease> leased = f.lease(10, LEASE);
        f.complete(leased.get(0), true);
        f.complete(leased.get(1), false);
        f.fail(leased.get(2));
        f.close();

        Frontier again = open(10, 0);

        assertThat(again.stats().pages()).isEqualTo(1);
        assertThat(again.stats().failed()).isEqualTo(1);
        assertThat(again.stats().queued()).isEqualTo(297);
        assertThat(again.offer(urls(300, 3))).containsOnly(OfferResult.DUPLICATE);
        Set<String> rest = drain(again);
        assertThat(rest)
                .hasSize(297)
                .doesNotContain(
                        leased.get(0).request().url().href(),
                        leased.get(1).request().url().href(),
                        leased.get(2).request().url().href());
        again.close();
    }

    @Test
    void afterACrashNothingIsLostAndOnlyLeasedUrlsComeBack() throws Exception {
        Assumptions.assumeTrue(persistent(), "this backend keeps nothing across a crash: nothing to resume");
        Frontier f = open(10, 0);
        f.offer(urls(100, 4));
        List<Lease> first = f.lease(8, LEASE);
        for (Lease l : first.subList(0, 4)) {
            f.complete(l, true);
        }
        // Let what was written so far reach the disk, as time would in a real crawl.
        f.offer(List.of(req("http://late.test/x")));
        Thread.sleep(300);
        crash(f);

        Frontier again = open(10, 0);
        assertThat(again.stats().pages()).isEqualTo(4);

        Set<String> rest = drain(again);
        Set<String> expected = new HashSet<>();
        urls(100, 4).forEach(r -> expected.add(r.url().href()));
        expected.add("http://late.test/x");
        first.subList(0, 4).forEach(l -> expected.remove(l.request().url().href()));
        assertThat(rest).isEqualTo(expected);
        again.close();
    }

    /** Leases and completes everything left; returns the URLs. */
    private static Set<String> drain(Frontier f) throws InterruptedException {
        Set<String> seen = new HashSet<>();
        for (List<Lease> ls = f.lease(50, LEASE); !ls.isEmpty(); ls = f.lease(50, LEASE)) {
            for (Lease l : ls) {
                seen.add(l.request().url().href());
                f.complete(l, true);
            }
        }
        return seen;
    }
}
