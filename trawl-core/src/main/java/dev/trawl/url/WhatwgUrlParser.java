package dev.trawl.url;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The WHATWG "basic URL parser", for the special schemes a crawler follows. It walks the
 * standard's states (scheme, authority, host, port, path, query, fragment) over the input's code
 * points; a non-special scheme ({@code mailto:}, {@code javascript:}, {@code file:}) is refused.
 * One instance parses one input.
 */
final class WhatwgUrlParser {

    private static final int EOF = -1;

    private final int[] in;
    private final WebUrl base;
    private int p;

    private String scheme;
    private String username = "";
    private String password = "";
    private String host;
    private int port = -1;
    private List<String> path = new ArrayList<>();
    private String query;
    private String fragment;

    WhatwgUrlParser(String input, WebUrl base) {
        this.in = preprocess(input);
        this.base = base;
    }

    /** Trims C0 controls and spaces from both ends and removes every tab and newline. */
    private static int[] preprocess(String input) {
        int start = 0;
        int end = input.length();
        while (start < end && input.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && input.charAt(end - 1) <= ' ') {
            end--;
        }
        int[] out = new int[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            char ch = input.charAt(i);
            if (ch == '\t' || ch == '\n' || ch == '\r') {
                continue;
            }
            if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(input.charAt(i + 1))) {
                out[n++] = Character.toCodePoint(ch, input.charAt(++i));
            } else {
                out[n++] = ch;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private int c(int i) {
        return i < in.length ? in[i] : EOF;
    }

    WebUrl parse() {
        int colon = schemeEnd();
        if (colon >= 0) {
            scheme = lowerAscii(new String(in, 0, colon));
            if (!WebUrl.isSupportedScheme(scheme)) {
                throw new InvalidUrlException("unsupported scheme: " + scheme);
            }
            p = colon + 1;
            if (base != null && base.scheme().equals(scheme) && !(c(p) == '/' && c(p + 1) == '/')) {
                relative();
            } else {
                skipSlashes();
                authority();
            }
        } else {
            if (base == null) {
                throw new InvalidUrlException("relative URL without a base");
            }
            scheme = base.scheme();
            relative();
        }
        String serializedPath = "/" + String.join("/", path);
        return new WebUrl(scheme, username, password, host, port, serializedPath, query, fragment);
    }

    /** Index of the colon ending a scheme at the start of the input, or -1 if there is none. */
    private int schemeEnd() {
        if (!isAsciiAlpha(c(0))) {
            return -1;
        }
        for (int i = 1; i < in.length; i++) {
            int ch = in[i];
            if (ch == ':') {
                return i;
            }
            if (!(isAsciiAlphanumeric(ch) || ch == '+' || ch == '-' || ch == '.')) {
                return -1;
            }
        }
        return -1;
    }

    private void skipSlashes() {
        while (c(p) == '/' || c(p) == '\\') {
            p++;
        }
    }

    /** The relative state: the input is resolved against the base. */
    private void relative() {
        int ch = c(p);
        if (ch == '/' || ch == '\\') {
            if (c(p + 1) == '/' || c(p + 1) == '\\') {
                p += 2;
                skipSlashes();
                authority();
                return;
            }
            copyBaseAuthority();
            pathState();
            return;
        }
        copyBaseAuthority();
        path = base.pathSegments();
        query = base.query();
        if (ch == EOF) {
            return;
        }
        if (ch == '?') {
            p++;
            queryState();
        } else if (ch == '#') {
            p++;
            fragmentState();
        } else {
            query = null;
            if (!path.isEmpty()) {
                path.remove(path.size() - 1);
            }
            pathState();
        }
    }

    private void copyBaseAuthority() {
        username = base.username();
        password = base.password();
        host = base.host();
        port = base.port();
    }

    private static boolean endsAuthority(int ch) {
        return ch == EOF || ch == '/' || ch == '\\' || ch == '?' || ch == '#';
    }

    /** The authority state: credentials, then host and port, then the path. */
    private void authority() {
        int end = p;
        while (!endsAuthority(c(end))) {
            end++;
        }
        int at = -1;
        for (int i = p; i < end; i++) {
            if (in[i] == '@') {
                at = i;
            }
        }
        if (at >= 0) {
            credentials(p, at);
            p = at + 1;
            if (p == end) {
                throw new InvalidUrlException("credentials without a host");
            }
        }
        hostAndPort(end);
        p = end;
        pathState();
    }

    private void credentials(int from, int to) {
        StringBuilder user = new StringBuilder();
        StringBuilder pass = null;
        for (int i = from; i < to; i++) {
            int ch = in[i];
            if (ch == ':' && pass == null) {
                pass = new StringBuilder();
                continue;
            }
            PercentEncoding.append(pass == null ? user : pass, ch, PercentEncoding.USERINFO);
        }
        username = user.toString();
        password = pass == null ? "" : pass.toString();
    }

    private void hostAndPort(int end) {
        int colon = -1;
        boolean inBrackets = false;
        for (int i = p; i < end; i++) {
            int ch = in[i];
            if (ch == '[') {
                inBrackets = true;
            } else if (ch == ']') {
                inBrackets = false;
            } else if (ch == ':' && !inBrackets) {
                colon = i;
                break;
            }
        }
        int hostEnd = colon >= 0 ? colon : end;
        if (hostEnd == p) {
            throw new InvalidUrlException("empty host");
        }
        host = HostParser.parse(new String(in, p, hostEnd - p));
        if (colon >= 0) {
            port = parsePort(colon + 1, end);
        }
    }

    private int parsePort(int from, int to) {
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int ch = in[i];
            if (ch < '0' || ch > '9') {
                throw new InvalidUrlException("invalid port");
            }
            value = value * 10 + (ch - '0');
            if (value > 65535) {
                throw new InvalidUrlException("port out of range");
            }
        }
        return value == WebUrl.defaultPort(scheme) ? -1 : (int) value;
    }

    /** The path state, then query and fragment. */
    private void pathState() {
        if (c(p) == '/' || c(p) == '\\') {
            p++;
        }
        StringBuilder segment = new StringBuilder();
        while (true) {
            int ch = c(p);
            if (ch == EOF || ch == '/' || ch == '\\' || ch == '?' || ch == '#') {
                boolean slash = ch == '/' || ch == '\\';
                String s = segment.toString();
                if (isDoubleDot(s)) {
                    if (!path.isEmpty()) {
                        path.remove(path.size() - 1);
                    }
                    if (!slash) {
                        path.add("");
                    }
                } else if (isSingleDot(s)) {
                    if (!slash) {
                        path.add("");
                    }
                } else {
                    path.add(s);
                }
                segment.setLength(0);
                p++;
                if (ch == '?') {
                    queryState();
                    return;
                }
                if (ch == '#') {
                    fragmentState();
                    return;
                }
                if (ch == EOF) {
                    return;
                }
            } else {
                PercentEncoding.append(segment, ch, PercentEncoding.PATH);
                p++;
            }
        }
    }

    private void queryState() {
        StringBuilder sb = new StringBuilder();
        while (c(p) != EOF && c(p) != '#') {
            PercentEncoding.append(sb, in[p], PercentEncoding.SPECIAL_QUERY);
            p++;
        }
        query = sb.toString();
        if (c(p) == '#') {
            p++;
            fragmentState();
        }
    }

    private void fragmentState() {
        StringBuilder sb = new StringBuilder();
        while (c(p) != EOF) {
            PercentEncoding.append(sb, in[p], PercentEncoding.FRAGMENT);
            p++;
        }
        fragment = sb.toString();
    }

    private static boolean isSingleDot(String s) {
        return s.equals(".") || s.equalsIgnoreCase("%2e");
    }

    private static boolean isDoubleDot(String s) {
        return switch (s.length()) {
            case 2 -> s.equals("..");
            case 4 -> s.equalsIgnoreCase(".%2e") || s.equalsIgnoreCase("%2e.");
            case 6 -> s.equalsIgnoreCase("%2e%2e");
            default -> false;
        };
    }

    static boolean isAsciiAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return isAsciiAlpha(c) || isAsciiDigit(c);
    }

    static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] += 'a' - 'A';
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }
}
