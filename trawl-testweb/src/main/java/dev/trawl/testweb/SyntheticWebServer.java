package dev.trawl.testweb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves a {@link SyntheticWeb} with Jetty, one connector per host on its own loopback address
 * (127.0.0.10 to 127.0.0.249, then 127.0.1.10 and on: {@link #address}), from memory; gzip when
 * asked, an optional latency per response (scheduled, holding no thread).
 *
 * <pre>{@code
 * try (SyntheticWebServer web = SyntheticWebServer.start(4, 200, 0, 42)) {
 *     String seed = web.web().seed();
 * }
 * }</pre>
 */
public final class SyntheticWebServer implements AutoCloseable {

    /** The first host's address is 127.0.0.{@value}. */
    public static final int FIRST_ADDRESS = 10;

    private static final int HOSTS_PER_SUBNET = 240;

    private final Server server;
    private final SyntheticWeb web;

    private SyntheticWebServer(Server server, SyntheticWeb web) {
        this.server = server;
        this.web = web;
    }

    /** The loopback address of host number {@code h} (from 0). */
    public static String address(int h) {
        return "127.0." + h / HOSTS_PER_SUBNET + "." + (FIRST_ADDRESS + h % HOSTS_PER_SUBNET);
    }

    /**
     * Starts a web of {@code hosts} hosts (at most 2,400) and {@code pages} pages.
     *
     * @param latencyMillis added before every response (0: none)
     * @param seed the same seed serves the same web
     */
    public static SyntheticWebServer start(int hosts, int pages, long latencyMillis, long seed) throws Exception {
        if (hosts < 1 || hosts > 10 * HOSTS_PER_SUBNET || pages < hosts) {
            throw new IllegalArgumentException("1 to 2,400 hosts, and at least one page per host");
        }
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(64, hosts + 32));
        threads.setName("testweb");
        threads.setDaemon(true);
        Server server = new Server(threads);
        List<ServerConnector> connectors = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            ServerConnector c = new ServerConnector(server, 0, 1);
            c.setHost(address(h));
            c.setAcceptQueueSize(1024);
            server.addConnector(c);
            connectors.add(c);
        }
        Serve handler = new Serve(latencyMillis);
        server.setHandler(handler);
        server.start();
        List<String> origins = new ArrayList<>();
        for (ServerConnector c : connectors) {
            origins.add("http://" + c.getHost() + ":" + c.getLocalPort());
        }
        SyntheticWeb web = new SyntheticWeb(origins, pages, seed);
        handler.web = web;
        return new SyntheticWebServer(server, web);
    }

    /** The web being served, with its ground truth. */
    public SyntheticWeb web() {
        return web;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class Serve extends Handler.Abstract {
        private final long latencyMillis;
        private volatile SyntheticWeb web;

        Serve(long latencyMillis) {
            this.latencyMillis = latencyMillis;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String url = "http://" + Request.getLocalAddr(request) + ":" + Request.getLocalPort(request)
                    + request.getHttpURI().getPathQuery();
            if (latencyMillis > 0) {
                request.getComponents()
                        .getScheduler()
                        .schedule(() -> answer(url, request, response, callback), latencyMillis, TimeUnit.MILLISECONDS);
            } else {
                answer(url, request, response, callback);
            }
            return true;
        }

        private void answer(String url, Request request, Response response, Callback callback) {
            SyntheticWeb.Response r = web == null ? null : web.get(url);
            if (r == null) {
                Response.writeError(request, response, callback, 404);
                return;
            }
            response.setStatus(r.status());
            if (r.location() != null) {
                response.getHeaders().put(HttpHeader.LOCATION, r.location());
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            String accept = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
            byte[] body = r.body();
            if (accept != null && accept.contains("gzip") && r.body().length > 0) {
                response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
                body = r.gzipped();
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** Serves a web until killed: {@code SyntheticWebServer HOSTS PAGES [LATENCY_MS] [SEED]}; prints the seed URL. */
    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int pages = Integer.parseInt(args[1]);
        long latency = args.length > 2 ? Long.parseLong(args[2]) : 0;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        SyntheticWebServer server = start(hosts, pages, latency, seed);
        System.out.println(server.web().seed() + " " + server.web().reachable().size());
        System.out.flush();
        Thread.currentThread().join();
    }
}
