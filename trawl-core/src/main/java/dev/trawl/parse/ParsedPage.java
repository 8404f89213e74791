package dev.trawl.parse;

import dev.trawl.url.WebUrl;
import java.util.List;

/**
 * What a crawler reads from an HTML page.
 *
 * @param title the document title, or the empty string
 * @param links the distinct http(s) links in document order, without links to the page itself
 * @param canonical the {@code <link rel=canonical>} URL, or {@code null}
 * @param metaNofollow whether a robots meta tag says {@code nofollow} or {@code none}
 * @param metaNoindex whether a robots meta tag says {@code noindex} or {@code none}
 */
public record ParsedPage(String title, List<Link> links, WebUrl canonical, boolean metaNofollow, boolean metaNoindex) {

    /** A page with nothing in it, for bodies that are not parsed. */
    public static final ParsedPage EMPTY = new ParsedPage("", List.of(), null, false, false);
}
