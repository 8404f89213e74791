package dev.trawl.testweb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.parse.JsoupLinkExtractor;
import dev.trawl.parse.Link;
import dev.trawl.parse.ParsedPage;
import dev.trawl.parse.StreamingLinkExtractor;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The extractor walks jsoup's document once, with the bytes decoded by the JDK when the server
 * named the charset. This checks it finds exactly what jsoup's own selector queries on jsoup's
 * own decoding find (the extractor's first version, kept here as the reference), on every page
 * of a synthetic web and on pages made to tell them apart; and so does the streaming extractor,
 * the default, which reads the tags without building jsoup's document.
 */
class ExtractorAgreesWithJsoupSelectorsTest {

    private final JsoupLinkExtractor extractor = new JsoupLinkExtractor("trawl");
    private final StreamingLinkExtractor streaming = new StreamingLinkExtractor("trawl");

    @Test
    void onEveryPageOfASyntheticWeb() {
        SyntheticWeb web = new SyntheticWeb(List.of("http://127.0.0.10:1000", "http://127.0.0.11:1001"), 400, 3);
        int pages = 0;
        for (String url : web.reachable()) {
            SyntheticWeb.Response r = web.get(url);
            if (r.status() == 200) {
                WebUrl page = WebUrl.parse(url);
                ParsedPage expected = reference(r.body(), page);
                assertThat(extractor.extract(r.body(), "utf-8", page)).as(url).isEqualTo(expected);
                assertThat(streaming.extract(r.body(), "utf-8", page)).as(url).isEqualTo(expected);
                pages++;
            }
        }
        assertThat(pages).isGreaterThan(300);
    }

    @Test
    void onPagesMadeToTellThemApart() {
        WebUrl page = WebUrl.parse("http://a.test/dir/page.html");
        List<String> html = List.of(
                "<title> Two  words </title><a href=x>first</a><base href=/other/><a href=y rel='NoFollow'>second</a>",
                "<svg><title>icon</title></svg><p><a href=x><b>bold</b> and <i>italic</i></a>",
                "<link rel='canonical,alternate' href=/c1><link rel='Alternate Canonical' href=/c2><a href=#top>self</a>",
                "<meta name=ROBOTS content='NOINDEX'><meta name=trawl content=nofollow><meta name=robots>"
                        + "<a href=mailto:x@y.test>mail</a><area href=/map><a href='  /spaced  '>s</a>",
                "<a href=/a><a href=/b>nested</a></a><table><a href=/in-table>t</a><tr><td>x</td></tr></table>",
                "<meta charset=iso-8859-1><a href=/caf\u00e9>caf\u00e9</a>",
                "<html><body><base href=http://b.test/><a href=late>after a late base</a><noscript><a href=/ns>n</a></noscript>");
        for (String h : html) {
            byte[] body = h.getBytes(StandardCharsets.UTF_8);
            assertThat(extractor.extract(body, "utf-8", page)).as(h).isEqualTo(reference(body, page));
            assertThat(streaming.extract(body, "utf-8", page)).as(h).isEqualTo(reference(body, page));
            assertThat(extractor.extract(body, null, page)).as(h).isEqualTo(reference(body, page, null));
        }
        byte[] withBom = ("\uFEFF<a href=/bom>bom</a>").getBytes(StandardCharsets.UTF_8);
        assertThat(extractor.extract(withBom, "iso-8859-1", page)).isEqualTo(reference(withBom, page, "iso-8859-1"));
        assertThat(extractor.extract(withBom, "iso-8859-1", page).links())
                .extracting(Link::text)
                .containsExactly("bom");
    }

    private static ParsedPage reference(byte[] body, WebUrl pageUrl) {
        return reference(body, pageUrl, "utf-8");
    }

    /** The extractor as it was: jsoup decodes, five selector queries. */
    private static ParsedPage reference(byte[] body, WebUrl pageUrl, String charset) {
        Document doc;
        try {
            doc = Jsoup.parse(new java.io.ByteArrayInputStream(body), charset, "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
        WebUrl canonical =
                canonicalElement == null ? null : crawlable(UrlNormalizer.resolve(base, canonicalElement.attr("href")));
        boolean nofollow = false;
        boolean noindex = false;
        for (Element meta : doc.select("meta[name][content]")) {
            String name = meta.attr("name").strip().toLowerCase(Locale.ROOT);
            if (name.equals("robots") || name.equals("trawl")) {
                String content = meta.attr("content");
                nofollow |= hasToken(content, "nofollow") || hasToken(content, "none");
                noindex |= hasToken(content, "noindex") || hasToken(content, "none");
            }
        }
        return new ParsedPage(doc.title(), List.copyOf(links), canonical, nofollow, noindex);
    }

    private static WebUrl crawlable(WebUrl url) {
        return url != null && (url.scheme().equals("http") || url.scheme().equals("https")) ? url : null;
    }

    private static boolean hasToken(String value, String token) {
        for (String t : value.toLowerCase(Locale.ROOT).split("[\\s,]+")) {
            if (t.equals(token)) {
                return true;
            }
        }
        return false;
    }
}
