package dev.trawl.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.TextNode;

/**
 * Reads a page's bytes once, tag by tag as the HTML5 tokenizer does, and tells {@link PageFacts}
 * what jsoup's document would hold, without building the document.
 *
 * <p>Tags are seen in document order; jsoup's tree is in the same order, and an element's text
 * is the text between its tags, unless the tree builder moves things: misnested tags inside a
 * link, block elements inside a link, content outside a table's cells (moved before the table),
 * {@code <select>}, {@code <template>}, MathML, SVG but for icons made of shapes outside
 * links, a {@code <div>} in a link when a {@code <p>} may be open (the tree builder closes it,
 * and the link with it), framesets, a {@code <noscript>} in the head holding more than links, metas and styles,
 * and a few more. Those pages are not read
 * here: {@link #scan} says so and the caller hands the page to jsoup. Inside a {@code <pre>},
 * jsoup keeps a text's whitespace as it is when the {@code <pre>} is at most five elements above
 * the text's own: links there are read so, within inline elements only. The charset
 * must keep ASCII bytes for ASCII characters only (UTF-8, ISO-8859-x, windows-125x, EUC-KR, GB2312), so that
 * markup can be found in the bytes and only what is kept is decoded.
 */
final class HtmlScanner {

    /** Thrown where the page leaves what this reader models. */
    private static final class Unsure extends RuntimeException {
        Unsure() {
            super(null, null, false, false);
        }
    }

    private static final Unsure UNSURE = new Unsure();

    /** The tags compared most, told by where {@link HtmlElements} has them (see {@link #element}). */
    private static final int A = HtmlElements.slot("a");

    private static final int DIV = HtmlElements.slot("div");
    private static final int LINK = HtmlElements.slot("link");
    private static final int META = HtmlElements.slot("meta");
    private static final int NOSCRIPT = HtmlElements.slot("noscript");
    private static final int P = HtmlElements.slot("p");
    private static final int SCRIPT = HtmlElements.slot("script");
    private static final int STYLE = HtmlElements.slot("style");
    private static final int SVG = HtmlElements.slot("svg");
    private static final int TABLE = HtmlElements.slot("table");

    private final byte[] b;
    private final int n;
    private final Charset charset;
    private final PageFacts facts;
    private int pos;
    private boolean bodyStarted;
    private boolean titleSeen;

    /** The open link: its number in the facts (-1 without href), raw text, elements opened in it. */
    private boolean inAnchor;

    private int anchor;
    private final StringBuilder anchorText = new StringBuilder();
    private final List<String> openInAnchor = new ArrayList<>();
    /** After an {@code <img>} in a link: jsoup puts a space before a next text or inline element. */
    private boolean afterImage;

    /** Open {@code <noscript>} elements in the body: inside them jsoup nests a link in an open one. */
    private int noscripts;

    /** Inside a {@code <noscript>} in the head, where only links, metas and styles are read here. */
    private boolean headNoscript;

    /** Whether a {@code <pre>} is open, and the inline elements open in it (the link's not counted). */
    private boolean inPre;

    private final List<String> openInPre = new ArrayList<>();
    /** Whether the open link is in a {@code <pre>}: its text keeps its whitespace. */
    private boolean anchorInPre;

    /**
     * Whether a {@code <p>} may be open where a block start tag would close it, taking the link
     * with it; the elements open that hide a {@code <p>} from such tags (buttons and the like);
     * and whether one of those was closed inside a table, where the tree builder may have
     * ignored the end tag. Kept on the safe side: a {@code <p>} is taken as closed only when no
     * table or such element is open, and never again once that is unknown.
     */
    private boolean paragraphOpen;

    private final List<String> paragraphScopes = new ArrayList<>();
    private boolean paragraphsUnknown;

