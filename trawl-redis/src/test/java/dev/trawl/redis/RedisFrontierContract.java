package dev.trawl.redis;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierContract;
import dev.trawl.frontier.Politeness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The frontier contract for the Redis frontier on some server. Each test is its own crawl;
 * reopening it joins the same crawl, as another process would. Leases live 1 s in Redis, so
 * that those of a crashed frontier come back within the test, and those of a live one must
 * survive on the heartbeat's renewals.
 */
abstract class RedisFrontierContract extends FrontierContract {

    private RedisTarget crawl;
    private final List<Frontier> opened = new ArrayList<>();

    /** A crawl name no other test uses, on the server under test. */
    protected abstract RedisTarget newCrawl() throws Exception;

    /** The crawl of the running test. */
    protected RedisTarget crawl() {
        return crawl;
    }

    @Override
    protected Frontier open(Politeness politeness) throws Exception {
        if (crawl == null) {
            crawl = newCrawl();
        }
        RedisFrontier f = RedisFrontier.builder(crawl)
                .politeness(politeness)
                .leaseTtl(Duration.ofSeconds(1))
                .build();
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
