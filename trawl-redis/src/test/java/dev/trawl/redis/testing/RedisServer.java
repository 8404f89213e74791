package dev.trawl.redis.testing;

import dev.trawl.redis.RedisTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real redis-server for tests, on a free loopback port: the one {@code .ci/run} started (its
 * address in {@code TRAWL_TEST_REDIS}), or one started here. Without the Debian package the
 * tests are skipped, saying so, unless {@code TRAWL_REQUIRE_REDIS} is set (as CI does).
 */
public final class RedisServer implements AutoCloseable {

    private static final ReentrantLock SHARED_LOCK = new ReentrantLock();
    private static RedisServer shared;

    private final int port;
    private final Process process;
    private final Path dir;

    private RedisServer(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    /** The single-node server shared by this test JVM. */
    public static RedisServer shared() throws IOException, InterruptedException {
        SHARED_LOCK.lock();
        try {
            return sharedLocked();
        } finally {
            SHARED_LOCK.unlock();
        }
    }

    private static RedisServer sharedLocked() throws IOException, InterruptedException {
        if (shared == null) {
            String given = System.getenv("TRAWL_TEST_REDIS");
            if (given != null && !given.isBlank()) {
                RedisTarget t = RedisTarget.parse(given.strip() + "/x");
                shared = new RedisServer(t.port(), null, null);
            } else {
                shared = start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            }
        }
        return shared;
    }

    /** Starts a server of its own (stopped by {@link #close()}), with extra redis-server options. */
    public static RedisServer start(String... options) throws IOException, InterruptedException {
        requireInstalled();
        int port = freePort();
        Path dir = Files.createTempDirectory("trawl-redis-");
        List<String> command = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        RedisServer server = new RedisServer(port, p, dir);
        server.awaitReady();
        return server;
    }

    private static void requireInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/redis-server"))
                || System.getenv("PATH") != null
                        && List.of(System.getenv("PATH").split(":")).stream()
                                .anyMatch(d -> Files.isExecutable(Path.of(d, "redis-server")));
        if (!installed && System.getenv("TRAWL_REQUIRE_REDIS") != null) {
            throw new IllegalStateException("redis-server is not installed (apt-get install redis-server)");
        }
        Assumptions.assumeTrue(installed, "redis-server is not installed (apt-get install redis-server): skipped");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                j.ping();
                return;
            } catch (JedisException e) {
                if (System.nanoTime() > deadline || process != null && !process.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on port " + port + ": " + log(), e);
                }
                Thread.sleep(20);
            }
        }
    }

    private String log() {
        try {
            return dir == null ? "" : Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** A new crawl's address on this server, under a name no other test uses. */
    public RedisTarget newCrawl() {
        return new RedisTarget("127.0.0.1", port, "test-" + UUID.randomUUID());
    }

    /** Stops the server like {@code kill -9} would, when it was started here, and removes its folder. */
    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Best effort: a failure here must not hide the one that made the caller close.
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // left for the system's temp cleaning
            }
        }
    }
}
