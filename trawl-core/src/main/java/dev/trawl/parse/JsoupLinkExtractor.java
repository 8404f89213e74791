package dev.trawl.parse;

import dev.trawl.internal.HtmlDocuments;
import dev.trawl.url.WebUrl;
import java.util.Locale;
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
        Document doc = HtmlDocuments.parse(body, declaredCharset, "");
        PageFacts facts = new PageFacts(productToken);
        facts.title(doc.title());
        // One walk over the elements finds all that is read (five selector queries walked it five times).
        for (Element e : doc.getAllElements()) {
            switch (e.normalName()) {
                case "a", "area" -> {
                    if (e.hasAttr("href")) {
                        facts.anchorText(facts.anchor(e.attr("href"), e.attr("rel")), e.text());
                    }
                }
                case "base" -> {
                    if (e.hasAttr("href")) {
                        facts.base(e.attr("href"));
                    }
                }
                case "link" -> {
                    if (e.hasAttr("href")) {
                        facts.link(e.attr("rel"), e.attr("href"));
                    }
                }
                case "meta" -> facts.meta(e.attr("name"), e.hasAttr("content") ? e.attr("content") : null);
                default -> {}
            }
        }
        return facts.toPage(pageUrl);
    }
}
