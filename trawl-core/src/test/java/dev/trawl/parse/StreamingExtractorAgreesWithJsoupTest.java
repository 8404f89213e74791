package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.url.WebUrl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming extractor must find exactly what the jsoup extractor finds. Checked on random
 * tag soup (seeded, so every run is the same) made of what pages hold and of what HTML5 tree
 * building rearranges, with non-ASCII characters and bytes that are not UTF-8 in names, values,
 * end tags, comments and text: whenever the scanner says it read a page, its result must equal jsoup's,
 * and the extractor's result must always equal jsoup's.
 */
class StreamingExtractorAgreesWithJsoupTest {

    private static final WebUrl PAGE = WebUrl.parse("http://a.test/dir/page.html");
    private final JsoupLinkExtractor jsoup = new JsoupLinkExtractor("trawl");
    private final StreamingLinkExtractor streaming = new StreamingLinkExtractor("trawl");

    /** Stands in the soup for a byte that is not UTF-8: each becomes one of {@link #BAD_BYTES}. */
    private static final char BAD = '\uE000';

    private static final byte[] BAD_BYTES = {(byte) 0xFF, (byte) 0x80, (byte) 0xC3, (byte) 0xE2, (byte) 0xFE};

    /** The page's UTF-8 bytes, with a byte that is not UTF-8 where the text has {@link #BAD}. */
    private static byte[] bytes(String html, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] pieces = html.split(String.valueOf(BAD), -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                out.write(BAD_BYTES[r.nextInt(BAD_BYTES.length)]);
            }
            out.writeBytes(pieces[i].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * A server that names no charset (nginx's text/html): a {@code <meta>} in the first 1,024
     * bytes lets the scanner read the page in that charset, and jsoup reads it in the same one.
     */
    @Test
    void withoutADeclaredCharsetTheMetaDecidesForBoth() {
        String page = "<html><head><meta charset=windows-1252><title>Caf\u00e9 \u2013 menu</title></head>"
                + "<body><a href='cr\u00e8me.html'>cr\u00e8me br\u00fbl\u00e9e \u20ac5</a></body></html>";
        byte[] body = page.getBytes(java.nio.charset.Charset.forName("windows-1252"));

        ParsedPage scanned = streaming.scanned(body, null, PAGE);

        assertThat(scanned).as("read by the scanner itself").isNotNull();
        assertThat(scanned).isEqualTo(jsoup.extract(body, null, PAGE));
        assertThat(scanned.title()).isEqualTo("Caf\u00e9 \u2013 menu");
        assertThat(scanned.links().get(0).text()).isEqualTo("cr\u00e8me br\u00fbl\u00e9e \u20ac5");
        assertThat(scanned.links().get(0).url().href()).isEqualTo("http://a.test/dir/cr%C3%A8me.html");
    }

    @Test
    void withoutACharsetKnownBeforeParsingJsoupReadsThePageUnlessItIsAscii() {
        byte[] late = ("<title>late</title><p>" + "x".repeat(1100) + "<meta charset=iso-8859-2><a href=a>\u0105</a>")
                .getBytes(java.nio.charset.Charset.forName("iso-8859-2"));
        byte[] none = "<title>none</title><a href=b>caf&eacute;</a>".getBytes(StandardCharsets.UTF_8);
        byte[] asciiLate = ("<title>late</title><p>" + "x".repeat(1100) + "<meta charset=utf-16><a href=a>a</a>")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] notAscii = "<title>café</title><a href=b>b</a>".getBytes(StandardCharsets.UTF_8);

        assertThat(streaming.scanned(late, null, PAGE)).isNull();
        assertThat(streaming.scanned(asciiLate, null, PAGE))
                .as("a later <meta> may change jsoup's mind")
                .isNull();
        assertThat(streaming.scanned(notAscii, null, PAGE)).isNull();
        assertThat(streaming.scanned(none, null, PAGE))
                .as("an ASCII page that names no charset reads the same in any")
                .isEqualTo(jsoup.extract(none, null, PAGE));
        for (byte[] page : List.of(late, none, asciiLate, notAscii)) {
            assertThat(streaming.extract(page, null, PAGE)).isEqualTo(jsoup.extract(page, null, PAGE));
        }
        assertThat(streaming.extract(none, null, PAGE).links().get(0).text()).isEqualTo("café");
    }

    /** What documentation generators write, read by the scanner itself, and what it must leave to jsoup. */
    @Test
    void preformattedTextIconsAndBlocksInLinksAreReadByTheScannerItself() {
        List<String> scannerReads = List.of(
                "<pre>\n<span>x</span>  <a href=/a>  two  spaces\n kept </a><br><div><a href=/d>[docs]</a></div></pre>",
                "<pre><i><i><i><i><a href=/deep> five  deep </a></i></i></i></i></pre>",
                "<pre><a href=/i>a <img src=i> b<br>c</a></pre>",
                "<button><svg viewBox='0 0 24 24'><circle r='10'/><path d='M0 0h24'></path></svg></button><a href=/s>s</a>",
                "<nav><a href=/logo><div class=logo><img src=l.svg></div>Home</a></nav><p>text</p><a href=/b>b</a>",
                "<head><noscript><link rel=canonical href=/c><style>p{}</style></noscript><title>t</title></head>",
                "<script><!--//--><![CDATA[//><!--\nvar a = '</p>';\n//--><!]]></script><a href=/after>after</a>",
                // A link in a link's formatting elements (the Apache manual's): they are reopened around it.
                "<li><a href=#s>Hosts Using <code class=module><a href=../m.html>mod_rewrite</a></code></a></li>",
                "<p><a href=/1><b><i>x <a href=/2>y</a></i></b>z</a><a href=/3>w</a>");
        List<String> jsoupReads = List.of(
                "<a href=/1><span>x<a href=/2>y</a></span></a>",
                "<a href=/1><code>x<a href=/2>y</code>z</a>",
                "<pre><i><i><i><i><i><a href=/deeper> six  deep </a></i></i></i></i></i></pre>",
                "<pre><p>a paragraph in a pre</p></pre>",
                "<p><a href=/p>in a paragraph<div>block</div></a></p>",
                "<a href=/icon><svg><path d=M0/></svg>icon</a>",
                "<svg><title>not the page's</title></svg>",
                "<head><noscript><div>x</div></noscript><title>t</title></head>",
                "<script><!--<script></script><a href=/in-script>x</a></script>");
        for (String html : scannerReads) {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            assertThat(streaming.scanned(body, "utf-8", PAGE)).as(html).isEqualTo(jsoup.extract(body, "utf-8", PAGE));
        }
        for (String html : jsoupReads) {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            assertThat(streaming.scanned(body, "utf-8", PAGE)).as(html).isNull();
            assertThat(streaming.extract(body, "utf-8", PAGE)).as(html).isEqualTo(jsoup.extract(body, "utf-8", PAGE));
        }
    }

    /** Pages a review built to make the scanner and jsoup disagree: either jsoup reads them, or both agree. */
    @Test
    void whatTheTreeBuilderDoesAroundThoseIsFollowed() {
        List<String> pages = List.of(
                // Formatting elements reopened inside the <pre> put it out of reach of the text.
                "<p><b>x</p><pre><span><span><span><span><a href=y>foo   bar</a></span></span></span></span></pre>",
                "<p><b><i><u><s><em>x</p><pre><a href=y>foo   bar</a></pre>",
                // No space after a block when a comment follows it.
                "<a href=x><div>foo</div><!--c-->bar</a>",
                "<a href=x><div>foo</div><?php x ?>bar</a>",
                "<a href=x><div>foo</div><span>bar</span></a>",
                // A <noscript> after </head> starts the body, so the title is not the document's.
                "<html><head></head><noscript></noscript><title>T</title>",
                // A stray end tag of a scope element does not close the <marquee> that hides the <p>.
                "<p><marquee></object><div></div></marquee><a href=x>foo<div>bar</div>baz</a>",
                "<p><object></button><div></div></object><a href=x>foo<div>bar</div>baz</a>",
                "<p><button></p></button><a href=x>foo<div>bar</div>baz</a>",
                // Stray end tags close nothing: the formatting elements stay to be reopened in the <pre>.
                "<p><b><i><u><s><em>x</p></a></a></a></a></a><pre><a href=/p>a  b</a></pre>",
                "<p><a href=/1><b><i><u><s><em>x<a href=/2>y</a></p></a></a></a></a></a></a><pre><a href=/p>a  b</a></pre>");
        for (String html : pages) {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            ParsedPage expected = jsoup.extract(body, "utf-8", PAGE);
            assertThat(streaming.extract(body, "utf-8", PAGE)).as(html).isEqualTo(expected);
        }
        // Charsets jsoup finds without the word "charset" in the page.
        for (String html : List.of(
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?><title>T</title><a href=\"http://x/\">foo</a>",
                "<meta http-equiv=\"Content-Type\" content=\"text/html; &#99;harset=IBM037\"><a href=/x>foo</a>")) {
            byte[] body = html.getBytes(StandardCharsets.US_ASCII);
            assertThat(streaming.scanned(body, null, PAGE)).as(html).isNull();
            assertThat(streaming.extract(body, null, PAGE)).as(html).isEqualTo(jsoup.extract(body, null, PAGE));
        }
    }

    @Test
    void onRandomTagSoup() {
        Random random = new Random(Long.getLong("soup.seed", 20261130));
        int scanned = 0;
        int pages = 30_000;
        for (int i = 0; i < pages; i++) {
            String html = soup(random, 1 + random.nextInt(40), random.nextBoolean());
            byte[] body = bytes(html, random);
            ParsedPage expected = jsoup.extract(body, "utf-8", PAGE);
            PageFacts facts = new PageFacts("trawl");
            if (HtmlScanner.scan(body, StandardCharsets.UTF_8, facts)) {
                scanned++;
                assertThat(facts.toPage(PAGE)).as(html).isEqualTo(expected);
            }
            assertThat(streaming.extract(body, "utf-8", PAGE)).as(html).isEqualTo(expected);
        }
        // Half the soup is tame, so that the scanner reads a good share of it itself.
        assertThat(scanned).isGreaterThan(pages / 5);
    }

    @Test
    void onRandomCharacters() {
        // Markup's own characters in random order: no exception, and jsoup's result whoever reads them.
        Random random = new Random(20261201);
        String alphabet = "<<<>>>///!!--==\"\"''  \t\n&;#xaAbrtdhfe?[]CDAT\u00e9\u00a0\u0000\u4e2d\uD83D\uDE00" + BAD;
        String[] words = {"a", "href", "area", "title", "script", "table", "td", "noscript", "base", "meta", "img", "br"
        };
        int scanned = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(120); k > 0; k--) {
                sb.append(
                        random.nextInt(4) == 0
                                ? pick(random, words)
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] body = bytes(sb.toString(), random);
            ParsedPage expected = jsoup.extract(body, "utf-8", PAGE);
            PageFacts facts = new PageFacts("trawl");
            if (HtmlScanner.scan(body, StandardCharsets.UTF_8, facts)) {
                scanned++;
                assertThat(facts.toPage(PAGE)).as(sb.toString()).isEqualTo(expected);
            }
            assertThat(streaming.extract(body, "utf-8", PAGE)).as(sb.toString()).isEqualTo(expected);
        }
        // Text with stray markup characters is common enough for the scanner to read a good share itself.
        assertThat(scanned).isGreaterThan(20_000 / 5);
    }

