package dev.trawl.redis;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierContract;
import dev.trawl.redis.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The Redis frontier against the frontier contract, on a real single-node redis-server. Each
 * test is its own crawl; reopening it joins the same crawl, as another process would. Leases
 * live 1 s in Redis, so that those of a crashed frontier come back within the test, and those of
 * a live one must survive on the heartbeat's renewals.
 */
class RedisFrontierContractTest extends FrontierContract {

    private RedisTarget crawl;
    private final List<Frontier> opened = new ArrayList<>();

    @Override
    protected Frontier open(int perHost, long maxPages) throws Exception {
        if (crawl == null) {
            crawl = RedisServer.shared().newCrawl();
        }
        RedisFrontier f = RedisFrontier.builder(crawl).perHost(perHost).maxPages(maxPages)
                .leaseTtl(Duration.ofSeconds(1)).build();
        opened.add(f);
        return f;
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Override
    protected void crash(Frontier frontier) {
        ((RedisFrontier) frontier).crash();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Frontier::close);
    }
}