    /**
     * Whether a formatting element ({@code <b>}, {@code <i>}, ...) was opened outside links and
     * pre: the tree builder may reopen it where text comes, inside a {@code <pre>} too, which then
     * is further above a link's text than the scanner counts. No end tag is trusted to close it:
     * the tree builder ignores some (a stray {@code </a>}) and reopens clones after others.
     */
    private boolean formattingSeen;

    /** Whether the open {@code <pre>} came after a formatting element (see {@link #formattingSeen}). */
    private boolean preDepthUnsure;

    /** Whether {@code </head>} was seen: a {@code <noscript>} after it starts the body. */
    private boolean headEnded;

    /** After a block's end in a link: jsoup puts a space before a next text or element, not before a comment. */
    private boolean afterBlock;

    /** Whether an {@code <svg>} is open (outside links), and its shapes open in it. */
    private boolean inSvg;

    private final List<String> openInSvg = new ArrayList<>();

    /** How far above a text jsoup looks for a {@code <pre>} that keeps its whitespace. */
    private static final int PRE_REACH = 5;

    /** One entry per open table: whether the scanner is inside one of its cells. */
    private final List<Boolean> tables = new ArrayList<>();

    /** Whether a table is open and the scanner is outside its cells: asked at each tag, kept as {@link #tables} changes. */
    private boolean outsideCells;

    /** A tag's attributes: the first of each name that is read. */
    private String href;

    private String rel;
    private String name;
    private String content;
    private boolean selfClosing;
    /** What {@link HtmlElements} knows of the tag just read: its kinds' bits, 0 for a name it does not know. */
    private int kinds;

    /** Where {@link HtmlElements} has the tag just read ({@link HtmlElements#slot}), -1 for a name it does not know. */
    private int element;
    /** Where the attribute being read has its value. */
    private int valueFrom;

    private int valueTo;

    private HtmlScanner(byte[] body, Charset charset, PageFacts facts) {
        this.b = body;
        this.n = body.length;
        this.charset = charset;
        this.facts = facts;
    }

    /**
     * Whether a charset encodes ASCII characters, and only them, as ASCII bytes: the JDK decodes
     * an ASCII byte as itself whatever precedes it. Besides the single-byte ones, EUC-KR and
     * GB2312 are so (their two-byte characters have both bytes above 0x80); Shift_JIS, GBK and
     * Big5 are not (their second bytes include ASCII letters), nor is the JDK's EUC-JP (it takes
     * 0x80 and a NUL for one malformed character).
     */
    static boolean asciiSafe(Charset charset) {
        String c = charset.name();
        return c.equals("UTF-8")
                || c.equals("US-ASCII")
                || c.startsWith("ISO-8859-")
                || c.startsWith("windows-125")
                || c.equals("EUC-KR")
                || c.equals("GB2312");
    }

    /**
     * Reads a page into {@code facts}; returns false, with {@code facts} half told, when the page
     * holds markup that jsoup's tree builder would rearrange.
     */
    static boolean scan(byte[] body, Charset charset, PageFacts facts) {
        try {
            new HtmlScanner(body, charset, facts).run();
            return true;
        } catch (Unsure e) {
            return false;
        }
    }

    private void run() {
        while (pos < n) {
            int lt = indexOf((byte) '<', pos);
            int end = lt < 0 ? n : lt;
            if (end > pos) {
                text(pos, end);
            }
            if (lt < 0) {
                break;
            }
            pos = lt;
            markup();
        }
        if (inAnchor) {
            endAnchor();
        }
    }

    private void markup() {
        int c = at(pos + 1);
        if (isAlpha(c)) {
            startTag();
        } else if (c == '/') {
            int d = at(pos + 2);
            if (isAlpha(d)) {
                endTag();
            } else if (d == '>') {
                pos += 3;
            } else if (d < 0) {
                text(pos, n);
                pos = n;
            } else {
                bogusComment(pos + 2);
            }
        } else if (c == '!') {
            declaration();
        } else if (c == '?') {
            bogusComment(pos + 1);
        } else {
            text(pos, pos + 1);
            pos++;
        }
    }

