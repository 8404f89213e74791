package dev.trawl.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Real HTTP servers on loopback for the tests: one {@link Site} per 127.0.0.x address, each
 * with its own routes and a log of the requests it served (with the concurrency it saw).
 */
public final class TestWeb implements AutoCloseable {

    private static final String ANSWERED = "testweb.answered";

    private final List<Site> sites = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** Starts a site on 127.0.0.{@code lastOctet}, on a free port. */
    public Site site(int lastOctet) throws IOException {
        Site site = new Site("127.0.0." + lastOctet, null);
        sites.add(site);
        return site;
    }

    /** Starts an HTTPS site on 127.0.0.{@code lastOctet}, on a free port, with this server certificate. */
    public Site tlsSite(int lastOctet, SSLContext tls) throws IOException {
        Site site = new Site("127.0.0." + lastOctet, tls);
        sites.add(site);
        return site;
    }

    /** Every request served by every site, in arrival order per site. */
    public List<Request> requests() {
        List<Request> all = new ArrayList<>();
        sites.forEach(s -> all.addAll(s.log));
        return all;
    }

    @Override
    public void close() {
        closing.countDown();
        sites.forEach(s -> s.server.stop(0));
        sites.forEach(s -> s.executor.shutdownNow());
    }

    /**
     * One logged request: from its arrival to the start of its answer.
     *
     * @param from the address the connection came from
     */
    public record Request(String host, String path, long startNanos, long endNanos, String from) {}

    /** What a route does with a request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    /** One HTTP server on one loopback address. */
    public final class Site {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final Map<String, Handler> routes = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Request> log = new ConcurrentLinkedQueue<>();
        private final String address;
        private volatile long latencyMillis;
        private final String scheme;

        Site(String address, SSLContext tls) throws IOException {
            this.address = address;
            if (tls == null) {
                server = HttpServer.create(new InetSocketAddress(address, 0), 200);
            } else {
                HttpsServer https = HttpsServer.create(new InetSocketAddress(address, 0), 200);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
            this.scheme = tls == null ? "http" : "https";
            server.setExecutor(executor);
            server.createContext("/", this::serve);
            server.start();
        }

        /** {@code http://127.0.0.x:port} (or https) plus the path. */
        public String url(String path) {
            return scheme + "://" + address + ":" + server.getAddress().getPort() + path;
        }

        /** The {@code host:port} of this site. */
        public String authority() {
            return address + ":" + server.getAddress().getPort();
        }

        /** Adds a route for an exact path (query included, if any). */
        public Site route(String path, Handler handler) {
            routes.put(path, handler);
            return this;
        }

        /** Serves an HTML page. */
        public Site page(String path, String html) {
            return route(path, ex -> send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)));
        }

        /** Serves a page whose body holds links to these hrefs. */
        public Site linking(String path, String... hrefs) {
            StringBuilder html = new StringBuilder("<html><head><title>" + path + "</title></head><body>");
            for (String href : hrefs) {
                html.append("<a href=\"")
                        .append(href)
                        .append("\">")
                        .append(href)
                        .append("</a>\n");
            }
            return page(path, html.append("</body></html>").toString());
        }

        /** A hub: {@code /} links to {@code n} pages {@code /p0} ... that link nowhere. */
        public Site hub(int n) {
            String[] links = new String[n];
            for (int i = 0; i < n; i++) {
                links[i] = "/p" + i;
                linking(links[i]);
            }
            return linking("/", links);
        }

        /** Answers with a status and a redirect Location. */
        public Site redirect(String path, int status, String location) {
            return route(path, ex -> {
                ex.getResponseHeaders().set("Location", location);
                send(ex, status, "text/html", new byte[0]);
            });
        }

        /** Delays every answer of this site, so that requests overlap. */
        public Site latency(long millis) {
            this.latencyMillis = millis;
            return this;
        }

        /** Requests this site served. */
        public List<Request> requests() {
            return List.copyOf(log);
        }

        /** Paths requested, in order. */
        public List<String> paths() {
            return log.stream().map(Request::path).toList();
        }

        /**
         * The most requests this site was working on at once: each counts from its arrival to
         * the moment its answer started, since the client may send the next request as soon as
         * it has the answer.
         */
        public int maxConcurrent() {
            List<long[]> events = new ArrayList<>();
            for (Request r : log) {
                events.add(new long[] {r.startNanos(), 1});
                events.add(new long[] {r.endNanos(), -1});
            }
            events.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            int now = 0;
            int max = 0;
            for (long[] e : events) {
                now += (int) e[1];
                max = Math.max(max, now);
            }
            return max;
        }

        /** Blocks until the test web closes: a server that never answers. */
        public void hang() throws InterruptedException {
            closing.await();
        }

        private void serve(HttpExchange ex) throws IOException {
            long start = System.nanoTime();
            String path = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + ex.getRequestURI().getRawQuery());
            try {
                if (latencyMillis > 0) {
                    Thread.sleep(latencyMillis);
                }
                Handler handler = routes.get(path);
                if (handler == null) {
                    send(ex, 404, "text/html", "<h1>not found</h1>".getBytes(StandardCharsets.UTF_8));
                } else {
                    handler.handle(ex);
                }
            } catch (Exception e) {
                // A handler that throws drops the connection without an answer.
                ex.close();
            } finally {
                Object answered = ex.getAttribute(ANSWERED);
                long end = answered == null ? System.nanoTime() : (long) answered;
                log.add(new Request(
                        address,
                        path,
                        start,
                        end,
                        ex.getRemoteAddress().getAddress().getHostAddress()));
                ex.close();
            }
        }
    }

    /** Sends a whole response with a Content-Length. */
    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.setAttribute(ANSWERED, System.nanoTime());
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
