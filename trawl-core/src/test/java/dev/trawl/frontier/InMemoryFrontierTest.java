package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InMemoryFrontierTest {

    private static final Duration LEASE = Duration.ofHours(1);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private static CrawlRequest req(String url) {
        return CrawlRequest.seed(WebUrl.parse(url));
    }

    /** A frontier on the test's clock, with these limits on top of no delay. */
    private InMemoryFrontier.Builder frontier(UnaryOperator<Politeness.Builder> limits) {
        return InMemoryFrontier.builder()
                .clock(clock::get)
                .politeness(
                        limits.apply(Politeness.builder().delay(Duration.ZERO)).build());
    }

    private InMemoryFrontier.Builder frontier() {
        return frontier(p -> p);
    }

    @Test
    void addsEachUrlOnceAndTellsWhichWereDuplicates() {
        InMemoryFrontier f = frontier().build();
        assertThat(f.offer(List.of(req("http://a.test/1"), req("http://a.test/2"), req("http://a.test/1"))))
                .containsExactly(OfferResult.ADDED, OfferResult.ADDED, OfferResult.DUPLICATE);
        assertThat(f.offer(List.of(req("http://a.test/2")))).containsExactly(OfferResult.DUPLICATE);
        assertThat(f.stats().seen()).isEqualTo(2);
        assertThat(f.stats().queued()).isEqualTo(2);
    }

    @Test
    void neverLeasesMoreThanTheConcurrencyOfAHost() throws Exception {
        InMemoryFrontier f = frontier(p -> p.perHost(2)).build();
        f.offer(List.of(
                req("http://a.test/1"), req("http://a.test/2"), req("http://a.test/3"), req("http://b.test/1")));

        List<Lease> first = f.lease(10, LEASE);

        assertThat(first).extracting(Lease::hostKey).containsExactlyInAnyOrder("a.test", "a.test", "b.test");
        Lease a = first.stream()
                .filter(l -> l.hostKey().equals("a.test"))
                .findFirst()
                .orElseThrow();
        assertThat(f.complete(a, true)).isTrue();
        assertThat(f.lease(10, LEASE)).extracting(l -> l.request().url().path()).containsExactly("/3");
    }

    /** Leases in the background: the future is not done while nothing is due on the fake clock. */
    private Future<List<Lease>> leaseInBackground(ExecutorService pool, Frontier f) throws InterruptedException {
        Future<List<Lease>> waiting = pool.submit(() -> f.lease(10, LEASE));
        Thread.sleep(200);
        return waiting;
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void theDelayCountsFromWhenARequestWentOutAndNothingElseOfTheHostLeavesBefore() throws Exception {
        InMemoryFrontier f =
                frontier(p -> p.perHost(5).delay(Duration.ofSeconds(2))).build();
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2"), req("http://b.test/1")));

        List<Lease> first = f.lease(10, LEASE);
        assertThat(first).extracting(Lease::hostKey).containsExactlyInAnyOrder("a.test", "b.test");
        Lease a1 = first.stream()
                .filter(l -> l.hostKey().equals("a.test"))
                .findFirst()
                .orElseThrow();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Lease>> waiting = leaseInBackground(pool, f);
            // The first request has not gone out yet, however long that takes.
            advance(Duration.ofSeconds(10));
            Thread.sleep(200);
            assertThat(waiting).isNotDone();
            f.sent(a1);
            advance(Duration.ofMillis(1999));
            Thread.sleep(200);
            assertThat(waiting).isNotDone();
            advance(Duration.ofMillis(1));
            assertThat(waiting.get()).extracting(l -> l.request().url().href()).containsExactly("http://a.test/2");
        }
    }

    @Test
    void theDelayCountsFromTheEndOfTheLastExchangeWhenThatIsLater() throws Exception {
        InMemoryFrontier f =
                frontier(p -> p.perHost(2).delay(Duration.ofSeconds(2))).build();
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2"), req("http://a.test/3")));
        Lease a1 = f.lease(10, LEASE).get(0);
        f.sent(a1);
        advance(Duration.ofSeconds(2));
        Lease a2 = f.lease(10, LEASE).get(0);
        f.sent(a2);
        advance(Duration.ofSeconds(3));
        // The answer to /1 ends 5 s after it went out: /3 waits 2 s from now, not from /2's start.
        assertThat(f.complete(a1, true)).isTrue();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Lease>> waiting = leaseInBackground(pool, f);
            advance(Duration.ofMillis(1999));
            Thread.sleep(200);
            assertThat(waiting).isNotDone();
            advance(Duration.ofMillis(1));
            assertThat(waiting.get()).extracting(l -> l.request().url().path()).containsExactly("/3");
        }
    }

    @Test
    void aContactOutsideALeaseDelaysTheHostsNextLease() throws Exception {
        InMemoryFrontier f =
                frontier(p -> p.perHost(2).delay(Duration.ofSeconds(1))).build();
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2")));
        Lease a1 = f.lease(10, LEASE).get(0);
        f.sent(a1);
        advance(Duration.ofMillis(900));
        f.contacted("a.test"); // a request of the page a1 renders
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Lease>> waiting = leaseInBackground(pool, f);
            advance(Duration.ofMillis(999));
            Thread.sleep(200);
            assertThat(waiting).as("leased within the delay after the contact").isNotDone();
            advance(Duration.ofMillis(1));
            assertThat(waiting.get()).extracting(l -> l.request().url().path()).containsExactly("/2");
        }
    }

    @Test
    void aLeaseGivenBackUnsentCountsAsContactWhenItEnds() throws Exception {
        InMemoryFrontier f =
                frontier(p -> p.perHost(3).delay(Duration.ofSeconds(1))).build();
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2")));
        Lease a1 = f.lease(10, LEASE).get(0);
        advance(Duration.ofSeconds(4));
        assertThat(f.requeue(a1, a1.request().nextAttempt(), Duration.ZERO)).isTrue();
        assertThat(f.stats().hostsDelayed()).isEqualTo(1);
        advance(Duration.ofSeconds(1));
        assertThat(f.lease(10, LEASE)).extracting(l -> l.request().url().path()).containsExactly("/1");
        f.sent(a1);
        assertThat(f.stats().inFlight()).isEqualTo(1);
    }

    @Test
    void anIdleHostIsKeptUntilItsDelayHasPassedThenForgotten() throws Exception {
        InMemoryFrontier f =
                frontier(p -> p.perHost(1).delay(Duration.ofSeconds(1))).build();
        f.offer(List.of(req("http://a.test/1")));
        Lease a1 = f.lease(1, LEASE).get(0);
        f.sent(a1);
        f.complete(a1, true);
        assertThat(f.stats().hosts())
                .as("kept: a URL of it offered now still waits")
                .isEqualTo(1);

        advance(Duration.ofSeconds(1));

        assertThat(f.lease(1, LEASE)).as("finished").isEmpty();
        assertThat(f.stats().hosts()).isZero();
    }

    @Test
    void withoutADelayLeasesOfAHostDoNotWaitForEachOthersRequests() throws Exception {
        InMemoryFrontier f = frontier(p -> p.perHost(3)).build();
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2"), req("http://a.test/3")));
        assertThat(f.lease(10, LEASE)).hasSize(3);
    }

    @Test
    void thePageBudgetCountsCompletedPagesOnly() throws Exception {
        InMemoryFrontier f = frontier(p -> p.perHost(10).maxPages(2)).build();
        for (int i = 0; i < 5; i++) {
            f.offer(List.of(req("http://a.test/" + i)));
        }
        List<Lease> leases = f.lease(10, LEASE);
        assertThat(leases).hasSize(2);
        f.fail(leases.get(0));
        List<Lease> more = f.lease(10, LEASE);
        assertThat(more).hasSize(1);
        f.complete(leases.get(1), true);
        f.complete(more.get(0), true);
        assertThat(f.lease(1, LEASE)).as("finished").isEmpty();
        assertThat(f.lease(10, LEASE)).isEmpty();
        assertThat(f.stats().pages()).isEqualTo(2);
        assertThat(f.stats().failed()).isEqualTo(1);
    }

    @Test
    void aRedirectHopDoesNotCountAsAPage() throws Exception {
        InMemoryFrontier f = frontier(p -> p.maxPages(1)).build();
        f.offer(List.of(req("http://a.test/old")));
        f.complete(f.lease(1, LEASE).get(0), false);
        f.offer(List.of(req("http://a.test/new")));
        assertThat(f.lease(1, LEASE)).extracting(l -> l.request().url().path()).containsExactly("/new");
    }

    @Test
    void anExpiredLeaseIsHandedOutAgainAndItsLateReturnIgnored() throws Exception {
        InMemoryFrontier f = frontier().build();
        f.offer(List.of(req("http://a.test/1")));
        Lease first = f.lease(1, Duration.ofSeconds(30)).get(0);
        clock.addAndGet(Duration.ofSeconds(31).toNanos());

        Lease again = f.lease(1, Duration.ofSeconds(30)).get(0);

        assertThat(again.request()).isEqualTo(first.request());
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(f.complete(first, true)).isFalse();
        assertThat(f.complete(again, true)).isTrue();
        assertThat(f.stats().pages()).isEqualTo(1);
        assertThat(f.lease(1, LEASE)).as("finished").isEmpty();
    }

    @Test
    void aWaitingLeaseWakesWhenWorkArrivesOrTheFrontierCloses() throws Exception {
        InMemoryFrontier f = frontier().build();
        f.offer(List.of(req("http://a.test/1")));
        Lease busy = f.lease(1, LEASE).get(0);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Lease>> waiting = pool.submit(() -> f.lease(1, LEASE));
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            f.offer(List.of(req("http://b.test/1")));
            assertThat(waiting.get()).extracting(Lease::hostKey).containsExactly("b.test");

            Future<List<Lease>> closed = pool.submit(() -> f.lease(1, LEASE));
            Thread.sleep(100);
            assertThat(closed).isNotDone();
            f.close();
            assertThat(closed.get()).isEmpty();
        }
        assertThat(f.complete(busy, true)).isTrue();
    }

    @Test
    void manyWaitingLeasesAllGoOnWhenManyHostsArriveAtOnceAndAllReturnWhenTheCrawlEnds() throws Exception {
        // One waiter is woken per change, and each that leaves wakes the next: none may be left waiting.
        InMemoryFrontier f = frontier().clock(System::nanoTime).build();
        f.offer(List.of(req("http://seed.test/")));
        Lease seed = f.lease(1, LEASE).get(0);
        List<Lease> granted = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch leased = new CountDownLatch(40);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Lease>>> waiting = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                waiting.add(pool.submit(() -> {
                    List<Lease> l = f.lease(1, LEASE);
                    if (!l.isEmpty()) {
                        granted.addAll(l);
                        leased.countDown();
                    }
                    return l;
                }));
            }
            Thread.sleep(100);
            List<CrawlRequest> found = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                found.add(req("http://h" + i + ".test/"));
            }
            f.offer(found);
            assertThat(leased.await(10, TimeUnit.SECONDS))
                    .as("all 40 hosts leased")
                    .isTrue();
            assertThat(granted)
                    .extracting(Lease::hostKey)
                    .doesNotHaveDuplicates()
                    .hasSize(40);
            f.complete(seed, true);
            List.copyOf(granted).forEach(l -> f.complete(l, true));
            int ended = 0;
            for (Future<List<Lease>> w : waiting) {
                ended += w.get(10, TimeUnit.SECONDS).isEmpty() ? 1 : 0;
            }
            assertThat(ended).as("waiters told the crawl is over").isEqualTo(10);
        }
        assertThat(f.lease(1, LEASE)).as("finished").isEmpty();
    }

    @Test
    void aRequeuedRequestWaitsItsTimeWithoutHoldingAnything() throws Exception {
        InMemoryFrontier f = frontier(p -> p.perHost(1)).build();
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2"), req("http://b.test/1")));
        List<Lease> first = f.lease(10, LEASE);
        Lease a1 = first.stream()
                .filter(l -> l.hostKey().equals("a.test"))
                .findFirst()
                .orElseThrow();

        assertThat(f.requeue(a1, a1.request().nextAttempt(), Duration.ofSeconds(5)))
                .isTrue();

        assertThat(f.stats().inFlight()).isEqualTo(1);
        assertThat(f.stats().hostsDelayed()).isEqualTo(1);
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        Lease again = f.lease(1, LEASE).get(0);
        assertThat(again.request().url().path()).isEqualTo("/1");
        assertThat(again.request().attempt()).isEqualTo(2);
        assertThat(f.requeue(a1, a1.request(), Duration.ZERO)).isFalse();
    }

    @Test
    void aHostCanBeGivenItsOwnDelayAndPaused() throws Exception {
        InMemoryFrontier f = frontier(p -> p.perHost(5)).build();
        f.offer(List.of(
                req("http://a.test/1"), req("http://a.test/2"), req("http://a.test/3"), req("http://b.test/1")));
        f.updateHost("a.test", Duration.ofSeconds(3), null);

        List<Lease> first = f.lease(10, LEASE);
        assertThat(first).extracting(Lease::hostKey).containsExactlyInAnyOrder("a.test", "b.test");
        first.forEach(f::sent);
        advance(Duration.ofSeconds(3));
        List<Lease> second = f.lease(10, LEASE);
        assertThat(second).extracting(l -> l.request().url().path()).containsExactly("/2");
        f.sent(second.get(0));

        f.updateHost("a.test", null, Duration.ofSeconds(60));
        advance(Duration.ofSeconds(3));
        assertThat(f.stats().hostsPaused()).isEqualTo(1);
        advance(Duration.ofSeconds(57));
        assertThat(f.lease(10, LEASE)).extracting(l -> l.request().url().path()).containsExactly("/3");
    }

    @Test
    void drainingAHostReturnsItsQueueAndTheCrawlCanFinish() throws Exception {
        InMemoryFrontier f = frontier(p -> p.perHost(1)).build();
        f.offer(List.of(req("http://a.test/1"), req("http://a.test/2"), req("http://a.test/3")));
        Lease inFlight = f.lease(1, LEASE).get(0);

        assertThat(f.giveUpHost("a.test")).extracting(r -> r.url().path()).containsExactly("/2", "/3");

        assertThat(f.stats().queued()).isZero();
        assertThat(f.stats().inFlight()).isEqualTo(1);
        f.complete(inFlight, true);
        assertThat(f.lease(1, LEASE)).as("finished").isEmpty();
        assertThat(f.giveUpHost("unknown.test")).isEmpty();
    }
}