    /** Text between tags: kept for the open link; it starts the body, and moves out of a table. */
    private void text(int from, int to) {
        if (inSvg) {
            for (int i = from; i < to; i++) {
                if (!isSpace(b[i])) {
                    throw UNSURE;
                }
            }
            return;
        }
        if (!bodyStarted || outsideCells) {
            for (int i = from; i < to; i++) {
                if (!isSpace(b[i])) {
                    if (outsideCells || headNoscript) {
                        throw UNSURE;
                    }
                    bodyStarted = true;
                    break;
                }
            }
        }
        if (inAnchor) {
            if (anchorInPre && openInPre.size() + 1 + openInAnchor.size() > PRE_REACH) {
                throw UNSURE;
            }
            spaceAfterBlock();
            spaceAfterImage();
            anchorText.append(decode(from, to, false));
        }
    }

    /** A node other than text or an inline element in a link: no space after an image then. */
    private void otherNode() {
        afterImage = false;
        afterBlock = false;
    }

    private void startTag() {
        String tag = tag(pos + 1);
        if (inSvg) {
            inSvg(tag);
            return;
        }
        if (element == SVG) {
            startSvg();
            return;
        }
        if (selfClosing && !is(HtmlElements.VOID)) {
            throw UNSURE;
        }
        if (is(HtmlElements.NOT_MODELLED) || headNoscript && element == NOSCRIPT || outsideCells && element == TABLE) {
            throw UNSURE;
        }
        if (headNoscript && element != LINK && element != META && element != STYLE) {
            throw UNSURE;
        }
        if (outsideCells && !is(HtmlElements.TABLE_PARTS) && element != SCRIPT && element != STYLE) {
            throw UNSURE;
        }
        // A <noscript> in the head stays there (see headNoscript); after </head> it starts the body.
        if (!bodyStarted && !is(HtmlElements.HEAD) && !(element == NOSCRIPT && !headEnded)) {
            bodyStarted = true;
        }
        if (inAnchor) {
            inAnchor(tag);
        } else {
            paragraphs(tag, true);
            if (inPre) {
                inPre(tag);
            } else {
                formattingSeen |= is(HtmlElements.FORMATTING);
            }
        }
        switch (tag) {
            case "pre" -> {
                inPre = true;
                preDepthUnsure = formattingSeen;
            }
            case "a" -> startAnchor();
            case "area" -> {
                if (href != null) {
                    facts.anchor(href, relOrEmpty());
                }
            }
            case "base" -> {
                if (href != null) {
                    facts.base(href);
                }
            }
            case "link" -> {
                if (href != null) {
                    facts.link(relOrEmpty(), href);
                }
            }
            case "meta" -> facts.meta(name == null ? "" : name, content);
            case "title" -> title();
            case "script" -> script();
            case "table" -> {
                tables.add(false);
                outsideCells = true;
            }
            case "noscript" -> {
                if (bodyStarted) {
                    noscripts++;
                } else {
                    headNoscript = true;
                }
            }
            case "td", "th", "caption" -> cell(true);
            case "tr", "tbody", "thead", "tfoot", "colgroup", "col" -> cell(false);
            default -> {
                if (is(HtmlElements.RAW_TEXT)) {
                    skipUntilEndTag(tag);
                }
            }
        }
    }

    /**
     * An {@code <svg>} outside links, pre and table rows: an element of its own in jsoup's tree,
     * whose shapes hold no links, text or title. Anything else in it jsoup reads.
     */
    private void startSvg() {
        if (inAnchor || inPre || headNoscript || outsideCells) {
            throw UNSURE;
        }
        bodyStarted = true;
        inSvg = !selfClosing;
    }

    /** A start tag in an {@code <svg>}: a shape (self-closing, or nesting properly). */
    private void inSvg(String tag) {
        if (!is(HtmlElements.SVG_SHAPES)) {
            throw UNSURE;
        }
        if (!selfClosing) {
            openInSvg.add(tag);
        }
    }

