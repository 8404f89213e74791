package dev.trawl.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real proxy from Debian's packages on a free loopback port, for the tests: tinyproxy (HTTP,
 * with CONNECT) or microsocks (SOCKS5). Each connects onwards from an address of its own, so a
 * site can tell a proxied request from a direct one. Without the package the tests are skipped,
 * saying so, unless {@code TRAWL_REQUIRE_PROXIES} is set (as CI does).
 */
public final class LocalProxy implements AutoCloseable {

    private static final String REQUIRED = "TRAWL_REQUIRE_PROXIES";

    /** Where tinyproxy's onward connections come from. */
    public static final String TINYPROXY_FROM = "127.0.0.8";

    /** Where microsocks' onward connections come from. */
    public static final String MICROSOCKS_FROM = "127.0.0.9";

    private final String scheme;
    private final int port;
    private final Process process;
    private final Path log;

    private LocalProxy(String scheme, int port, Process process, Path log) {
        this.scheme = scheme;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** tinyproxy, asking for Basic credentials {@code user:password} (none when {@code user} is null). */
    public static LocalProxy tinyproxy(Path dir, String user, String password)
            throws IOException, InterruptedException {
        String tinyproxy = Installed.program("tinyproxy", "tinyproxy", REQUIRED);
        int port = freePort();
        Path log = dir.resolve("tinyproxy-" + port + ".log");
        List<String> conf = new ArrayList<>(List.of(
                "Port " + port,
                "Listen 127.0.0.1",
                "Bind " + TINYPROXY_FROM,
                "Timeout 30",
                "MaxClients 200",
                "LogLevel Info",
                "LogFile \"" + log + "\""));
        if (user != null) {
            conf.add("BasicAuth " + user + " " + password);
        }
        Path file = Files.write(dir.resolve("tinyproxy-" + port + ".conf"), conf);
        return start("http", port, log, tinyproxy, "-d", "-c", file.toString());
    }

    /** microsocks, asking for {@code user:password} (none when {@code user} is null). */
    public static LocalProxy microsocks(Path dir, String user, String password)
            throws IOException, InterruptedException {
        String microsocks = Installed.program("microsocks", "microsocks", REQUIRED);
        int port = freePort();
        List<String> command = new ArrayList<>(
                List.of(microsocks, "-i", "127.0.0.1", "-p", String.valueOf(port), "-b", MICROSOCKS_FROM));
        if (user != null) {
            command.addAll(List.of("-u", user, "-P", password));
        }
        return start("socks5", port, dir.resolve("microsocks-" + port + ".log"), command.toArray(String[]::new));
    }

    private static LocalProxy start(String scheme, int port, Path log, String... command)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile())
                .start();
        LocalProxy proxy = new LocalProxy(scheme, port, p, log);
        proxy.awaitListening();
        return proxy;
    }

    /** The proxy's URL, with {@code userInfo@} when it is not null. */
    public String url(String userInfo) {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port;
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException(scheme + " proxy did not start on port " + port + " (" + log + ")");
                }
                Thread.sleep(20);
            }
        }
    }

    /** A loopback port nothing listens on (a proxy that refuses connections). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        Installed.stop(process);
    }
}
