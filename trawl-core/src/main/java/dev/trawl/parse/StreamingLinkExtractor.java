package dev.trawl.parse;

import dev.trawl.internal.HtmlDocuments;
import dev.trawl.url.WebUrl;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The default {@link LinkExtractor}: finds what {@link JsoupLinkExtractor} finds, the same links
 * with the same anchor texts, the same title, base, canonical URL and robots meta tags, by reading
 * the page's tags in one pass over its bytes instead of building jsoup's document (2.3-2.6 times
 * as many pages per second, docs/BENCHMARKS.md). Pages whose tree jsoup's HTML5 tree builder
 * would rearrange in ways the scanner does not model (misnested tags, content outside a table's
 * cells, {@code <select>}, {@code <template>}, SVG beyond simple icons, MathML, framesets, ...),
 * pages in other charsets than UTF-8, ISO-8859-x, windows-125x, EUC-KR and GB2312, pages with a byte-order mark
 * and pages whose charset is not known before parsing (neither the server nor a {@code <meta>} in
 * the first 1,024 bytes names one, and the page is not plain ASCII) are read by jsoup, given the
 * same charset.
 */
public final class StreamingLinkExtractor implements LinkExtractor {

    private final String productToken;
    private final JsoupLinkExtractor jsoup;

    /** An extractor that reads {@code <meta name=robots>} only. */
    public StreamingLinkExtractor() {
        this("robots");
    }

    /** An extractor that also reads {@code <meta name=productToken>}, the crawler's own robots meta tag. */
    public StreamingLinkExtractor(String productToken) {
        this.productToken = productToken.toLowerCase(Locale.ROOT);
        this.jsoup = new JsoupLinkExtractor(productToken);
    }

    @Override
    public ParsedPage extract(byte[] body, String declaredCharset, WebUrl pageUrl) {
        ParsedPage scanned = scanned(body, declaredCharset, pageUrl);
        return scanned != null ? scanned : jsoup.extract(body, declaredCharset, pageUrl);
    }

    /**
     * The page as the scanner reads it, or {@code null} when it leaves the page to jsoup: a
     * charset not known before parsing (none declared, none in the first 1,024 bytes' {@code
     * <meta>}, and not an ASCII page that names none), one where ASCII bytes may be parts of
     * other characters, a byte-order mark, or a tree jsoup would rearrange.
     */
    ParsedPage scanned(byte[] body, String declaredCharset, WebUrl pageUrl) {
        if (HtmlDocuments.hasByteOrderMark(body)) {
            return null;
        }
        Charset charset = HtmlDocuments.charsetOf(body, declaredCharset);
        if (charset == null && asciiWithoutCharset(body)) {
            // jsoup reads such a page as UTF-8, and no <meta> can make it change its mind.
            charset = StandardCharsets.UTF_8;
        }
        if (charset == null || !HtmlScanner.asciiSafe(charset)) {
            return null;
        }
        PageFacts facts = new PageFacts(productToken);
        return HtmlScanner.scan(body, charset, facts) ? facts.toPage(pageUrl) : null;
    }

    /**
     * Whether the page is ASCII only (no escape either, which ISO-2022 charsets use) and names
     * no charset jsoup could find: no "charset", no "encoding" (an XML declaration's), and no
     * {@code http-equiv} beside a character reference (jsoup decodes those in its value).
     */
    private static boolean asciiWithoutCharset(byte[] body) {
        for (byte c : body) {
            if (c < 0 || c == 0x1B) {
                return false;
            }
        }
        return !contains(body, "charset")
                && !contains(body, "encoding")
                && !(contains(body, "http-equiv") && contains(body, "&"));
    }

    /**
     * Whether an ASCII body holds the word, in any case, without copying the body. (Setting bit
     * 0x20 lower-cases a letter; the few other bytes it maps onto a word's characters, such as CR
     * onto '-', only ever make a match more likely, which sends the page to jsoup.)
     */
    private static boolean contains(byte[] body, String lowerCaseWord) {
        int n = lowerCaseWord.length();
        for (int i = 0; i + n <= body.length; i++) {
            int j = 0;
            while (j < n && (body[i + j] | 0x20) == (lowerCaseWord.charAt(j) | 0x20)) {
                j++;
            }
            if (j == n) {
                return true;
            }
        }
        return false;
    }
}