    @Test
    void ordinaryPagesAreReadWithoutJsoup() {
        List<String> pages = List.of(
                "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>A &amp; B \u2014 caf\u00e9</title>"
                        + "<link rel=stylesheet href=/s.css><link rel=canonical href='https://a.test/page'>"
                        + "<script>var x = '<a href=/no>';</script><style>a{color:red}</style>"
                        + "<meta name=robots content='index, follow'></head>\n<body class=home>"
                        + "<header><nav><ul><li><a href=/>Home</a><li><a href=/about title=\"About us\">About</a></ul></nav></header>"
                        + "<!-- a comment with <a href=/commented>a link</a> -->"
                        + "<main><h1>Title</h1><p>Text with a <a href=\"/x?a=1&amp;b=2\">link <b>bold</b></a>, "
                        + "an <a href=https://b.test/ rel=\"nofollow noopener\"><img src=/logo.png alt=logo> logo</a>.</p>"
                        + "<table><tr><td><a href=/cell>cell</a><td>two</tr></table>"
                        + "<p>caf\u00e9 &nbsp; <a href='/caf\u00e9'>caf&eacute;</a><br><a href=/br>one<br>two</a></main>"
                        + "<footer><a href=mailto:x@a.test>mail</a> <a href=#top>top</a></footer></body></html>\n",
                "<html><head><base href=/base/><title>t</title></head><body><a href=rel>relative to the base</a>"
                        + "<map><area href=/map alt=m></map><textarea><a href=/ta>no</a></textarea></body></html>");
        for (String html : pages) {
            assertThat(readByTheScannerAsJsoupReadsIt(html).links()).isNotEmpty();
        }
    }

