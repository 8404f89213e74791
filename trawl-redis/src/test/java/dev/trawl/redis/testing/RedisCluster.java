package dev.trawl.redis.testing;

import dev.trawl.redis.RedisTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of three masters on loopback, made as an operator would: three
 * {@code redis-server --cluster-enabled yes} and {@code redis-cli --cluster create}.
 */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /** Starts three masters and joins them into one cluster; returns once every node says ok. */
    public static RedisCluster start() throws IOException, InterruptedException {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.start(
                        "--cluster-enabled",
                        "yes",
                        "--cluster-config-file",
                        "nodes.conf",
                        "--cluster-node-timeout",
                        "5000"));
            }
            List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
            command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process create =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(create.getInputStream().readAllBytes());
            if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + output);
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.awaitOk();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    private void awaitOk() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (RedisServer n : nodes) {
            try (Jedis j = new Jedis("127.0.0.1", n.port())) {
                while (!j.clusterInfo().contains("cluster_state:ok")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the cluster did not become ok: " + j.clusterInfo());
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /** A new crawl's address, given by the first node (the client finds the others). */
    public RedisTarget newCrawl() {
        return new RedisTarget("127.0.0.1", nodes.get(0).port(), "test-" + UUID.randomUUID());
    }

    /** The masters' ports. */
    public List<Integer> ports() {
        return nodes.stream().map(RedisServer::port).toList();
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