    /**
     * A start tag inside a {@code <pre>}, outside a link: plain inline elements and {@code <div>}
     * (Sphinx puts its source links in one) nest, void and raw-text elements are read as
     * anywhere; anything else jsoup reads.
     */
    private void inPre(String tag) {
        if (is(HtmlElements.PLAIN_INLINE) || element == DIV) {
            openInPre.add(tag);
        } else if (element != A && element != SCRIPT && !is(HtmlElements.VOID) && !is(HtmlElements.RAW_TEXT)) {
            throw UNSURE;
        }
    }

    /** Follows whether a {@code <p>} may be open, by a start or end tag outside links. */
    private void paragraphs(String tag, boolean start) {
        if (is(HtmlElements.PARAGRAPH_SCOPES)) {
            int open = paragraphScopes.lastIndexOf(tag);
            if (start) {
                paragraphScopes.add(tag);
            } else if (open >= 0 && !tables.isEmpty()) {
                paragraphsUnknown = true;
            } else if (open >= 0) {
                // It closes what was opened in it too; an end tag of none open is ignored.
                paragraphScopes.subList(open, paragraphScopes.size()).clear();
            }
        }
        boolean closes = start ? is(HtmlElements.CLOSES_PARAGRAPH) : element == P;
        if (closes && tables.isEmpty() && paragraphScopes.isEmpty() && !paragraphsUnknown) {
            paragraphOpen = false;
        }
        if (start && element == P) {
            paragraphOpen = true;
        }
    }

    /** A start tag inside the open link: plain inline elements nest; a new link closes this one. */
    private void inAnchor(String tag) {
        spaceAfterBlock();
        switch (tag) {
            case "a" -> {
                if (noscripts > 0 || !openInAnchor.isEmpty() && (anchorInPre || !allReopened(openInAnchor))) {
                    throw UNSURE;
                }
                // A link in a link: the tree builder closes the first, and the formatting elements
                // open in it (no other kind) are reopened around the new one (the adoption agency
                // finds no block in them; reconstruction clones them), outside both links.
                formattingSeen |= !openInAnchor.isEmpty();
                openInAnchor.clear();
                endAnchor();
            }
            case "br" -> {
                space();
                afterImage = false;
            }
            case "wbr", "area" -> spaceAfterImage();
            case "img" -> {
                spaceAfterImage();
                afterImage = true;
            }
            case "div" -> {
                // Right in the link only: jsoup's text puts a space where the block starts, and
                // after it when a text or an element follows (afterBlock).
                if (paragraphOpen || anchorInPre || !openInAnchor.isEmpty()) {
                    throw UNSURE;
                }
                afterImage = false;
                space();
                openInAnchor.add(tag);
            }
            default -> {
                if (!is(HtmlElements.PLAIN_INLINE)) {
                    throw UNSURE;
                }
                spaceAfterImage();
                openInAnchor.add(tag);
            }
        }
    }

    /** Whether each element is one that the tree builder reopens after a link closed by force. */
    private static boolean allReopened(List<String> open) {
        for (String tag : open) {
            int kinds = HtmlElements.kinds(tag);
            if ((kinds & HtmlElements.FORMATTING) == 0 || (kinds & HtmlElements.PLAIN_INLINE) == 0) {
                return false;
            }
        }
        return true;
    }

    private void spaceAfterBlock() {
        if (afterBlock) {
            space();
            afterBlock = false;
        }
    }

    private void spaceAfterImage() {
        if (afterImage) {
            space();
            afterImage = false;
        }
    }

    /** A space in the link's text, as jsoup puts one for {@code <br>} or after an image: unless one ends it. */
    private void space() {
        if (anchorText.isEmpty() || anchorText.charAt(anchorText.length() - 1) != ' ') {
            anchorText.append(' ');
        }
    }

    private void startAnchor() {
        inAnchor = true;
        anchorInPre = inPre;
        anchor = href == null ? -1 : facts.anchor(href, relOrEmpty());
        anchorText.setLength(0);
        afterImage = false;
    }

