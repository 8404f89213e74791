package dev.trawl.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Where a shared crawl lives: {@code redis://host:port/crawl-name}. The server may be a single
 * Redis (or Valkey) or any node of a Redis Cluster; {@link #connect()} finds out which.
 *
 * @param host the server's host
 * @param port the server's port
 * @param crawl the crawl's name: letters, digits, {@code . _ -}
 */
public record RedisTarget(String host, int port, String crawl) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Checks the parts. */
    public RedisTarget {
        if (!NAME.matcher(crawl).matches()) {
            throw new IllegalArgumentException("crawl name must be 1-100 letters, digits, '.', '_' or '-': " + crawl);
        }
    }

    /**
     * Reads {@code redis://host[:port]/crawl-name} (port 6379 by default).
     *
     * @throws IllegalArgumentException with a one-line reason when it is not such a URL
     */
    public static RedisTarget parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a redis://host:port/crawl-name URL: " + text);
        }
        if (!"redis".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || uri.getPath() == null
                || uri.getPath().length() < 2
                || uri.getQuery() != null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("not a redis://host:port/crawl-name URL: " + text);
        }
        return new RedisTarget(
                uri.getHost(),
                uri.getPort() == -1 ? 6379 : uri.getPort(),
                uri.getPath().substring(1));
    }

    /**
     * Connects: a cluster client when the server is a Redis Cluster node, else a pooled client.
     *
     * @throws JedisException when the server cannot be reached
     */
    public UnifiedJedis connect() {
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) TIMEOUT.toMillis())
                .socketTimeoutMillis((int) TIMEOUT.toMillis())
                .clientName("trawl")
                .build();
        HostAndPort node = new HostAndPort(host, port);
        boolean cluster;
        try (Jedis probe = new Jedis(node, config)) {
            cluster = probe.info("cluster").contains("cluster_enabled:1");
        }
        // Every worker may give a lease back at once: enough connections that they seldom wait.
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setJmxEnabled(false);
        if (cluster) {
            return RedisClusterClient.builder()
                    .nodes(java.util.Set.of(node))
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
        }
        return RedisClient.builder()
                .hostAndPort(node)
                .clientConfig(config)
                .poolConfig(pool)
                .build();
    }

    @Override
    public String toString() {
        return "redis://" + host + ":" + port + "/" + crawl;
    }
}
