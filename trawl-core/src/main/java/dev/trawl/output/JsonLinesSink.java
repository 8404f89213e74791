package dev.trawl.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trawl.CrawlListener;
import dev.trawl.PageRecord;
import dev.trawl.url.WebUrl;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one JSON object per line for every outcome: {@code url, final_url, status,
 * content_type, depth, referrer, bytes, elapsed_ms, fetched_at, title, links, attempts, error,
 * detail, redirects, canonical, noindex, kind}. Each line is flushed as it is written, so that a stopped crawl keeps all
 * it recorded.
 *
 * <pre>{@code
 * try (JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(Path.of("crawl.jsonl")))) {
 *     Crawler.builder().seeds("https://example.com/").listener(sink).build().run();
 * }
 * }</pre>
 */
public final class JsonLinesSink implements CrawlListener, AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;
    private final ReentrantLock lock = new ReentrantLock();

    /** Writes to {@code out}, which {@link #close()} closes. */
    public JsonLinesSink(OutputStream out) throws IOException {
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, true);
        json.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, true);
        json.setRootValueSeparator(null);
    }

    @Override
    public void onPage(PageRecord p) throws IOException {
        lock.lock();
        try {
            json.writeStartObject();
            json.writeStringField("url", p.url().href());
            json.writeStringField("final_url", p.finalUrl().href());
            json.writeNumberField("status", p.status());
            json.writeStringField("content_type", p.contentType());
            json.writeNumberField("depth", p.depth());
            json.writeStringField("referrer", href(p.referrer()));
            json.writeNumberField("bytes", p.bytes());
            json.writeNumberField("elapsed_ms", p.elapsedMillis());
            json.writeStringField("fetched_at", p.fetchedAt().toString());
            json.writeStringField("title", p.title());
            json.writeNumberField("links", p.links());
            json.writeNumberField("attempts", p.attempts());
            json.writeStringField("error", p.error());
            json.writeStringField("detail", p.detail());
            json.writeArrayFieldStart("redirects");
            for (WebUrl u : p.redirects()) {
                json.writeString(u.href());
            }
            json.writeEndArray();
            json.writeStringField("canonical", href(p.canonical()));
            json.writeBooleanField("noindex", p.noindex());
            json.writeStringField("kind", p.sitemap() ? "sitemap" : "page");
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        } finally {
            lock.unlock();
        }
    }

    private static String href(WebUrl url) {
        return url == null ? null : url.href();
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            json.close();
        } finally {
            lock.unlock();
        }
    }
}