    private void endAnchor() {
        inAnchor = false;
        afterImage = false;
        afterBlock = false;
        if (anchor >= 0) {
            String raw = anchorText.toString();
            String text = normalized(raw);
            if (anchorInPre) {
                String kept = raw.trim();
                // Reopened formatting elements may put the <pre> out of jsoup's reach.
                if (preDepthUnsure && !kept.equals(text)) {
                    throw UNSURE;
                }
                text = kept;
            }
            facts.anchorText(anchor, text);
        }
    }

    private void endTag() {
        String tag = tag(pos + 2);
        otherNode();
        if (inSvg) {
            inSvg = !endIn(openInSvg, "svg", tag);
            return;
        }
        if (inAnchor) {
            if (element == A && openInAnchor.isEmpty()) {
                endAnchor();
            } else if (!openInAnchor.isEmpty()
                    && openInAnchor.get(openInAnchor.size() - 1).equals(tag)) {
                openInAnchor.remove(openInAnchor.size() - 1);
                afterBlock = element == DIV;
            } else {
                throw UNSURE;
            }
            return;
        }
        paragraphs(tag, false);
        if (inPre) {
            inPre = !endIn(openInPre, "pre", tag);
            return;
        }
        if (headNoscript) {
            if (element != NOSCRIPT) {
                throw UNSURE;
            }
            headNoscript = false;
            return;
        }
        switch (tag) {
            case "table" -> {
                if (!tables.isEmpty()) {
                    tables.remove(tables.size() - 1);
                    outsideCells = !tables.isEmpty() && !tables.get(tables.size() - 1);
                }
            }
            case "td", "th", "caption", "tr", "tbody", "thead", "tfoot" -> cell(false);
            case "noscript" -> noscripts = Math.max(0, noscripts - 1);
            case "body", "html", "br" -> bodyStarted = true;
            case "head" -> headEnded = true;
            default -> {}
        }
    }

    /**
     * An end tag inside a {@code <pre>} or an {@code <svg>} (outside links): it closes what was
     * opened last in it, or the container itself; returns whether it closed the container.
     */
    private static boolean endIn(List<String> open, String container, String tag) {
        if (!open.isEmpty() && open.get(open.size() - 1).equals(tag)) {
            open.remove(open.size() - 1);
            return false;
        }
        if (open.isEmpty() && tag.equals(container)) {
            return true;
        }
        throw UNSURE;
    }

    /** Reads a tag's name, starting at {@code from}, and its attributes, up to and past its {@code >}. */
    private String tag(int from) {
        byte[] b = this.b;
        int n = this.n;
        int i = from;
        byte c;
        while (i < n && (c = b[i]) != '/' && c != '>' && !isSpace(c)) {
            i++;
        }
        String tag = lowerName(from, i);
        pos = i;
        attributes();
        return tag;
    }

    private void cell(boolean inCell) {
        if (!tables.isEmpty()) {
            tables.set(tables.size() - 1, inCell);
            outsideCells = !inCell;
        }
    }

    /** The title in the head is the document's; one in the body is not. */
    private void title() {
        int start = pos;
        int end = skipUntilEndTag("title");
        if (end < 0) {
            throw UNSURE;
        }
        if (!bodyStarted && !titleSeen) {
            titleSeen = true;
            facts.title(normalized(decode(start, end, false)));
        }
    }

    /**
     * Script content ends at {@code </script>}, unless an HTML comment opener inside is followed
     * by a {@code <script} (the tokenizer's double-escaped state then skips a {@code </script>}).
     */
    private void script() {
        int start = pos;
        int end = skipUntilEndTag("script");
        int to = end < 0 ? n : end;
        int comment = indexOf("<!--", start, to);
        if (comment >= 0 && indexOf("<script", comment, to) >= 0) {
            throw UNSURE;
        }
    }

