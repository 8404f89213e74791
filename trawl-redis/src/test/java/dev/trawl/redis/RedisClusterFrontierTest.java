package dev.trawl.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.Politeness;
import dev.trawl.redis.testing.RedisCluster;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The same frontier and the same scripts on a 3-master Redis Cluster: the whole frontier
 * contract, and the crawl's keys spread over all three masters.
 */
class RedisClusterFrontierTest extends RedisFrontierContract {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected RedisTarget newCrawl() {
        return cluster.newCrawl();
    }

    @Test
    void theCrawlsKeysAreSpreadOverEveryMasterAndEachHostsKeysShareASlot() throws Exception {
        // A fixed name, so that every run is the same: its 17 hash tags ({spread}, {spread:p0} ...)
        // fall in all three masters' slot ranges (7, 6 and 4 of them).
        RedisTarget spread = new RedisTarget("127.0.0.1", cluster.ports().get(0), "spread");
        try (RedisFrontier f = RedisFrontier.builder(spread)
                .politeness(Politeness.builder().delay(Duration.ZERO).build())
                .build()) {
            List<CrawlRequest> urls = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                urls.add(CrawlRequest.seed(WebUrl.parse("http://host" + (i % 60) + ".test/" + i)));
            }
            f.offer(urls);
            List<Lease> leased = f.lease(20, Duration.ofMinutes(1));
            assertThat(leased).hasSize(20);

            Set<Integer> mastersWithKeys = new HashSet<>();
            for (int port : cluster.ports()) {
                try (Jedis node = new Jedis("127.0.0.1", port)) {
                    Set<String> keys = node.keys("trawl:{" + spread.crawl() + "*");
                    if (!keys.isEmpty()) {
                        mastersWithKeys.add(port);
                    }
                    for (String key : keys) {
                        if (key.contains(":q:")) {
                            String host = key.substring(key.indexOf(":q:") + 3);
                            String tag = key.substring(0, key.indexOf("}:") + 2);
                            assertThat(node.exists(tag + "stats"))
                                    .as("the partition of %s on the same node", host)
                                    .isTrue();
                        }
                    }
                }
            }
            assertThat(mastersWithKeys).hasSize(3);
            assertThat(f.stats().queued()).isEqualTo(280);
            assertThat(f.stats().inFlight()).isEqualTo(20);
            leased.forEach(l -> f.complete(l, true));
            assertThat(f.stats().pages()).isEqualTo(20);
        }
    }
}
