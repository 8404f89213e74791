package dev.trawl.redis;

import dev.trawl.redis.testing.RedisServer;

/** The Redis frontier against the frontier contract, on a real single-node redis-server. */
class RedisFrontierContractTest extends RedisFrontierContract {

    @Override
    protected RedisTarget newCrawl() throws Exception {
        return RedisServer.shared().newCrawl();
    }
}