    @Test
    void nonAsciiCharactersInMarkupLoseNoLink() {
        List<String> pages = List.of(
                "<a href=/x>x</a></\u00e9><a href=/y>y</a>",
                "<a href=/x>x</a><\u00e9><a href=/y>y</a>",
                "<a href=/x>x</a><!\u00e9 comment><a href=/y>y</a>",
                "<a href=/x>x</a></\u4e2d\u6587 x=1><a href=/y>y</a>",
                "<script>a</script\u00e9></script><a href=/y>y</a>",
                "<a href=/x>x</a><!-- \uD83D\uDE00 --><a href=/y title=\u00e9>\u00e9</a>");
        for (String html : pages) {
            assertThat(readByTheScannerAsJsoupReadsIt(html).links())
                    .as(html)
                    .extracting(l -> l.url().path())
                    .contains("/y");
        }
    }

    /** The page as the scanner reads it (it must read it itself), equal to jsoup's reading. */
    private ParsedPage readByTheScannerAsJsoupReadsIt(String html) {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        PageFacts facts = new PageFacts("trawl");
        assertThat(HtmlScanner.scan(body, StandardCharsets.UTF_8, facts))
                .as(html)
                .isTrue();
        ParsedPage page = facts.toPage(PAGE);
        assertThat(page).as(html).isEqualTo(jsoup.extract(body, "utf-8", PAGE));
        return page;
    }

