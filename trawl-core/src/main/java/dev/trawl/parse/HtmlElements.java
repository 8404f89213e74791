package dev.trawl.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** HTML elements by what jsoup's tree builder does with them, as far as {@link HtmlScanner} models it. */
final class HtmlElements {

    private HtmlElements() {}

    /** Elements without content: never open. */
    static final Set<String> VOID = Set.of(
            "area",
            "base",
            "basefont",
            "bgsound",
            "br",
            "col",
            "embed",
            "frame",
            "hr",
            "img",
            "input",
            "keygen",
            "link",
            "meta",
            "param",
            "source",
            "track",
            "wbr");
    /** Start tags that may stay in the head: any other one starts the body. */
    static final Set<String> HEAD = Set.of(
            "html", "head", "base", "basefont", "bgsound", "link", "meta", "noframes", "script", "style", "title");
    /** Inside a link, elements whose text jsoup joins as it is, with no separator (checked against jsoup). */
    static final Set<String> PLAIN_INLINE = Set.of(
            "span", "b", "i", "em", "strong", "small", "code", "abbr", "font", "label", "q", "sub", "sup", "time",
            "mark", "cite", "kbd", "var", "samp", "dfn", "bdi", "bdo", "data", "big", "tt", "strike", "u", "s");
    /**
     * The tree builder rebuilds, moves or drops what is inside or after these, or jsoup keeps the
     * whitespace of text inside them: jsoup reads such pages.
     */
    static final Set<String> NOT_MODELLED =
            Set.of("math", "template", "select", "frameset", "plaintext", "isindex", "image", "listing");
    /**
     * SVG elements that draw and hold no text: an {@code <svg>} of only these is an icon, which
     * adds nothing jsoup would find (names lower-cased, as the scanner reads them).
     */
    static final Set<String> SVG_SHAPES = Set.of(
            "path",
            "circle",
            "line",
            "rect",
            "ellipse",
            "polyline",
            "polygon",
            "g",
            "defs",
            "use",
            "symbol",
            "lineargradient",
            "radialgradient",
            "stop",
            "clippath",
            "mask");
    /**
     * Start tags that close an open {@code <p>} in button scope (HTML's "in body" rules; not
     * {@code <form>}, ignored in a form, nor {@code <table>}, which does not in quirks mode).
     */
    static final Set<String> CLOSES_PARAGRAPH = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "center",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "header",
            "hgroup",
            "main",
            "menu",
            "nav",
            "ol",
            "search",
            "section",
            "summary",
            "ul",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "pre",
            "listing",
            "li",
            "dd",
            "dt",
            "hr",
            "xmp",
            "p");
    /** HTML's formatting elements, which the tree builder reopens after they were closed by force. */
    static final Set<String> FORMATTING =
            Set.of("a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u");
    /** Elements that hide an open {@code <p>} from the tags that would close it (button scope). */
    static final Set<String> PARAGRAPH_SCOPES = Set.of("button", "object", "applet", "marquee");
    /** Table parts: in a table but outside its cells, only these (and scripts, styles) stay where they are. */
    static final Set<String> TABLE_PARTS =
            Set.of("caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th");
    /** Elements whose content is text, not markup, and is not read (the title's is, on its own). */
    static final Set<String> RAW_TEXT = Set.of("style", "xmp", "iframe", "noembed", "noframes", "textarea");

    /**
     * One copy of each name above and of the others the scanner compares, in an open-addressing
     * table: a tag read from the page is given as its copy, so that comparing it finds the equal
     * name by identity and the sets find its hash already computed.
     */
    private static final String[] NAMES = new String[1024];

    static {
        List<String> names = new ArrayList<>(List.of(
                "a",
                "body",
                "br",
                "div",
                "head",
                "html",
                "img",
                "link",
                "meta",
                "noscript",
                "p",
                "pre",
                "script",
                "span",
                "style",
                "svg",
                "table",
                "title",
                "ul",
                "ol",
                "li",
                "wbr"));
        for (Set<String> set : List.of(
                VOID,
                HEAD,
                PLAIN_INLINE,
                NOT_MODELLED,
                SVG_SHAPES,
                CLOSES_PARAGRAPH,
                FORMATTING,
                PARAGRAPH_SCOPES,
                TABLE_PARTS,
                RAW_TEXT)) {
            names.addAll(set);
        }
        for (String name : names) {
            int slot = hash(name.getBytes(StandardCharsets.ISO_8859_1), 0, name.length());
            while (NAMES[slot] != null && !NAMES[slot].equals(name)) {
                slot = (slot + 1) & (NAMES.length - 1);
            }
            NAMES[slot] = name;
        }
    }

    /** The known name that the ASCII bytes spell in any case, or null. */
    static String name(byte[] b, int from, int to) {
        int length = to - from;
        for (int slot = hash(b, from, to); NAMES[slot] != null; slot = (slot + 1) & (NAMES.length - 1)) {
            String name = NAMES[slot];
            if (name.length() == length && spells(b, from, name)) {
                return name;
            }
        }
        return null;
    }

    private static boolean spells(byte[] b, int from, String name) {
        for (int k = 0; k < name.length(); k++) {
            if (lower(b[from + k]) != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + lower(b[i]);
        }
        return (h ^ (h >>> 10)) & (NAMES.length - 1);
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
