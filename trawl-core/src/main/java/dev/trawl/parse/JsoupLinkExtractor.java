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
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), usableCharset(declaredCharset), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WebUrl base = pageUrl;
        Element baseElement = doc.selectFirst("base[href]");
        if (baseElement != null) {
            WebUrl resolved = WebUrl.tryParse(baseElement.attr("href"), pageUrl);
            if (resolved != null) {
                base = resolved;
            }
        }
        WebUrl self = UrlNormalizer.normalize(pageUrl);
        Set<WebUrl> seen = new LinkedHashSet<>();
        List<Link> links = new ArrayList<>();
        for (Element a : doc.select("a[href], area[href]")) {
            WebUrl url = crawlable(UrlNormalizer.resolve(base, a.attr("href")));
            if (url != null && !url.equals(self) && seen.add(url)) {
                links.add(new Link(url, a.text(), hasToken(a.attr("rel"), "nofollow")));
            }
        }
        Element canonicalElement = doc.selectFirst("link[rel~=(?i)(^|\\s)canonical(\\s|$)][href]");
        WebUrl canonical = canonicalElement == null ? null
                : crawlable(UrlNormalizer.resolve(base, canonicalElement.attr("href")));
        boolean nofollow = false;
        boolean noindex = false;
        for (Element meta : doc.select("meta[name][content]")) {
            String name = meta.attr("name").strip().toLowerCase(Locale.ROOT);
            if (!name.equals("robots") && !name.equals(productToken)) {
                continue;
            }
            String content = meta.attr("content");
            nofollow |= hasToken(content, "nofollow") || hasToken(content, "none");
            noindex |= hasToken(content, "noindex") || hasToken(content, "none");
        }
        return new ParsedPage(doc.title(), List.copyOf(links), canonical, nofollow, noindex);
    }

    private static WebUrl crawlable(WebUrl url) {
        return url != null && (url.scheme().equals("http") || url.scheme().equals("https")) ? url : null;
    }

    private static String usableCharset(String name) {
        try {
            return name != null && Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

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
