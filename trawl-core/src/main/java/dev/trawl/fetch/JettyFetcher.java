package dev.trawl.fetch;

import dev.trawl.url.WebUrl;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.brotli.dec.BrotliInputStream;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The {@link Fetcher} on Jetty's HTTP client, one client shared by all workers, called blocking
 * from virtual threads. Bodies are read as raw bytes through a capped stream and decoded here
 * (gzip, deflate, brotli), so that the size cap applies to what is decoded and a decompression bomb
 * stops at the cap. Only 2xx HTML bodies are read; other bodies are not downloaded.
 */
public final class JettyFetcher implements Fetcher {

    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    /** What {@link #decoder} decodes, and nothing else. */
    private static final String ACCEPT_ENCODING = "gzip, deflate, br";

    private final HttpClient client;
    private final FetchOptions options;
    private final JettyProxy proxy;

    /**
     * Starts a client.
     *
     * @throws IllegalStateException if the client cannot start
     */
    public JettyFetcher(FetchOptions options) {
        this.options = options;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("trawl-http");
        threads.setDaemon(true);
        client = options.http2() ? new HttpClient(http2Transport()) : new HttpClient();
        client.setExecutor(threads);
        // Jetty's own timer thread is not a daemon: a crawler left unclosed would keep the JVM alive.
        client.setScheduler(new ScheduledExecutorScheduler("trawl-http-timer", true));
        client.setFollowRedirects(false);
        client.setConnectTimeout(options.connectTimeout().toMillis());
        client.setIdleTimeout(options.readTimeout().toMillis());
        client.setMaxConnectionsPerDestination(options.connectionsPerHost());
        // Jetty keeps per-destination state forever unless told otherwise.
        client.setDestinationIdleTimeout(60_000);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, options.userAgent()));
        client.setHttpCookieStore(
                !options.cookies()
                        ? new HttpCookieStore.Empty()
                        : (options.cookieJar() != null ? options.cookieJar() : new CookieJar()).store());
        // The client's default: the JDK's trust store, and the host name checked (HTTPS).
        SslContextFactory.Client tls = new DeferredTls();
        client.setSslContextFactory(tls);
        if (options.insecure()) {
            tls.setTrustAll(true);
            tls.setEndpointIdentificationAlgorithm(null);
        } else if (!options.trusted().isEmpty()) {
            tls.setTrustStore(TrustStores.withDefaults(options.trusted()));
        }
        // Behind a proxy, trawl connects only to the proxy, and the sites' addresses are checked before each request.
        boolean guardConnections = options.denyPrivate() && options.proxy() == null;
        if (!options.addresses().isEmpty() || guardConnections) {
            // Resolved where the request is sent: on the worker's virtual thread, which may block.
            SocketAddressResolver resolver = new SocketAddressResolver.Sync();
            if (!options.addresses().isEmpty()) {
                resolver = new FixedAddresses(options.addresses(), resolver);
            }
            client.setSocketAddressResolver(guardConnections ? new PrivateAddressGuard(resolver) : resolver);
        }
        proxy = options.proxy() == null ? null : JettyProxy.install(client, options.proxy());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
        // Decoding is done here, on bytes counted against the cap (and kept raw for WARC). The
        // client installs its decoders when it starts, so they are removed after.
        client.getContentDecoderFactories().clear();
    }

    /**
     * HTTP/1.1 and HTTP/2 on one connector: over TLS, ALPN picks what the server prefers of both;
     * in clear text, the first (HTTP/1.1) is spoken.
     */
    private static HttpClientTransport http2Transport() {
        ClientConnector connector = new ClientConnector();
        return new HttpClientTransportDynamic(
                connector,
                HttpClientConnectionFactory.HTTP11,
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector)));
    }

    @Override
    public FetchResult fetch(WebUrl url, Runnable sent) throws InterruptedException {
        return fetchIfChanged(url, null, sent);
    }

    @Override
    public FetchResult fetchIfChanged(WebUrl url, Validators known, Runnable sent) throws InterruptedException {
        return fetch(url, true, known, options.maxBytes(), sent);
    }

    @Override
    public FetchResult fetchFile(WebUrl url, long maxBytes, Runnable sent) throws InterruptedException {
        return fetch(url, false, null, maxBytes, sent);
    }

    /**
     * @param page whether this is a page (only HTML is read, unless all types are) or a file such as robots.txt
     * @param known what to ask the page's change with, or {@code null}
     */
    private FetchResult fetch(WebUrl url, boolean page, Validators known, long maxBytes, Runnable sent)
            throws InterruptedException {
        long start = System.nanoTime();
        if (proxy != null && options.denyPrivate()) {
            try {
                PrivateAddressGuard.requirePublic(url.host());
            } catch (IOException e) {
                return failure(url, start, e, false);
            }
        }
        Request request;
        try {
            request = client.newRequest(url.toUri());
        } catch (IllegalArgumentException e) {
            return FetchResult.failed(url, 0, FetchError.BAD_URL, "cannot be requested: " + e.getMessage());
        }
        request.method(HttpMethod.GET)
                .timeout(options.totalTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .idleTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> {
                    requestHeaders(url, h);
                    if (known != null) {
                        conditions(known, h);
                    }
                });
        InputStreamResponseListener listener = new InputStreamResponseListener();
        SendingWatch sending = new SendingWatch(request);
        request.send(listener);
        Response response;
        try {
            sending.await(options.totalTimeout().toMillis(), sent);
            response = listener.get(options.totalTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            return FetchResult.failed(url, millisSince(start), FetchError.TIMEOUT, "no response headers in time");
        } catch (ExecutionException e) {
            return failure(url, start, e.getCause(), false);
        } catch (InterruptedException e) {
            request.abort(e);
            throw e;
        }
        Answer answer = new Answer(url, start, request, response);
        int status = answer.status;
        boolean readBody = status >= 200
                && status < 300
                && (!page || options.readAllTypes() || ContentTypes.isHtml(answer.contentType));
        if (!readBody) {
            response.abort(new IOException("body not needed"));
            FetchError error = known != null && status == 304
                    ? FetchError.NOT_MODIFIED
                    : status >= 400 || (status >= 300 && answer.location == null)
                            ? FetchError.HTTP_STATUS
                            : status >= 200 && status < 300 ? FetchError.NOT_HTML : null;
            return answer.result(new byte[0], false, error, error == null ? null : note(error, status, answer));
        }
        String encoding = response.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        try (InputStream raw = answer.tee(listener.getInputStream())) {
            InputStream decoded;
            try {
                decoded = decoder(raw, encoding);
            } catch (IOException e) {
                response.abort(e);
                if (!(e instanceof ZipException || brotliFailure(e))) {
                    // The decoder reads its header at once: a broken connection shows up here too.
                    return failure(url, start, e, true);
                }
                return answer.result(
                        new byte[0], false, FetchError.BAD_ENCODING, "cannot decode " + encoding + " body");
            }
            if (decoded == null) {
                response.abort(new IOException("unsupported encoding"));
                return answer.result(
                        new byte[0], false, FetchError.BAD_ENCODING, "unsupported Content-Encoding: " + encoding);
            }
            byte[] body = readCapped(decoded, maxBytes);
            if (body.length > maxBytes) {
                response.abort(new IOException("body over the size cap"));
                return answer.result(
                        Arrays.copyOf(body, (int) maxBytes),
                        false,
                        FetchError.TOO_LARGE,
                        "body cut at " + maxBytes + " bytes");
            }
            // A page's body read only to be kept (readAllTypes) is not parsed.
            boolean kept = page && !ContentTypes.isHtml(answer.contentType);
            return answer.result(
                    body, true, kept ? FetchError.NOT_HTML : null, kept ? "not parsed: " + answer.contentType : null);
        } catch (IOException e) {
            response.abort(e);
            if (encoding != null && (e instanceof ZipException || brotliFailure(e))) {
                return answer.result(new byte[0], false, FetchError.BAD_ENCODING, "corrupt " + encoding + " body");
            }
            return failure(url, start, e, true);
        }
    }

    private static String note(FetchError error, int status, Answer answer) {
        return switch (error) {
            case NOT_MODIFIED -> "not modified since the previous pass";
            case NOT_HTML -> "not parsed: " + answer.contentType;
            default -> "HTTP " + status;
        };
    }

    /** If-None-Match and If-Modified-Since, as the previous answer's ETag and Last-Modified allow. */
    private static void conditions(Validators known, HttpFields.Mutable h) {
        if (known.etag() != null) {
            h.put(HttpHeader.IF_NONE_MATCH, known.etag());
        }
        if (known.lastModified() != null) {
            h.put(HttpHeader.IF_MODIFIED_SINCE, known.lastModified());
        }
    }

    /**
     * trawl's Accept and Accept-Encoding, Basic credentials where they belong, then the user's
     * headers: Accept and Accept-Language replace trawl's.
     */
    private void requestHeaders(WebUrl url, HttpFields.Mutable h) {
        h.put(HttpHeader.ACCEPT, ACCEPT).put(HttpHeader.ACCEPT_ENCODING, ACCEPT_ENCODING);
        FetchOptions.Credentials login = options.credentials();
        if (login != null && login.origins().contains(FetchOptions.Credentials.origin(url))) {
            h.put(HttpHeader.AUTHORIZATION, login.basic());
        }
        for (Map.Entry<String, String> header : options.headers()) {
            if (header.getKey().equalsIgnoreCase("Accept") || header.getKey().equalsIgnoreCase("Accept-Language")) {
                h.put(header.getKey(), header.getValue());
            } else {
                h.add(header.getKey(), header.getValue());
            }
        }
    }

    /**
     * Tells the caller, on its own thread, when the request has been written: Jetty says so on
     * one of its threads, which must not wait for the frontier.
     */
    private static final class SendingWatch {
        private final CountDownLatch settled = new CountDownLatch(1);
        private volatile boolean committed;

        SendingWatch(Request request) {
            request.onRequestCommit(r -> {
                committed = true;
                settled.countDown();
            });
            request.onRequestFailure((r, failure) -> settled.countDown());
        }

        /** Waits until the request went out or failed, and runs {@code sent} if it went out. */
        void await(long timeoutMillis, Runnable sent) throws InterruptedException {
            if (settled.await(timeoutMillis, TimeUnit.MILLISECONDS) && committed) {
                sent.run();
            }
        }
    }

    /** What is known of an answer once its headers are in; makes the result when the body is done. */
    private final class Answer {
        final WebUrl url;
        final long start;
        final Request request;
        final Response response;
        final int status;
        final String contentType;
        final String location;
        final FetchResult.Headers headers;
        final Instant date = Instant.now();
        ByteArrayOutputStream rawCopy;

        Answer(WebUrl url, long start, Request request, Response response) {
            this.url = url;
            this.start = start;
            this.request = request;
            this.response = response;
            this.status = response.getStatus();
            this.contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
            this.location = response.getHeaders().get(HttpHeader.LOCATION);
            Map<String, List<String>> all = new LinkedHashMap<>();
            for (HttpField f : response.getHeaders()) {
                all.computeIfAbsent(f.getName(), k -> new ArrayList<>(1)).add(f.getValue());
            }
            this.headers = new FetchResult.Headers(all);
        }

        /** The raw body, copied as it is read when exchanges are kept. */
        InputStream tee(InputStream raw) {
            if (!options.keepExchanges()) {
                return raw;
            }
            rawCopy = new ByteArrayOutputStream();
            return new FilterInputStream(raw) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        rawCopy.write(b);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    if (n > 0) {
                        rawCopy.write(buf, off, n);
                    }
                    return n;
                }
            };
        }

        FetchResult result(byte[] body, boolean bodyComplete, FetchError error, String detail) {
            FetchResult.Exchange exchange = null;
            if (options.keepExchanges()) {
                byte[] raw = rawCopy == null ? new byte[0] : rawCopy.toByteArray();
                String length = response.getHeaders().get(HttpHeader.CONTENT_LENGTH);
                boolean complete = bodyComplete || "0".equals(length) || status == 204 || status == 304;
                exchange = new FetchResult.Exchange(requestHead(), responseHead(), raw, complete, date);
            }
            return new FetchResult(
                    url,
                    status,
                    version(response.getVersion()),
                    contentType,
                    location,
                    body,
                    body.length,
                    millisSince(start),
                    error,
                    detail,
                    headers,
                    exchange);
        }

        private String requestHead() {
            StringBuilder sb = new StringBuilder();
            String target = url.toUri().getRawPath()
                    + (url.query() == null ? "" : "?" + url.toUri().getRawQuery());
            sb.append(request.getMethod())
                    .append(' ')
                    .append(target)
                    .append(' ')
                    .append(request.getVersion())
                    .append("\r\n");
            for (HttpField f : request.getHeaders()) {
                // Credentials are not archived: the record says a header was sent, not what it held.
                boolean secret =
                        f.getHeader() == HttpHeader.AUTHORIZATION || f.getHeader() == HttpHeader.PROXY_AUTHORIZATION;
                sb.append(f.getName())
                        .append(": ")
                        .append(secret ? "<hidden>" : f.getValue())
                        .append("\r\n");
            }
            return sb.append("\r\n").toString();
        }

        private String responseHead() {
            StringBuilder sb = new StringBuilder();
            sb.append(response.getVersion())
                    .append(' ')
                    .append(status)
                    .append(' ')
                    .append(response.getReason() == null ? "" : response.getReason())
                    .append("\r\n");
            for (HttpField f : response.getHeaders()) {
                if (f.getHeader() != HttpHeader.TRANSFER_ENCODING) {
                    sb.append(f.getName()).append(": ").append(f.getValue()).append("\r\n");
                }
            }
            return sb.append("\r\n").toString();
        }
    }

    /** {@code HTTP/1.1}, or {@code HTTP/2} as the protocol is named (Jetty says {@code HTTP/2.0}). */
    private static String version(HttpVersion v) {
        return v == HttpVersion.HTTP_2 ? "HTTP/2" : v == HttpVersion.HTTP_3 ? "HTTP/3" : v.asString();
    }

    /**
     * Reads up to {@code cap} bytes and one more, which tells that there was more, into one array
     * that doubles as it fills (no buffer copied into a stream, and that stream into an array).
     */
    private static byte[] readCapped(InputStream in, long cap) throws IOException {
        int limit = (int) Math.min(cap, FetchOptions.MAX_BODY_BYTES) + 1;
        byte[] body = new byte[Math.min(limit, 32768)];
        int total = 0;
        while (true) {
            if (total == body.length) {
                if (total == limit) {
                    return body;
                }
                body = Arrays.copyOf(body, (int) Math.min(limit, 2L * total));
            }
            int n = in.read(body, total, body.length - total);
            if (n < 0) {
                return total == body.length ? body : Arrays.copyOf(body, total);
            }
            total += n;
        }
    }

    /** A stream decoding the Content-Encoding, or {@code null} when it is not supported. */
    private static InputStream decoder(InputStream raw, String encoding) throws IOException {
        String e = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "", "identity", "none" -> raw;
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
            case "deflate" -> inflater(raw);
            case "br" -> new BrotliInputStream(raw);
            default -> null;
        };
    }

    /**
     * Whether the brotli decoder found the body corrupt: it says so in an IOException of its own
     * words, with no I/O failure (a broken connection) beneath it.
     */
    private static boolean brotliFailure(IOException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return false;
            }
        }
        return String.valueOf(e.getMessage()).startsWith("Brotli");
    }

    /** "deflate" should be zlib-wrapped, but some servers send raw deflate: look at the header. */
    private static InputStream inflater(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 1);
        int first = in.read();
        if (first >= 0) {
            in.unread(first);
        }
        boolean zlib = (first & 0x0F) == 8;
        return new InflaterInputStream(in, new Inflater(!zlib), 8192);
    }

    /** @param answered whether the response had begun: a TLS error after that is no handshake failure */
    private FetchResult failure(WebUrl url, long start, Throwable t, boolean answered) {
        String tls = answered ? null : TlsFailures.reason(t);
        for (Throwable c = t; c != null && tls == null; c = c.getCause()) {
            if (c instanceof DeferredTls.SetupFailed setup) {
                tls = setup.getMessage();
            }
        }
        if (tls != null) {
            return FetchResult.failed(url, millisSince(start), FetchError.TLS, tls);
        }
        Throwable cause = rootCause(t);
        String proxyFailure = proxy == null || answered ? null : proxy.failure(cause);
        if (proxyFailure != null) {
            return FetchResult.failed(url, millisSince(start), FetchError.PROXY, proxyFailure);
        }
        FetchError error;
        if (cause instanceof PrivateAddressGuard.DeniedAddressException) {
            error = FetchError.DENIED;
        } else if (cause instanceof TimeoutException) {
            error = FetchError.TIMEOUT;
        } else if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            error = FetchError.DNS;
        } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            error = FetchError.CONNECT;
        } else {
            error = FetchError.IO;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return FetchResult.failed(url, millisSince(start), error, message);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            if (c instanceof TimeoutException) {
                return c;
            }
            c = c.getCause();
        }
        return c;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // Nothing is left to release when stopping fails half-way.
        }
    }
}
