package dev.trawl.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.trawl.PageRecord;
import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.Validators;
import dev.trawl.url.InvalidUrlException;
import dev.trawl.url.WebUrl;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads back the records of a JSON Lines file written by {@link JsonLinesSink} (link lists are not in it). */
final class JsonLinesReader {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonLinesReader() {}

    /**
     * Calls {@code each} for every record, in file order.
     *
     * @throws IOException naming the file and line of the first line that is not a trawl record
     */
    static void read(Path file, Consumer<PageRecord> each) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    each.accept(parse(line));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(
                            file + ":" + number + ": not a trawl JSON record (" + e.getMessage() + ")", e);
                }
            }
        }
    }

    private static PageRecord parse(String line) throws IOException {
        Map<String, Object> f = new HashMap<>();
        List<WebUrl> redirects = new ArrayList<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (name.equals("redirects")) {
                            redirects.add(WebUrl.parse(p.getText()));
                        }
                    }
                } else if (t == JsonToken.START_OBJECT) {
                    p.skipChildren();
                } else {
                    f.put(
                            name,
                            t == JsonToken.VALUE_NULL
                                    ? null
                                    : t.isNumeric()
                                            ? p.getLongValue()
                                            : t.isBoolean() ? p.getBooleanValue() : p.getText());
                }
            }
        }
        if (!(f.get("url") instanceof String url)) {
            throw new IOException("no url");
        }
        try {
            WebUrl u = WebUrl.parse(url);
            return PageRecord.builder(u)
                    .finalUrl(url(f, "final_url", u))
                    .status((int) number(f, "status"))
                    .httpVersion((String) f.get("http_version"))
                    .nofollow(Boolean.TRUE.equals(f.get("nofollow")))
                    .validators(Validators.of((String) f.get("etag"), (String) f.get("last_modified")))
                    .contentType((String) f.get("content_type"))
                    .depth((int) number(f, "depth"))
                    .referrer(url(f, "referrer", null))
                    .bytes(number(f, "bytes"))
                    .elapsedMillis(number(f, "elapsed_ms"))
                    .fetchedAt(f.get("fetched_at") instanceof String s ? Instant.parse(s) : Instant.EPOCH)
                    .title((String) f.get("title"))
                    .attempts((int) Math.max(1, number(f, "attempts")))
                    .error(FetchError.ofCode((String) f.get("error")))
                    .detail((String) f.get("detail"))
                    .redirects(redirects)
                    .canonical(url(f, "canonical", null))
                    .noindex(Boolean.TRUE.equals(f.get("noindex")))
                    .sitemap("sitemap".equals(f.get("kind")))
                    .rendered(Boolean.TRUE.equals(f.get("rendered")))
                    .renderMillis(f.get("render_ms") instanceof Number n ? n.longValue() : null)
                    .build();
        } catch (InvalidUrlException | DateTimeParseException | ClassCastException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static long number(Map<String, Object> f, String name) {
        return f.get(name) instanceof Long n ? n : 0;
    }

    private static WebUrl url(Map<String, Object> f, String name, WebUrl otherwise) {
        return f.get(name) instanceof String s ? WebUrl.parse(s) : otherwise;
    }
}
