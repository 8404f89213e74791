package dev.trawl.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trawl.PageRecord;
import dev.trawl.internal.Json;
import dev.trawl.internal.RecordFields;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes one JSON object per line for every outcome: {@code url, final_url, status,
 * content_type, depth, referrer, bytes, elapsed_ms, fetched_at, title, links, attempts, error,
 * detail, redirects, canonical, noindex, kind}, and {@code extracted} (an object of the values
 * the page handler extracted) when there are any. Each line is flushed as it is written, so
 * that a stopped crawl keeps all it recorded.
 *
 * <pre>{@code
 * try (JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(Path.of("crawl.jsonl")))) {
 *     Crawler.builder().seeds("https://example.com/").listener(sink).build().run();
 * }
 * }</pre>
 */
public final class JsonLinesSink implements Sink {

    // jackson-core alone: the mapper (and its start-up, a tenth of a second) only for extracted values.
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;

    /** Writes to {@code out}, which {@link #close()} closes. */
    public JsonLinesSink(OutputStream out) throws IOException {
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, true);
        json.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, true);
        json.setRootValueSeparator(null);
    }

    @Override
    public void onPage(PageRecord p) throws IOException {
        json.writeStartObject();
        for (RecordFields.Field f : RecordFields.ALL) {
            json.writeFieldName(f.name());
            write(f.value().apply(p));
        }
        if (!p.extracted().isEmpty()) {
            json.writeFieldName("extracted");
            Json.MAPPER.writeValue(json, p.extracted());
        }
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    private void write(Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Integer n -> json.writeNumber(n);
            case Long n -> json.writeNumber(n);
            case Boolean b -> json.writeBoolean(b);
            case List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    json.writeString(item.toString());
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
