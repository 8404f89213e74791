package dev.trawl.fetch;

import dev.trawl.url.WebUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The {@link Fetcher} on Jetty's HTTP client, one client shared by all workers, called blocking
 * from virtual threads. Bodies are read as raw bytes through a capped stream and decoded here
 * (gzip, deflate), so that the size cap applies to what is decoded and a decompression bomb
 * stops at the cap. Only 2xx HTML bodies are read; other bodies are not downloaded.
 */
public final class JettyFetcher implements Fetcher {

    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    private final HttpClient client;
    private final FetchOptions options;

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
        client = new HttpClient();
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setConnectTimeout(options.connectTimeout().toMillis());
        client.setIdleTimeout(options.readTimeout().toMillis());
        client.setMaxConnectionsPerDestination(options.connectionsPerHost());
        // Jetty keeps per-destination state forever unless told otherwise.
        client.setDestinationIdleTimeout(60_000);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, options.userAgent()));
        // Decoding is done here, on bytes counted against the cap.
        client.getContentDecoderFactories().clear();
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
    }

    @Override
    public FetchResult fetch(WebUrl url) throws InterruptedException {
        return fetch(url, true, options.maxBytes());
    }

    @Override
    public FetchResult fetchFile(WebUrl url, long maxBytes) throws InterruptedException {
        return fetch(url, false, maxBytes);
    }

    private FetchResult fetch(WebUrl url, boolean htmlOnly, long maxBytes) throws InterruptedException {
        long start = System.nanoTime();
        Request request = client.newRequest(url.toUri())
                .method(HttpMethod.GET)
                .timeout(options.totalTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .idleTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> h.put(HttpHeader.ACCEPT, ACCEPT).put(HttpHeader.ACCEPT_ENCODING, "gzip, deflate"));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        Response response;
        try {
            response = listener.get(options.totalTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            return FetchResult.failed(url, millisSince(start), FetchError.TIMEOUT, "no response headers in time");
        } catch (ExecutionException e) {
            return failure(url, start, e.getCause());
        } catch (InterruptedException e) {
            request.abort(e);
            throw e;
        }
        int status = response.getStatus();
        String contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String location = response.getHeaders().get(HttpHeader.LOCATION);
        List<String> robotsTags = response.getHeaders().getValuesList("X-Robots-Tag");
        FetchResult.Headers headers = new FetchResult.Headers(response.getHeaders().get(HttpHeader.RETRY_AFTER),
                robotsTags.isEmpty() ? null : String.join(", ", robotsTags));
        boolean readBody = status >= 200 && status < 300 && (!htmlOnly || ContentTypes.isHtml(contentType));
        if (!readBody) {
            response.abort(new IOException("body not needed"));
            FetchError error = status >= 400 || (status >= 300 && location == null) ? FetchError.HTTP_STATUS
                    : status >= 200 && status < 300 ? FetchError.NOT_HTML : null;
            return FetchResult.withoutBody(url, status, contentType, location, millisSince(start), error,
                    error == null ? null : error == FetchError.NOT_HTML ? "not parsed: " + contentType : "HTTP " + status,
                    headers);
        }
        String encoding = response.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        try (InputStream raw = listener.getInputStream()) {
            InputStream decoded;
            try {
                decoded = decoder(raw, encoding);
            } catch (IOException e) {
                response.abort(e);
                return FetchResult.withoutBody(url, status, contentType, location, millisSince(start),
                        FetchError.BAD_ENCODING, "cannot decode " + encoding + " body", headers);
            }
            if (decoded == null) {
                response.abort(new IOException("unsupported encoding"));
                return FetchResult.withoutBody(url, status, contentType, location, millisSince(start),
                        FetchError.BAD_ENCODING, "unsupported Content-Encoding: " + encoding, headers);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean truncated = copyCapped(decoded, body, maxBytes);
            if (truncated) {
                response.abort(new IOException("body over the size cap"));
            }
            byte[] bytes = body.toByteArray();
            return new FetchResult(url, status, contentType, location, bytes, bytes.length, millisSince(start),
                    truncated ? FetchError.TOO_LARGE : null, truncated ? "body cut at " + maxBytes + " bytes" : null,
                    headers);
        } catch (IOException e) {
            response.abort(e);
            if (encoding != null && e instanceof ZipException) {
                return FetchResult.withoutBody(url, status, contentType, location, millisSince(start),
                        FetchError.BAD_ENCODING, "corrupt " + encoding + " body", headers);
            }
            return failure(url, start, e);
        }
    }

    /** Reads up to {@code cap} bytes; returns true when there was more. */
    private static boolean copyCapped(InputStream in, ByteArrayOutputStream out, long cap) throws IOException {
        byte[] buffer = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, cap - total + 1))) > 0) {
            if (total + n > cap) {
                out.write(buffer, 0, (int) (cap - total));
                return true;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return false;
    }

    /** A stream decoding the Content-Encoding, or {@code null} when it is not supported. */
    private static InputStream decoder(InputStream raw, String encoding) throws IOException {
        String e = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "", "identity", "none" -> raw;
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
            case "deflate" -> inflater(raw);
            default -> null;
        };
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

    private static FetchResult failure(WebUrl url, long start, Throwable t) {
        Throwable cause = rootCause(t);
        FetchError error;
        if (cause instanceof TimeoutException) {
            error = FetchError.TIMEOUT;
        } else if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            error = FetchError.DNS;
        } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof SSLException) {
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
