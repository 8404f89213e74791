package dev.trawl.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A server on a real loopback socket that misbehaves on purpose: each path has a behaviour that
 * writes whatever bytes it likes (or none, or resets the connection), so that tests can meet
 * every way a server can be hostile. Requests are logged by path.
 */
public final class HostileServer implements AutoCloseable {

    /** What happens on one connection once its request head is read. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(Socket socket, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final String address;
    private final Map<String, Behaviour> routes = new ConcurrentHashMap<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private static final ThreadLocal<String> PATH = new ThreadLocal<>();

    /** Starts on 127.0.0.{@code lastOctet}, on a free port. */
    public HostileServer(int lastOctet) throws IOException {
        address = "127.0.0." + lastOctet;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 500);
        Thread.ofVirtual().name("hostile-accept").start(this::acceptLoop);
    }

    /** {@code http://127.0.0.x:port} plus the path. */
    public String url(String path) {
        return "http://" + address + ":" + server.getLocalPort() + path;
    }

    /** The {@code host:port} of this server. */
    public String authority() {
        return address + ":" + server.getLocalPort();
    }

    /** Adds a behaviour for an exact request path, or for a path whatever its query. */
    public HostileServer on(String path, Behaviour behaviour) {
        routes.put(path, behaviour);
        return this;
    }

    /** Answers a path with a well-formed HTML page. */
    public HostileServer page(String path, String html) {
        return on(
                path,
                (s, out) -> respond(out, "200 OK", "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)));
    }

    /** The path (and query) of the request being answered, for a behaviour that serves many. */
    public static String requestPath() {
        return PATH.get();
    }

    /** Paths requested so far, in arrival order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    /** Blocks until the server closes: for behaviours that never finish. */
    public void hang() throws InterruptedException {
        closing.await();
    }

    /** Writes a whole response with a Content-Length. */
    public static void respond(OutputStream out, String status, String contentType, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // The headers are not needed.
            }
            String[] parts = requestLine.split(" ");
            String path = parts.length > 1 ? parts[1] : "";
            paths.add(path);
            PATH.set(path);
            int query = path.indexOf('?');
            Behaviour b = routes.getOrDefault(path, query < 0 ? null : routes.get(path.substring(0, query)));
            OutputStream out = socket.getOutputStream();
            if (b == null) {
                respond(out, "404 Not Found", "text/html", "<h1>no</h1>".getBytes(StandardCharsets.UTF_8));
            } else {
                b.answer(socket, out);
            }
        } catch (Exception e) {
            // A client that went away, or a behaviour that ended the connection: nothing to do.
        }
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