    /**
     * Skips raw text to the end tag named {@code tag} (and past it); returns where the text ends,
     * or -1 when it runs to the end of the page.
     */
    private int skipUntilEndTag(String tag) {
        int i = pos;
        while ((i = indexOf((byte) '<', i)) >= 0) {
            if (at(i + 1) == '/' && matchesIgnoreCase(i + 2, tag)) {
                int after = at(i + 2 + tag.length());
                if (after < 0 || isSpace((byte) after) || after == '/' || after == '>') {
                    pos = i + 2 + tag.length();
                    attributes();
                    return i;
                }
            }
            i++;
        }
        pos = n;
        return -1;
    }

    /**
     * Reads a tag's attributes up to and past its {@code >}, keeping the first href, rel, name
     * and content, as the tokenizer's attribute states do.
     */
    private void attributes() {
        href = null;
        rel = null;
        name = null;
        content = null;
        selfClosing = false;
        byte[] b = this.b;
        int n = this.n;
        int i = pos;
        while (true) {
            while (i < n && isSpace(b[i])) {
                i++;
            }
            if (i >= n) {
                throw UNSURE;
            }
            byte c = b[i];
            if (c == '<') {
                throw UNSURE;
            }
            if (c == '>') {
                pos = i + 1;
                return;
            }
            if (c == '/') {
                i++;
                if (i < n && b[i] == '>') {
                    selfClosing = true;
                    pos = i + 1;
                    return;
                }
                continue;
            }
            int nameFrom = i++;
            while (i < n && (c = b[i]) != '/' && c != '>' && c != '=' && !isSpace(c)) {
                if (c == '<') {
                    throw UNSURE;
                }
                i++;
            }
            int nameTo = i;
            while (i < n && isSpace(b[i])) {
                i++;
            }
            valueFrom = i;
            valueTo = i;
            if (i < n && b[i] == '=') {
                i = attributeValue(i + 1);
            }
            keep(nameFrom, nameTo);
        }
    }

    /**
     * Finds an attribute's value (quoted or not) after its {@code =}: from {@code valueFrom} to
     * {@code valueTo}; returns where the tag goes on.
     */
    private int attributeValue(int from) {
        byte[] b = this.b;
        int n = this.n;
        int i = from;
        while (i < n && isSpace(b[i])) {
            i++;
        }
        if (i >= n) {
            throw UNSURE;
        }
        byte q = b[i];
        if (q == '"' || q == '\'') {
            valueFrom = i + 1;
            valueTo = indexOf(q, valueFrom);
            if (valueTo < 0) {
                throw UNSURE;
            }
            return valueTo + 1;
        }
        valueFrom = i;
        byte c;
        while (i < n && (c = b[i]) != '>' && !isSpace(c)) {
            if (c == '<') {
                throw UNSURE;
            }
            i++;
        }
        valueTo = i;
        return i;
    }

    /** Keeps the value of the first href, rel, name and content; only those are decoded. */
    private void keep(int nameFrom, int nameTo) {
        if (href == null && matchesName(nameFrom, nameTo, "href")) {
            href = decode(valueFrom, valueTo, true);
        } else if (rel == null && matchesName(nameFrom, nameTo, "rel")) {
            rel = decode(valueFrom, valueTo, true);
        } else if (name == null && matchesName(nameFrom, nameTo, "name")) {
            name = decode(valueFrom, valueTo, true);
        } else if (content == null && matchesName(nameFrom, nameTo, "content")) {
            content = decode(valueFrom, valueTo, true);
        }
    }

    private String relOrEmpty() {
        return rel == null ? "" : rel;
    }

    private void declaration() {
        if (at(pos + 2) == '-' && at(pos + 3) == '-') {
            comment(pos + 4);
        } else if (matchesIgnoreCase(pos + 2, "[cdata[")) {
            throw UNSURE;
        } else if (matchesIgnoreCase(pos + 2, "doctype")) {
            // A doctype token: no node in the document (the tree builder drops it after the start).
            int gt = indexOf((byte) '>', pos + 2);
            pos = gt < 0 ? n : gt + 1;
        } else {
            bogusComment(pos + 2);
        }
    }

