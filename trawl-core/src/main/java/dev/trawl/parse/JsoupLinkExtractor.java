package dev.trawl.parse;

import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The {@link LinkExtractor} on jsoup, an HTML5 parser: {@code <a href>} and {@code <area href>},
 * honouring the first {@code <base href>}, with {@code rel=nofollow}, the canonical URL and the
 * robots meta tags ({@code robots} and the crawler's own name). The charset is the byte-order mark's, else the
 * declared one, else the one a {@code <meta>} names, else UTF-8.
 */
public final class JsoupLinkExtractor implements LinkExtractor {

    private final String productToken;

    /** An extractor that reads {@code <meta name=robots>} only. */
    public JsoupLinkExtractor() {
        this("robots");
    }

    /** An extractor that also reads {@code <meta name=productToken>}, the crawler's own robots meta tag. */
    public JsoupLinkExtractor(String productToken) {
        this.productToken = productToken.toLowerCase(Locale.ROOT);
    }

    @Override
    public ParsedPage extract(byte[] body, String declaredCharset, WebUrl pageUrl) {
        Document doc = parse(body, usableCharset(declaredCharset));
        // One walk over the elements finds all that is read (five selector queries walked it five times).
        Element baseElement = null;
        Element canonicalElement = null;
        boolean nofollow = false;
        boolean noindex = false;
        List<Element> anchors = new ArrayList<>();
        for (Element e : doc.getAllElements()) {
            switch (e.normalName()) {
                case "a", "area" -> {
                    if (e.hasAttr("href")) {
                        anchors.add(e);
                    }
                }
                case "base" -> {
                    if (baseElement == null && e.hasAttr("href")) {
                        baseElement = e;
                    }
                }
                case "link" -> {
                    if (canonicalElement == null && e.hasAttr("href") && CANONICAL.matcher(e.attr("rel")).find()) {
                        canonicalElement = e;
                    }
                }
                case "meta" -> {
                    String name = e.attr("name").strip().toLowerCase(Locale.ROOT);
                    if (e.hasAttr("content") && (name.equals("robots") || name.equals(productToken))) {
                        String content = e.attr("content");
                        nofollow |= hasToken(content, "nofollow") || hasToken(content, "none");
                        noindex |= hasToken(content, "noindex") || hasToken(content, "none");
                    }
                }
                default -> {
                }
            }
        }
        WebUrl base = pageUrl;
        if (baseElement != null) {
            WebUrl resolved = WebUrl.tryParse(baseElement.attr("href"), pageUrl);
            if (resolved != null) {
                base = resolved;
            }
        }
        WebUrl self = UrlNormalizer.normalize(pageUrl);
        Set<WebUrl> seen = new LinkedHashSet<>();
        List<Link> links = new ArrayList<>();
        for (Element a : anchors) {
            WebUrl url = crawlable(UrlNormalizer.resolve(base, a.attr("href")));
            if (url != null && !url.equals(self) && seen.add(url)) {
                links.add(new Link(url, a.text(), hasToken(a.attr("rel"), "nofollow")));
            }
        }
        WebUrl canonical = canonicalElement == null ? null
                : crawlable(UrlNormalizer.resolve(base, canonicalElement.attr("href")));
        return new ParsedPage(doc.title(), List.copyOf(links), canonical, nofollow, noindex);
    }

    /**
     * Parses the body: decoded at once (the JDK's bulk decoder) when the server named a charset
     * and no byte-order mark says otherwise; else jsoup finds the charset (BOM, meta, UTF-8).
     */
    private static Document parse(byte[] body, Charset charset) {
        if (charset != null && !hasByteOrderMark(body)) {
            return Jsoup.parse(new String(body, charset), "");
        }
        try {
            return Jsoup.parse(new ByteArrayInputStream(body), charset == null ? null : charset.name(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasByteOrderMark(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF
                || b.length >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF
                || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE);
    }

    private static WebUrl crawlable(WebUrl url) {
        return url != null && (url.scheme().equals("http") || url.scheme().equals("https")) ? url : null;
    }

    private static Charset usableCharset(String name) {
        try {
            return name != null && Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final Pattern CANONICAL = Pattern.compile("(?i)(^|\\s)canonical(\\s|$)");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    /** Whether a space- or comma-separated attribute value holds a token, ignoring case. */
    private static boolean hasToken(String value, String token) {
        if (value.isEmpty()) {
            return false;
        }
        for (String t : SEPARATORS.split(value.toLowerCase(Locale.ROOT))) {
            if (t.equals(token)) {
                return true;
            }
        }
        return false;
    }
}
