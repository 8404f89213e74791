package dev.trawl;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.CrawlRequest;
import dev.trawl.internal.HtmlDocuments;
import dev.trawl.internal.Json;
import dev.trawl.parse.Link;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;

/**
 * One fetched page, as a {@link PageHandler} sees it: the answer, the document, the links trawl
 * found, and what the handler makes of it. jsoup parses the body only when {@link #document()}
 * or {@link #select} is first called, and at most once, so a handler that needs no document
 * costs nothing. A page belongs to the call of the handler that received it and is not
 * thread-safe.
 *
 * <pre>{@code
 * Crawler.builder()
 *         .seeds("https://shop.example/")
 *         .handler(page -> {
 *             if (page.select("h1.product").isEmpty()) return;
 *             page.emit(new Product(page.select("h1").text(), page.select(".price").text()));
 *             page.follow(page.select("a.next").attr("abs:href"));
 *         })
 *         .listener(new ItemLinesSink(Files.newOutputStream(Path.of("products.jsonl"))))
 *         .build().run();
 * }</pre>
 */
public final class Page {

    private final CrawlRequest request;
    private final FetchResult result;
    private final List<Link> links;
    private boolean stopCrawl;
    private Document document;
    private Charset charset;
    private final Map<String, Object> extracted = new LinkedHashMap<>();
    private final List<String> items = new ArrayList<>();
    private final List<WebUrl> follows = new ArrayList<>();
    private boolean followLinks = true;
    private String failure;
    private final boolean rendered;

    Page(CrawlRequest request, FetchResult result, List<Link> links, boolean rendered) {
        this.request = request;
        this.result = result;
        this.links = links;
        this.rendered = rendered;
    }

    /**
     * Whether this is the page as a browser rendered it ({@link Crawler.Builder#render}): then
     * {@link #body()} and {@link #document()} are its DOM, as HTML in UTF-8, and {@link #links()}
     * are the DOM's; the status and headers are those trawl fetched.
     */
    public boolean rendered() {
        return rendered;
    }

    /** The URL as discovered: the start of the redirect chain that led here, if there was one. */
    public WebUrl url() {
        return request.origin();
    }

    /** Where the page really is: the last URL fetched. Relative links resolve against it. */
    public WebUrl finalUrl() {
        return request.url();
    }

    /** Links followed from a seed to reach this page (0 for a seed). */
    public int depth() {
        return request.depth();
    }

    /**
     * Whether the page is HTML, parsed for links. Only with {@link
     * dev.trawl.fetch.FetchOptions.Builder#readAllTypes} does a handler see other types too.
     */
    public boolean isHtml() {
        return result.hasPage();
    }

    /** The HTTP status, 2xx. */
    public int status() {
        return result.status();
    }

    /** The Content-Type header, or {@code null}; of a {@linkplain #rendered() rendered} page, UTF-8 HTML. */
    public String contentType() {
        return result.contentType();
    }

    /** Every response header, by name (looked up in any case), each with its values in order. */
    public Map<String, List<String>> headers() {
        return result.headers().all();
    }

    /** The first value of the named response header, or {@code null}. */
    public String header(String name) {
        return result.headers().first(name);
    }

    /**
     * The body as served, with any Content-Encoding (gzip) decoded: a copy. It is cut at the
     * crawl's size cap, if the page was longer.
     */
    public byte[] body() {
        return result.body().clone();
    }

    /**
     * The page's charset, found as browsers and the parser find it: a byte-order mark, else the
     * Content-Type's charset, else a {@code <meta>} charset, else UTF-8.
     */
    public Charset charset() {
        if (charset == null) {
            Charset known = HtmlDocuments.charsetOf(result.body(), result.declaredCharset());
            charset = known != null ? known : document().charset();
        }
        return charset;
    }

    /** The body decoded in the page's {@linkplain #charset() charset}, without a byte-order mark. */
    public String text() {
        byte[] body = result.body();
        int bom = HtmlDocuments.byteOrderMarkLength(body);
        return new String(body, bom, body.length - bom, charset());
    }

    /** Whether the body was cut at the crawl's size cap ({@code too_large}): what {@link #body()} holds is its start. */
    public boolean truncated() {
        return result.error() == FetchError.TOO_LARGE;
    }

    /**
     * jsoup's document of the page, parsed on the first call; its base URI is the final URL, so
     * {@code attr("abs:href")} gives absolute URLs.
     */
    public Document document() {
        if (document == null) {
            document = HtmlDocuments.parse(
                    result.body(), result.declaredCharset(), finalUrl().href());
        }
        return document;
    }

    /**
     * The elements matching a CSS selector, in jsoup's syntax.
     *
     * @throws RuntimeException if the selector is not valid (jsoup's {@code SelectorParseException}
     *     or {@code ValidationException})
     */
    public Elements select(String cssQuery) {
        return document().select(cssQuery);
    }

    /** The distinct links trawl found on the page, in document order (before scope and nofollow). */
    public List<Link> links() {
        return links;
    }

    /**
     * Emits an item: any value Jackson can write as JSON (a record, a map, a bean). It goes to
     * the crawl's item sinks with this page's record.
     *
     * @throws IllegalArgumentException if Jackson cannot write it
     */
    public void emit(Object item) {
        items.add(Json.text(item));
    }

    /**
     * Records a named value of the page in its record ({@code "extracted"} in JSON Lines, a
     * column in CSV and SQLite); setting a name again replaces its value.
     *
     * @param value any value Jackson can write: a string, a number, a list of strings, or null
     * @throws IllegalArgumentException if Jackson cannot write it
     */
    public void extract(String name, Object value) {
        Objects.requireNonNull(name, "an extracted value needs a name");
        extracted.put(name, Json.MAPPER.convertValue(value, Object.class));
    }

    /**
     * Asks for another URL to be crawled, resolved against the final URL. It goes through the
     * crawl's scope, depth limit and seen-set, as a link found on the page would.
     *
     * @return whether it is an http(s) URL (one that is not is ignored)
     */
    public boolean follow(String href) {
        WebUrl url = href == null ? null : UrlNormalizer.resolve(finalUrl(), href);
        if (url == null) {
            return false;
        }
        follows.add(url);
        return true;
    }

    /** Leaves the links found on this page unfollowed; URLs given to {@link #follow} still are. */
    public void skipLinks() {
        followLinks = false;
    }

    /**
     * Stops the whole crawl once this page is recorded, as {@link Crawler#stop()} does: no new
     * URL is leased, and fetches in flight end unrecorded.
     */
    public void stopCrawl() {
        stopCrawl = true;
    }

    boolean stopsCrawl() {
        return stopCrawl;
    }

    void failed(Throwable e) {
        failure = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** What the handler threw, in words, or {@code null}. */
    String failure() {
        return failure;
    }

    boolean followsLinks() {
        return followLinks;
    }

    List<Link> follows() {
        return follows.stream().map(u -> new Link(u, "", false)).toList();
    }

    Map<String, Object> extracted() {
        return extracted;
    }

    List<String> items() {
        return items;
    }
}
