package dev.trawl.url;

/**
 * Gives every page one canonical URL, so that the seen-set counts pages rather than spellings.
 *
 * <p>Resolution follows the WHATWG URL standard ({@link WebUrl}), which already lower-cases the
 * scheme and host, turns international domain names to punycode, drops the default port,
 * removes dot segments and gives an empty path as {@code /}. On top of that the normalizer drops
 * the fragment and normalizes percent-encoding in the path and query: escapes of unreserved
 * characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded, the others are written in upper-case hex.
 *
 * <pre>{@code
 * UrlNormalizer.normalize("HTTP://Example.com:80/a/./b/../%7euser?x=%2f#top")
 *     // http://example.com/a/~user?x=%2F
 * }</pre>
 */
public final class UrlNormalizer {

    private UrlNormalizer() {}

    /**
     * Parses and normalizes an absolute URL.
     *
     * @throws InvalidUrlException if it is not a valid absolute http(s), ws(s) or ftp URL
     */
    public static WebUrl normalize(String url) {
        return normalize(WebUrl.parse(url));
    }

    /**
     * Resolves a link against the page's base URL and normalizes the result.
     *
     * @return the normalized URL, or {@code null} when the link is invalid or of another scheme
     */
    public static WebUrl resolve(WebUrl base, String href) {
        WebUrl url = WebUrl.tryParse(href, base);
        return url == null ? null : normalize(url);
    }

    /** Normalizes a parsed URL: fragment dropped, percent-encoding made canonical. */
    public static WebUrl normalize(WebUrl url) {
        String path = normalizeEscapes(url.path());
        String query = url.query() == null ? null : normalizeEscapes(url.query());
        if (url.fragment() == null && path.equals(url.path()) && (query == null || query.equals(url.query()))) {
            return url;
        }
        return url.withPathAndQuery(path, query);
    }

    private static String normalizeEscapes(String s) {
        int percent = s.indexOf('%');
        if (percent < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(s, 0, percent);
        for (int i = percent; i < s.length(); i++) {
            char ch = s.charAt(i);
            int hi;
            int lo;
            if (ch == '%'
                    && i + 2 < s.length()
                    && (hi = PercentEncoding.hexValue(s.charAt(i + 1))) >= 0
                    && (lo = PercentEncoding.hexValue(s.charAt(i + 2))) >= 0) {
                int value = hi * 16 + lo;
                if (isUnreserved(value)) {
                    sb.append((char) value);
                } else {
                    PercentEncoding.appendByte(sb, value);
                }
                i += 2;
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(int c) {
        return WhatwgUrlParser.isAsciiAlpha(c)
                || WhatwgUrlParser.isAsciiDigit(c)
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
