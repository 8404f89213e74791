package dev.trawl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's package) serving a folder on a loopback address and a free port, for
 * the tests: over TLS with HTTP/2 offered, or in clear text. Its access log names, per request,
 * the protocol, the connection, and when the request came and how long it took. Without nginx
 * the tests are skipped, saying so, unless {@code TRAWL_REQUIRE_NGINX} is set (as CI does).
 */
public final class LocalNginx implements AutoCloseable {

    private static final String REQUIRED = "TRAWL_REQUIRE_NGINX";

    private final String address;
    private final int port;
    private final boolean tls;
    private final Process process;
    private final Path dir;

    private LocalNginx(String address, int port, boolean tls, Process process, Path dir) {
        this.address = address;
        this.port = port;
        this.tls = tls;
        this.process = process;
        this.dir = dir;
    }

    /**
     * Starts nginx on {@code address} serving {@code root}.
     *
     * @param tls whether to speak TLS (with a self-signed certificate for the address, {@link
     *     #certificate()}) and offer HTTP/2
     * @param extra directives for the server block, such as {@code limit_rate 4k;}
     */
    public static LocalNginx serve(Path dir, String address, Path root, boolean tls, String extra)
            throws IOException, InterruptedException {
        String program = Installed.program("nginx", "nginx-light", REQUIRED);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
            port = s.getLocalPort();
        }
        Path prefix = Files.createDirectories(dir.resolve("nginx-" + port));
        String listen = "listen " + address + ":" + port + (tls ? " ssl http2;" : ";");
        String certificates = "";
        if (tls) {
            run(
                    prefix,
                    Installed.program("openssl", "openssl", REQUIRED),
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-subj",
                    "/CN=" + address,
                    "-addext",
                    "subjectAltName=IP:" + address,
                    "-days",
                    "2",
                    "-keyout",
                    "key.pem",
                    "-out",
                    "cert.pem");
            certificates = "ssl_certificate " + prefix.resolve("cert.pem") + "; ssl_certificate_key "
                    + prefix.resolve("key.pem") + ";";
        }
        String user = System.getProperty("user.name");
        Files.writeString(prefix.resolve("nginx.conf"), """
                user %s;
                worker_processes 1;
                daemon off;
                pid %s/nginx.pid;
                error_log %s/error.log;
                events { worker_connections 256; }
                http {
                  log_format trawl '$msec $request_time $server_protocol $connection $request_uri $status';
                  access_log %s/access.log trawl;
                  client_body_temp_path %s/body; proxy_temp_path %s/proxy; fastcgi_temp_path %s/fastcgi;
                  uwsgi_temp_path %s/uwsgi; scgi_temp_path %s/scgi;
                  types { text/html html; text/plain txt; }
                  server { %s %s root %s; %s }
                }
                """.formatted(
                        user,
                        prefix,
                        prefix,
                        prefix,
                        prefix,
                        prefix,
                        prefix,
                        prefix,
                        prefix,
                        listen,
                        certificates,
                        root,
                        extra));
        Process p = new ProcessBuilder(
                        program,
                        "-p",
                        prefix.toString(),
                        "-c",
                        prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile())
                .start();
        LocalNginx nginx = new LocalNginx(address, port, tls, p, prefix);
        nginx.awaitListening();
        return nginx;
    }

    /** {@code https://address:port} (or http) plus the path. */
    public String url(String path) {
        return (tls ? "https" : "http") + "://" + address + ":" + port + path;
    }

    /** The server's self-signed certificate to trust, or none for a plain-HTTP server. */
    public List<X509Certificate> certificates() throws IOException, CertificateException {
        if (!tls) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            return certs;
        }
    }

    /** What nginx wrote to its error log (for a failing test's message). */
    public String errors() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * One request as nginx logged it.
     *
     * @param endSeconds when the answer was done, in seconds since the epoch
     * @param seconds how long the request took
     * @param protocol {@code HTTP/2.0} or {@code HTTP/1.1}
     * @param connection nginx's serial number of the connection it came on
     */
    public record Logged(
            double endSeconds, double seconds, String protocol, long connection, String path, int status) {}

    /** Every request nginx logged, in the order they ended. */
    public List<Logged> log() throws IOException {
        Path log = dir.resolve("access.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream()
                .map(l -> l.split(" "))
                .map(f -> new Logged(
                        Double.parseDouble(f[0]),
                        Double.parseDouble(f[1]),
                        f[2],
                        Long.parseLong(f[3]),
                        f[4],
                        Integer.parseInt(f[5])))
                .toList();
    }

    private void awaitListening() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("nginx did not start: "
                            + Files.readString(dir.resolve("nginx.out")).strip());
                }
                Thread.sleep(20);
            }
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = dir.resolve(Path.of(command[0]).getFileName() + ".out");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
        }
    }

    @Override
    public void close() throws InterruptedException {
        Installed.stop(process);
    }
}