    /** An HTML comment: ends at {@code -->} or {@code --!>}, or at once as {@code <!-->} or {@code <!--->}. */
    private void comment(int from) {
        otherNode();
        if (at(from) == '>') {
            pos = from + 1;
            return;
        }
        if (at(from) == '-' && at(from + 1) == '>') {
            pos = from + 2;
            return;
        }
        int i = from;
        while ((i = indexOf("--", i, n)) >= 0) {
            int k = i + 2;
            while (at(k) == '-') {
                k++;
            }
            if (at(k) == '>') {
                pos = k + 1;
                return;
            }
            if (at(k) == '!' && at(k + 1) == '>') {
                pos = k + 2;
                return;
            }
            i = k;
        }
        pos = n;
    }

    private void bogusComment(int from) {
        otherNode();
        int gt = indexOf((byte) '>', from);
        pos = gt < 0 ? n : gt + 1;
    }

    /**
     * The text of the bytes, references decoded. The charset keeps ASCII for ASCII, so a NUL or an
     * {@code &} in the text is one in the bytes: both are looked for there, in one pass.
     */
    private String decode(int from, int to, boolean inAttribute) {
        byte[] b = this.b;
        boolean references = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == 0) {
                throw UNSURE;
            }
            references |= c == '&';
        }
        String s = new String(b, from, to - from, charset);
        return references ? CharacterReferences.unescape(s, inAttribute) : s;
    }

    /** Whitespace collapsed and trimmed, invisible characters dropped: a jsoup text node's own {@code text()}. */
    static String normalized(String raw) {
        return isNormal(raw) ? raw : new TextNode(raw).text().trim();
    }

    /**
     * Whether jsoup's rules leave the text as it is: single spaces between other characters, none
     * of them a control character, a no-break space (white space to jsoup), a soft hyphen or a
     * zero-width space (invisible, dropped). Most titles and link texts are so.
     */
    private static boolean isNormal(String s) {
        int last = s.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (i == 0 || i == last || s.charAt(i - 1) == ' ') {
                    return false;
                }
            } else if (c < ' ' || c == '\u00a0' || c == '\u00ad' || c == '\u200b') {
                return false;
            }
        }
        return true;
    }

    /** The tag's name, lower-cased, as its one copy when it is known; sets {@link #kinds} and {@link #element}. */
    private String lowerName(int from, int to) {
        byte[] b = this.b;
        for (int i = from; i < to; i++) {
            if (b[i] <= 0 || b[i] == '<') {
                throw UNSURE;
            }
        }
        element = HtmlElements.find(b, from, to);
        if (element < 0) {
            kinds = 0;
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        }
        kinds = HtmlElements.kinds(element);
        return HtmlElements.name(element);
    }

    /** Whether the tag just read is of the kind, such as {@link HtmlElements#VOID}. */
    private boolean is(int kind) {
        return (kinds & kind) != 0;
    }

    private boolean matchesName(int from, int to, String lower) {
        return to - from == lower.length() && matchesIgnoreCase(from, lower);
    }

    private boolean matchesIgnoreCase(int from, String lower) {
        if (from + lower.length() > n) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            int c = b[from + k];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int at(int i) {
        return i < n ? b[i] & 0xFF : -1;
    }

    private int indexOf(byte c, int from) {
        // Fields copied to locals: C1, the compiler a crawl runs on, reloads fields in each turn of a loop.
        byte[] b = this.b;
        int n = this.n;
        for (int i = from; i < n; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(String s, int from, int to) {
        for (int i = from; i + s.length() <= to; i++) {
            if (matchesIgnoreCase(i, s)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpace(byte c) {
        // Most bytes are above the space: one comparison for them.
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r');
    }

    private static boolean isAlpha(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