    @Test
    void pagesTheTreeBuilderRearrangesGoToJsoup() {
        List<String> pages = List.of(
                "<p><a href=/1>one<div>block</div></a>",
                "<a href=/1><b>misnested</a></b>",
                "<table><a href=/fostered>moved before the table</a><tr><td><a href=/2>2</a></td></tr></table>",
                "<select><a href=/dropped>x</a></select>",
                "<svg><a href=/svg>s</a></svg>",
                "<template><a href=/t>t</a></template>",
                "<a href=/1>one</p>two</a>",
                "<script><!--<script></script><a href=/in-script>x</a></script>");
        for (String html : pages) {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            assertThat(HtmlScanner.scan(body, StandardCharsets.UTF_8, new PageFacts("trawl")))
                    .as(html)
                    .isFalse();
            assertThat(streaming.extract(body, "utf-8", PAGE)).as(html).isEqualTo(jsoup.extract(body, "utf-8", PAGE));
        }
    }

    @Test
    void charsetsAndByteOrderMarks() {
        byte[] latin1 =
                "<title>caf\u00e9</title><a href=/caf\u00e9>caf\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(streaming.extract(latin1, "iso-8859-1", PAGE)).isEqualTo(jsoup.extract(latin1, "iso-8859-1", PAGE));
        assertThat(streaming.extract(latin1, "iso-8859-1", PAGE).title()).isEqualTo("caf\u00e9");
        byte[] bom = "\uFEFF<a href=/bom>bom</a>".getBytes(StandardCharsets.UTF_8);
        assertThat(streaming.extract(bom, "iso-8859-1", PAGE)).isEqualTo(jsoup.extract(bom, "iso-8859-1", PAGE));
        byte[] sjis = "<a href=/x>\u8868</a>".getBytes(java.nio.charset.Charset.forName("Shift_JIS"));
        assertThat(streaming.extract(sjis, "shift_jis", PAGE)).isEqualTo(jsoup.extract(sjis, "shift_jis", PAGE));
        byte[] undeclared = "<meta charset=iso-8859-1><a href=/x>caf\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(streaming.extract(undeclared, null, PAGE)).isEqualTo(jsoup.extract(undeclared, null, PAGE));
    }

