package dev.trawl.internal;

import dev.trawl.PageRecord;
import dev.trawl.url.WebUrl;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fields of an outcome record, in output order, shared by every sink that writes records. */
public final class RecordFields {

    /**
     * One named field and how to read it from a record.
     *
     * @param name the field's name in every output ({@code final_url})
     * @param value reads it: a String, Integer, Long, Boolean, List of URLs, or null
     */
    public record Field(String name, Function<PageRecord, Object> value) {}

    /** Every field, in output order. */
    public static final List<Field> ALL = List.of(
            new Field("url", p -> p.url().href()),
            new Field("final_url", p -> p.finalUrl().href()),
            new Field("status", PageRecord::status),
            new Field("content_type", PageRecord::contentType),
            new Field("depth", PageRecord::depth),
            new Field("referrer", p -> href(p.referrer())),
            new Field("bytes", PageRecord::bytes),
            new Field("elapsed_ms", PageRecord::elapsedMillis),
            new Field("fetched_at", p -> p.fetchedAt().toString()),
            new Field("title", PageRecord::title),
            new Field("links", PageRecord::links),
            new Field("attempts", PageRecord::attempts),
            new Field("error", p -> p.error() == null ? null : p.error().code()),
            new Field("detail", PageRecord::detail),
            new Field("redirects", PageRecord::redirects),
            new Field("canonical", p -> href(p.canonical())),
            new Field("noindex", PageRecord::noindex),
            new Field("kind", p -> p.sitemap() ? "sitemap" : "page"),
            new Field("http_version", PageRecord::httpVersion),
            new Field("nofollow", PageRecord::nofollow),
            new Field(
                    "etag", p -> p.validators() == null ? null : p.validators().etag()),
            new Field(
                    "last_modified",
                    p -> p.validators() == null ? null : p.validators().lastModified()),
            new Field("rendered", PageRecord::rendered),
            new Field("render_ms", PageRecord::renderMillis));

    private RecordFields() {}

    private static String href(WebUrl url) {
        return url == null ? null : url.href();
    }

    /** A value as text: URL lists separated by spaces, null as empty. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).collect(Collectors.joining(" "));
        }
        return value.toString();
    }
}
