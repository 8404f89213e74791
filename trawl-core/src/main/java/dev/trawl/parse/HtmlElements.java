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
            Set.of("svg", "math", "template", "select", "frameset", "plaintext", "isindex", "image", "listing");
    /** Table parts: in a table but outside its cells, only these (and scripts, styles) stay where they are. */
    static final Set<String> TABLE_PARTS =
            Set.of("caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th");
    /** Elements whose content is text, not markup, and is not read (the title's is, on its own). */
    static final Set<String> RAW_TEXT = Set.of("style", "xmp", "iframe", "noembed", "noframes", "textarea");
}