    private static final String[] HREFS = {
        "/a",
        "b",
        "../c",
        "?q=1",
        "#f",
        "http://b.test/x",
        "https://a.test/dir/page.html",
        "/x?a=1&amp;b=2",
        "/e&eacute",
        "/e&eacute;x",
        "/n&notit;",
        " /spaced ",
        "",
        "javascript:void(0)",
        "mailto:m@a.test",
        "/caf\u00e9",
        "//c.test/p",
        "/p&#x41;&#66;",
        "/amp&ampx"
    };
    private static final String[] TEXTS = {
        "text",
        " ",
        "  two  words ",
        "\n\tnew\r\nline",
        "&amp;",
        "&nbsp;x&nbsp;",
        "\u00a0",
        "caf\u00e9",
        "\u4e2d\u6587",
        "a&lt;b",
        "&notin;",
        "&not",
        "zero\u200bwidth",
        "soft\u00adhyphen",
        "&#65;&#x42;",
        "&bogus;",
        "<",
        "a < b",
        "x>y",
        "\u0001ctl"
    };
    private static final String[] NON_ASCII = {
        "\u00e9", "\u4e2d\u6587", "\u20ac", "\uD83D\uDE00", "\u00a0", "\u00ff", String.valueOf(BAD), "x" + BAD + "y"
    };
    private static final String[] INLINE = {"span", "b", "i", "em", "strong", "code", "small", "font", "q", "u", "nobr"
    };
    private static final String[] OTHER = {
        "p",
        "div",
        "li",
        "ul",
        "h1",
        "pre",
        "button",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "caption",
        "select",
        "option",
        "svg",
        "math",
        "template",
        "noscript",
        "form",
        "input",
        "label",
        "picture",
        "iframe",
        "textarea",
        "title",
        "head",
        "body",
        "html",
        "frameset",
        "my-el",
        "image",
        "dl",
        "dd",
        "center",
        "object",
        "marquee",
        "applet",
        "plaintext",
        "xmp",
        "frame",
        "hr",
        "col",
        "colgroup"
    };

