package dev.trawl.parse;

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
}
