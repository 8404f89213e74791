package dev.trawl.parse;

import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a page's markup says, told in document order by an extractor (attribute values and texts
 * as the HTML parser gives them), made into a {@link ParsedPage} once the page is read. Both
 * extractors report here, so that they differ only in how they read the markup.
 */
final class PageFacts {

    private static final Pattern CANONICAL = Pattern.compile("(?i)(^|\\s)canonical(\\s|$)");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final String productToken;
    private String title = "";
    private String baseHref;
    private String canonicalHref;
    private boolean nofollow;
    private boolean noindex;
    private final List<String> hrefs = new ArrayList<>();
    private final List<String> rels = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    /** @param productToken the crawler's own robots meta name, lower case */
    PageFacts(String productToken) {
        this.productToken = productToken;
    }

    void title(String text) {
        title = text;
    }

    /** A {@code <base>} with an href: the first one counts. */
    void base(String href) {
        if (baseHref == null) {
            baseHref = href;
        }
    }

    /** A {@code <link>} with an href: the first whose rel says canonical counts. */
    void link(String rel, String href) {
        if (canonicalHref == null && CANONICAL.matcher(rel).find()) {
            canonicalHref = href;
        }
    }

    /** A {@code <meta>}: {@code name} as written (empty when absent), {@code content} null when absent. */
    void meta(String name, String content) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (content != null && (n.equals("robots") || n.equals(productToken))) {
            nofollow |= hasToken(content, "nofollow") || hasToken(content, "none");
            noindex |= hasToken(content, "noindex") || hasToken(content, "none");
        }
    }

    /** An {@code <a>} or {@code <area>} with an href, its text told later; returns its number. */
    int anchor(String href, String rel) {
        hrefs.add(href);
        rels.add(rel);
        texts.add("");
        return hrefs.size() - 1;
    }

    void anchorText(int anchor, String text) {
        texts.set(anchor, text);
    }

    /** The page: links resolved against the base, http(s) only, each once, not the page itself. */
    ParsedPage toPage(WebUrl pageUrl) {
        WebUrl base = pageUrl;
        if (baseHref != null) {
            WebUrl resolved = WebUrl.tryParse(baseHref, pageUrl);
            if (resolved != null) {
                base = resolved;
            }
        }
        WebUrl self = UrlNormalizer.normalize(pageUrl);
        Resolutions resolutions = new Resolutions(base);
        Set<WebUrl> seen = new LinkedHashSet<>();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < hrefs.size(); i++) {
            WebUrl url = crawlable(resolutions.resolve(hrefs.get(i)));
            if (url != null && !url.equals(self) && seen.add(url)) {
                links.add(new Link(url, texts.get(i), hasToken(rels.get(i), "nofollow")));
            }
        }
        WebUrl canonical = canonicalHref == null ? null : crawlable(resolutions.resolve(canonicalHref));
        return new ParsedPage(title, List.copyOf(links), canonical, nofollow, noindex);
    }

    private static WebUrl crawlable(WebUrl url) {
        return url != null && (url.scheme().equals("http") || url.scheme().equals("https")) ? url : null;
    }

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