    /**
     * Random markup: tags, attributes, texts, comments and oddities in random order and nesting;
     * when {@code tame}, only what ordinary pages are made of.
     */
    private static String soup(Random r, int parts, boolean tame) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(3) == 0) {
            sb.append(pick(r, "<!DOCTYPE html>", "<!doctype html PUBLIC \"x\">", "<?xml version=1.0?>", ""));
        }
        if (r.nextInt(2) == 0) {
            sb.append(pick(r, "<html><head>", "<head>", "<HTML><HEAD>", "<html>"));
            for (int i = r.nextInt(4); i > 0; i--) {
                sb.append(headPart(r));
            }
            sb.append(pick(r, "</head><body>", "</head>", "<body>", "", "</head>\n<body>", "</head>x"));
        }
        for (int i = 0; i < parts; i++) {
            sb.append(tame ? tamePart(r) : part(r));
        }
        if (r.nextInt(2) == 0) {
            sb.append(pick(r, "</body></html>", "</html>", "</body>", "</html><a href=/after>after</a>"));
        }
        return sb.toString();
    }

    private static String headPart(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> "<title>" + pick(r, TEXTS) + pick(r, "</title>", "</TITLE >", "</title x=y>") + "";
            case 1 ->
                "<meta name=" + pick(r, "robots", "ROBOTS", " trawl ", "googlebot", "\"robots\"") + " content='"
                        + pick(r, "noindex", "nofollow", "none", "index,follow", "NOINDEX, NOFOLLOW", "") + "'>";
            case 2 ->
                "<link rel=" + pick(r, "canonical", "'alternate canonical'", "stylesheet", "Canonical") + " href="
                        + pick(r, HREFS) + ">";
            case 3 -> "<base href=" + pick(r, "/b/", "http://b.test/dir/", "x/", "") + ">";
            case 4 ->
                "<script>" + pick(r, "var a='<a href=/s>';", "if (a<b) {}", "<!-- x -->", "</scrip>") + "</script>";
            case 5 -> "<style>" + pick(r, "a{}", "</styl>", "<a href=/st>") + "</style>";
            case 6 -> "<noscript><img src=x></noscript>";
            case 7 -> " \n";
            default -> "<!-- head " + pick(r, "comment", "<a href=/c>", "--!>", "-") + " -->";
        };
    }

    private static String part(Random r) {
        return switch (r.nextInt(24)) {
            case 0, 1, 2, 3 -> anchor(r);
            case 4, 5 -> pick(r, TEXTS);
            case 6 -> "<" + pick(r, INLINE) + ">";
            case 7 -> "</" + pick(r, INLINE) + ">";
            case 8 -> "<" + pick(r, OTHER) + (r.nextBoolean() ? "" : " class=x") + ">";
            case 9 -> "</" + pick(r, OTHER) + ">";
            case 10 -> pick(r, "<br>", "<br/>", "</br>", "<img src=i.png>", "<img alt='x'/>", "<wbr>", "<hr>");
            case 11 ->
                pick(
                        r,
                        "<!-- c -->",
                        "<!-->",
                        "<!--->",
                        "<!-- a -- b -->",
                        "<!-- x --!>",
                        "<!---->",
                        "<!-- <a href=/c>c</a> -->",
                        "<!DOCTYPE x>",
                        "<?php x ?>",
                        "</>",
                        "</ x>",
                        "<![CDATA[x]]>",
                        "<!x>",
                        "<!-- unclosed");
            case 12 -> "<area href=" + pick(r, HREFS) + pick(r, "", " rel=nofollow") + ">";
            case 13 -> headPart(r);
            case 14 ->
                "<table>" + pick(r, "", "<tr><td>", "<tbody><tr><th>", "<caption>") + anchor(r)
                        + pick(r, "", "</td></tr>", "</th>", "</caption>") + pick(r, "</table>", "");
            case 15 ->
                pick(r, "<textarea>", "<title>", "<xmp>", "<iframe>", "<noembed>", "<noframes>", "<style>", "<script>")
                        + pick(r, TEXTS)
                        + pick(r, "<a href=/raw>r</a>", "")
                        + pick(
                                r,
                                "</textarea>",
                                "</title>",
                                "</xmp>",
                                "</iframe>",
                                "</noembed>",
                                "</noframes>",
                                "</style>",
                                "</script>",
                                "");
            case 16 -> "<" + pick(r, INLINE) + "/>";
            case 17 -> pick(r, "<a", "<a href='x", "<a href=x", "<", "</a", "<a href=\"x\"\n>y");
            case 18 ->
                pick(
                        r,
                        "<A HREF=/UP>UP</A>",
                        "<a href=/1 href=/2>dup</a>",
                        "<a rel=nofollow rel=x href=/r>r</a>",
                        "<a href=/q\"x>q</a>",
                        "<a href=/sq'y'>sq</a>",
                        "<a/href=/slash>s</a>",
                        "<a =href=/eq>e</a>",
                        "<a href = '/spaces' >sp</a>",
                        "<a href=/nows\"x\"y=z>n</a>",
                        "<a href=\"/gt>\">gt</a>",
                        "<a<b href=/lt>lt</a>",
                        "<a href=/ta\tb>t</a>",
                        "<a\nhref=/nl>nl</a>",
                        "<a href=/self/>sc</a>",
                        "<a href=/v/ />v</a>");
            case 19 -> pick(r, "\u0000", nonAsciiMarkup(r, false));
            case 20 -> "<meta name=robots content=" + pick(r, "nofollow", "noindex", "none") + ">";
            case 21 ->
                "<a href=" + pick(r, HREFS) + ">" + pick(r, TEXTS) + "<" + pick(r, OTHER) + ">" + pick(r, TEXTS)
                        + "</a>";
            default -> "<p>" + pick(r, TEXTS);
        };
    }

    private static String tamePart(Random r) {
        return switch (r.nextInt(12)) {
            case 0, 1, 2, 3 -> tameAnchor(r);
            case 4 -> pick(r, pick(r, TEXTS), pick(r, NON_ASCII));
            case 5 -> "<" + pick(r, INLINE) + ">" + pick(r, TEXTS) + tameAnchor(r) + "</" + pick(r, INLINE) + ">";
            case 6 ->
                pick(
                        r,
                        "<p>",
                        "</p>",
                        "<div>",
                        "</div>",
                        "<ul><li>",
                        "</li></ul>",
                        "<h1>",
                        "</h1>",
                        "<br>",
                        "<img src=i>",
                        nonAsciiMarkup(r, true),
                        nonAsciiMarkup(r, true));
            case 7 -> pick(r, "<!-- c -->", "<!-- <a href=/c>c</a> -->", "<!DOCTYPE x>");
            case 8 -> "<area href=" + pick(r, HREFS) + ">";
            case 9 -> headPart(r);
            case 10 -> "<table><tr><td>" + tameAnchor(r) + "<th>" + pick(r, TEXTS) + "</tr></table>";
            default ->
                pick(
                        r,
                        "<script>var a='<a href=/s>';</script>",
                        "<textarea><a href=/t>t</a></textarea>",
                        "<noscript><iframe src=x></iframe></noscript>",
                        "<style>a{}</style>");
        };
    }

    /**
     * Non-ASCII characters, and bytes that are not UTF-8, where the tokenizer reads names, values,
     * comments and text; when {@code tame}, not in element names (the scanner leaves those to jsoup).
     */
    private static String nonAsciiMarkup(Random r, boolean tame) {
        String x = pick(r, NON_ASCII);
        int kind = r.nextInt(12);
        if (tame && (kind == 4 || kind == 5)) {
            kind = 11;
        }
        return switch (kind) {
            case 0 -> "<" + x + ">";
            case 1 -> "</" + x + ">";
            case 2 -> "<!" + x + " x>";
            case 3 -> "</" + x + " x=1>";
            case 4 -> "<" + pick(r, INLINE) + x + ">";
            case 5 -> "</" + pick(r, INLINE) + x + ">";
            case 6 -> "<span " + x + "=v>";
            case 7 -> "<span title=" + x + " data-" + x + "='" + x + "'>";
            case 8 -> "<!-- " + x + " -->";
            case 9 -> "<a href=/" + x + " title=\"" + x + "\">" + x + "</a>";
            case 10 -> "<script>" + x + "</script" + x + "></script>";
            default -> x + " " + x;
        };
    }

    private static String tameAnchor(Random r) {
        StringBuilder a = new StringBuilder("<a href=\"")
                .append(pick(r, HREFS).replace("\"", ""))
                .append('"');
        if (r.nextInt(4) == 0) {
            a.append(" rel=").append(pick(r, "nofollow", "'noopener NOFOLLOW'", "nofollow,ugc", "x"));
        }
        a.append('>');
        for (int i = r.nextInt(4); i > 0; i--) {
            String inline = pick(r, INLINE);
            a.append(
                    switch (r.nextInt(5)) {
                        case 0, 1 -> pick(r, TEXTS);
                        case 3 ->
                            pick(
                                    r,
                                    pick(r, NON_ASCII),
                                    "</" + pick(r, NON_ASCII) + ">",
                                    "<!-- " + pick(r, NON_ASCII) + " -->");
                        case 2 ->
                            "<" + inline + ">" + pick(r, TEXTS) + pick(r, "", "<img src=i>", "<br>") + "</" + inline
                                    + ">";
                        default -> pick(r, "<img src=i>", "<br>", "<wbr>", "<!-- c -->", "<img alt=x>");
                    });
        }
        return a.append(r.nextInt(10) == 0 ? "" : pick(r, "</a>", "</A>", "</a >"))
                .toString();
    }

    private static String anchor(Random r) {
        StringBuilder a = new StringBuilder("<a");
        if (r.nextInt(8) > 0) {
            String href = pick(r, HREFS);
            a.append(" href=")
                    .append(pick(
                            r,
                            "\"" + href + "\"",
                            "'" + href + "'",
                            href.isEmpty() || href.contains(" ") ? "\"\"" : href));
        }
        if (r.nextInt(4) == 0) {
            a.append(" rel=").append(pick(r, "nofollow", "'noopener NOFOLLOW'", "nofollow,ugc", "x"));
        }
        a.append(pick(r, ">", " >", " class=c>"));
        for (int i = r.nextInt(4); i > 0; i--) {
            a.append(
                    switch (r.nextInt(9)) {
                        case 0, 1, 2 -> pick(r, TEXTS);
                        case 8 -> nonAsciiMarkup(r, false);
                        case 3 -> "<" + pick(r, INLINE) + ">" + pick(r, TEXTS) + "</" + pick(r, INLINE) + ">";
                        case 4 -> pick(r, "<img src=i>", "<br>", "<wbr>", "<!-- c -->", "<img alt=x>");
                        case 5 -> "<span>" + pick(r, TEXTS) + "<img src=i>" + pick(r, "", "</span>", "t</span>");
                        case 6 -> "<area href=/in-a>";
                        default ->
                            pick(r, "<a href=/nested>n</a>", "<" + pick(r, OTHER) + ">", "</" + pick(r, OTHER) + ">");
                    });
        }
        a.append(pick(r, "</a>", "</a>", "</a>", "", "</A>", "</a >"));
        return a.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
