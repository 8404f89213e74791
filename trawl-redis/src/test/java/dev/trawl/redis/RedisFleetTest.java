package dev.trawl.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.OfferResult;
import dev.trawl.frontier.Politeness;
import dev.trawl.redis.testing.RedisServer;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What only a shared frontier must do: two frontiers on one crawl (two processes, here in one
 * JVM) share one seen-set, one politeness per host and one crawl end.
 */
@Timeout(60)
class RedisFleetTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private final List<Frontier> opened = new ArrayList<>();

    private RedisFrontier join(RedisTarget crawl, int perHost, Duration delay) {
        RedisFrontier f = RedisFrontier.builder(crawl)
                .politeness(Politeness.builder().perHost(perHost).delay(delay).build())
                .leaseTtl(Duration.ofSeconds(2))
                .build();
        opened.add(f);
        return f;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Frontier::close);
    }

    private static CrawlRequest req(String url) {
        return CrawlRequest.seed(WebUrl.parse(url));
    }

    @Test
    void theSecondProcessFindsTheFirstsSettingsAndSeenSet() throws Exception {
        RedisTarget crawl = RedisServer.shared().newCrawl();
        RedisFrontier first = join(crawl, 3, Duration.ofMillis(50));
        assertThat(first.offer(List.of(req("http://a.test/1")))).containsExactly(OfferResult.ADDED);

        RedisFrontier second = join(crawl, 9, Duration.ZERO);

        assertThat(first.joined()).isEqualTo(RedisFrontier.Joined.STARTED);
        assertThat(second.joined()).isEqualTo(RedisFrontier.Joined.JOINED);
        // The joined process enforces the crawl's limits, and its crawler sizes itself by them.
        assertThat(second.politeness().perHost()).isEqualTo(3);
        assertThat(second.politeness().delay()).isEqualTo(Duration.ofMillis(50));
        assertThat(second.settings().describe()).isEqualTo(first.settings().describe());
        assertThat(second.offer(List.of(req("http://a.test/1"), req("http://a.test/2"))))
                .containsExactly(OfferResult.DUPLICATE, OfferResult.ADDED);
        assertThat(first.stats().queued()).isEqualTo(2);
    }

    @Test
    void aHostsPageLimitAndItsGivingUpHoldAcrossProcesses() throws Exception {
        RedisTarget crawl = RedisServer.shared().newCrawl();
        RedisFrontier first = RedisFrontier.builder(crawl)
                .politeness(Politeness.builder().maxPagesPerHost(3).build())
                .build();
        opened.add(first);
        RedisFrontier second = join(crawl, 2, Duration.ZERO);

        assertThat(second.politeness().maxPagesPerHost()).isEqualTo(3);
        assertThat(List.of(
                        first.reservePage("a.test"),
                        second.reservePage("a.test"),
                        first.reservePage("a.test"),
                        second.reservePage("a.test")))
                .containsExactly(true, true, true, false);
        second.releasePage("a.test");
        assertThat(first.reservePage("a.test")).isTrue();

        second.offer(List.of(req("http://gone.test/1")));
        first.giveUpHost("gone.test");
        assertThat(second.offer(List.of(req("http://gone.test/2")))).containsExactly(OfferResult.GIVEN_UP);
    }

    @Test
    void aHostsConcurrencyAndDelayHoldAcrossProcesses() throws Exception {
        RedisTarget crawl = RedisServer.shared().newCrawl();
        Duration delay = Duration.ofMillis(150);
        List<RedisFrontier> fleet = List.of(join(crawl, 1, delay), join(crawl, 1, delay));
        List<CrawlRequest> urls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            urls.add(req("http://polite.test/" + i));
        }
        fleet.get(0).offer(urls);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger worst = new AtomicInteger();
        ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (RedisFrontier f : fleet) {
                for (int w = 0; w < 4; w++) {
                    pool.execute(() -> {
                        try {
                            for (List<Lease> ls = f.lease(1, LEASE); !ls.isEmpty(); ls = f.lease(1, LEASE)) {
                                starts.add(System.nanoTime());
                                worst.accumulateAndGet(active.incrementAndGet(), Math::max);
                                Thread.sleep(20);
                                active.decrementAndGet();
                                f.complete(ls.get(0), true);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
            }
        }
        assertThat(worst.get()).isEqualTo(1);
        List<Long> sorted = starts.stream().sorted().toList();
        assertThat(sorted).hasSize(12);
        for (int i = 1; i < sorted.size(); i++) {
            // Lease starts are spaced by Redis's clock; seen here, give or take the scheduling of two
            // threads (generous: without the shared delay they would be 20 ms apart).
            assertThat(Duration.ofNanos(sorted.get(i) - sorted.get(i - 1))).isGreaterThan(delay.dividedBy(2));
        }
        assertThat(fleet.get(0).stats().pages()).isEqualTo(12);
        assertThat(fleet.get(1).lease(1, LEASE)).as("finished").isEmpty();
    }

    @Test
    void aPauseOrARetryWaitSetByOneProcessHoldsForTheOther() throws Exception {
        RedisTarget crawl = RedisServer.shared().newCrawl();
        RedisFrontier one = join(crawl, 2, Duration.ZERO);
        RedisFrontier other = join(crawl, 2, Duration.ZERO);
        one.offer(List.of(req("http://slow.test/1"), req("http://slow.test/2")));

        one.updateHost("slow.test", null, Duration.ofMillis(600));
        long asked = System.nanoTime();
        Lease lease = other.lease(1, LEASE).get(0);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThan(Duration.ofMillis(450));

        assertThat(other.requeue(lease, lease.request().nextAttempt(), Duration.ofMillis(600)))
                .isTrue();
        asked = System.nanoTime();
        Lease again = one.lease(1, LEASE).get(0);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThan(Duration.ofMillis(450));
        assertThat(again.request().url()).isEqualTo(lease.request().url());
        assertThat(again.request().attempt()).isEqualTo(2);
    }

    @Test
    void aHostGivenUpByOneProcessIsDrainedForAll() throws Exception {
        RedisTarget crawl = RedisServer.shared().newCrawl();
        RedisFrontier one = join(crawl, 2, Duration.ZERO);
        RedisFrontier other = join(crawl, 2, Duration.ZERO);
        one.offer(List.of(req("http://gone.test/1"), req("http://gone.test/2"), req("http://fine.test/1")));

        assertThat(other.giveUpHost("gone.test"))
                .extracting(r -> r.url().href())
                .containsExactly("http://gone.test/1", "http://gone.test/2");

        Lease only = one.lease(5, LEASE).get(0);
        assertThat(only.request().url().href()).isEqualTo("http://fine.test/1");
        one.complete(only, true);
        assertThat(one.lease(1, LEASE)).isEmpty();
        assertThat(other.lease(1, LEASE))
                .as("the other process learns the crawl is over")
                .isEmpty();
    }
}
