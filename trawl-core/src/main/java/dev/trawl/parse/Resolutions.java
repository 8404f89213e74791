package dev.trawl.parse;

import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A page's links resolved and normalized ({@link UrlNormalizer#resolve}), remembered across pages:
 * a site's pages share most of their links (the navigation, the index), and resolving one costs
 * microseconds. A link depends on its http(s) base only through the base's directory, unless it
 * is empty, starts with {@code ?} or {@code #} (or a space or control character, which the parser
 * strips), or names a scheme ({@code http:?q} is relative to the whole base): the directory and
 * such a link make the key. When {@link #KEPT} are held, all are forgotten. A link of only a
 * fragment ({@code #...}) is the base itself, whatever the fragment (the normalizer drops it):
 * resolved once per page.
 */
final class Resolutions {

    static final int KEPT = 10_000;

    /** Written out: a record's generated equals and hashCode run through method handles, slow before they are compiled. */
    private record Key(String directory, String href) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && href.equals(k.href) && directory.equals(k.directory);
        }

        @Override
        public int hashCode() {
            return 31 * directory.hashCode() + href.hashCode();
        }
    }

    private static final ConcurrentHashMap<Key, WebUrl> KNOWN = new ConcurrentHashMap<>();

    private final WebUrl base;
    /** The base up to the last '/' of its path; null: none kept. */
    private final String directory;
    /** What {@code #} resolves to, once a link of only a fragment was resolved. */
    private WebUrl itself;

    Resolutions(WebUrl base) {
        this.base = base;
        this.directory = base.scheme().equals("http") || base.scheme().equals("https") ? directoryOf(base) : null;
    }

    WebUrl resolve(String href) {
        if (directory == null) {
            return UrlNormalizer.resolve(base, href);
        }
        if (href.startsWith("#")) {
            if (itself == null) {
                itself = UrlNormalizer.resolve(base, "#");
            }
            return itself;
        }
        if (!dependsOnDirectoryOnly(href)) {
            return UrlNormalizer.resolve(base, href);
        }
        Key key = new Key(directory, href);
        WebUrl known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        WebUrl url = UrlNormalizer.resolve(base, href);
        if (url != null) {
            if (KNOWN.size() >= KEPT) {
                KNOWN.clear();
            }
            KNOWN.put(key, url);
        }
        return url;
    }

    private static String directoryOf(WebUrl base) {
        String href = base.href();
        int end = href.length();
        int query = href.indexOf('?');
        int fragment = href.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return href.substring(0, href.lastIndexOf('/', end - 1) + 1);
    }

    /**
     * A link with a scheme is kept only when absolute ({@code http://...}). Tabs and newlines are
     * removed anywhere by the parser: one could turn {@code /\t/x} into {@code //x}, another host.
     */
    private static boolean dependsOnDirectoryOnly(String href) {
        if (href.isEmpty() || href.charAt(0) <= ' ' || href.charAt(0) == '?') {
            return false;
        }
        boolean absolute = href.startsWith("http://") || href.startsWith("https://");
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c == '\n' || c == '\t' || c == '\r' || (c == ':' && !absolute)) {
                return false;
            }
        }
        return true;
    }
}
