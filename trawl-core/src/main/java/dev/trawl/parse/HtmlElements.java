package dev.trawl.parse;

import java.nio.charset.StandardCharsets;

/** HTML elements by what jsoup's tree builder does with them, as far as {@link HtmlScanner} models it. */
final class HtmlElements {

    private HtmlElements() {}

    /*
     * What the tree builder does with an element, as bits of a known name's kinds: a tag's kinds
     * are found with its name, once, instead of a set's lookup for each question.
     */
    /** Elements without content: never open. */
    static final int VOID = 1 << 0;
    /** Start tags that may stay in the head: any other one starts the body. */
    static final int HEAD = 1 << 1;
    /** Inside a link, elements whose text jsoup joins as it is, with no separator (checked against jsoup). */
    static final int PLAIN_INLINE = 1 << 2;
    /**
     * The tree builder rebuilds, moves or drops what is inside or after these, or jsoup keeps the
     * whitespace of text inside them: jsoup reads such pages.
     */
    static final int NOT_MODELLED = 1 << 3;
    /**
     * SVG elements that draw and hold no text: an {@code <svg>} of only these is an icon, which
     * adds nothing jsoup would find (names lower-cased, as the scanner reads them).
     */
    static final int SVG_SHAPES = 1 << 4;
    /**
     * Start tags that close an open {@code <p>} in button scope (HTML's "in body" rules; not
     * {@code <form>}, ignored in a form, nor {@code <table>}, which does not in quirks mode).
     */
    static final int CLOSES_PARAGRAPH = 1 << 5;
    /** HTML's formatting elements, which the tree builder reopens after they were closed by force. */
    static final int FORMATTING = 1 << 6;
    /** Elements that hide an open {@code <p>} from the tags that would close it (button scope). */
    static final int PARAGRAPH_SCOPES = 1 << 7;
    /** Table parts: in a table but outside its cells, only these (and scripts, styles) stay where they are. */
    static final int TABLE_PARTS = 1 << 8;
    /** Elements whose content is text, not markup, and is not read (the title's is, on its own). */
    static final int RAW_TEXT = 1 << 9;

    /**
     * One copy of each name below (those of the kinds, and others the scanner compares), in an open-addressing
     * table with its kinds: a tag read from the page is given as its copy, so that comparing it
     * finds the equal name by identity.
     */
    private static final String[] NAMES = new String[1024];

    private static final int[] KINDS = new int[NAMES.length];

    static {
        kind(
                0,
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
                "wbr");
        kind(
                VOID,
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
        kind(
                HEAD,
                "html",
                "head",
                "base",
                "basefont",
                "bgsound",
                "link",
                "meta",
                "noframes",
                "script",
                "style",
                "title");
        kind(
                PLAIN_INLINE,
                "span",
                "b",
                "i",
                "em",
                "strong",
                "small",
                "code",
                "abbr",
                "font",
                "label",
                "q",
                "sub",
                "sup",
                "time",
                "mark",
                "cite",
                "kbd",
                "var",
                "samp",
                "dfn",
                "bdi",
                "bdo",
                "data",
                "big",
                "tt",
                "strike",
                "u",
                "s");
        kind(NOT_MODELLED, "math", "template", "select", "frameset", "plaintext", "isindex", "image", "listing");
        kind(
                SVG_SHAPES,
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
        kind(
                CLOSES_PARAGRAPH,
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
        kind(
                FORMATTING,
                "a",
                "b",
                "big",
                "code",
                "em",
                "font",
                "i",
                "nobr",
                "s",
                "small",
                "strike",
                "strong",
                "tt",
                "u");
        kind(PARAGRAPH_SCOPES, "button", "object", "applet", "marquee");
        kind(TABLE_PARTS, "caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th");
        kind(RAW_TEXT, "style", "xmp", "iframe", "noembed", "noframes", "textarea");
    }

    private static void kind(int kind, String... names) {
        for (String name : names) {
            int slot = hash(name.getBytes(StandardCharsets.ISO_8859_1), 0, name.length());
            while (NAMES[slot] != null && !NAMES[slot].equals(name)) {
                slot = (slot + 1) & (NAMES.length - 1);
            }
            NAMES[slot] = name;
            KINDS[slot] |= kind;
        }
    }

    /** Where the known name that the ASCII bytes spell in any case is, or -1. */
    static int find(byte[] b, int from, int to) {
        int length = to - from;
        for (int slot = hash(b, from, to); NAMES[slot] != null; slot = (slot + 1) & (NAMES.length - 1)) {
            String name = NAMES[slot];
            if (name.length() == length && spells(b, from, name)) {
                return slot;
            }
        }
        return -1;
    }

    /** The kinds of a lower-case name, 0 for one it does not know. */
    static int kinds(String name) {
        int slot = slot(name);
        return slot < 0 ? 0 : KINDS[slot];
    }

    /**
     * Where a lower-case name is, -1 for one it does not know: what {@link #find} returns for a
     * tag of that name, so that a tag is told by an int compared, not by a string.
     */
    static int slot(String name) {
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        return find(b, 0, b.length);
    }

    /** The name found at {@code slot}. */
    static String name(int slot) {
        return NAMES[slot];
    }

    /** The kinds of the name found at {@code slot}: bits such as {@link #VOID}. */
    static int kinds(int slot) {
        return KINDS[slot];
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
