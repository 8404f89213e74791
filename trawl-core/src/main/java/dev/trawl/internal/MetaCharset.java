package dev.trawl.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The HTML standard's prescan of a page's first 1,024 bytes for the charset a {@code <meta
 * charset>} or {@code <meta http-equiv=Content-Type content="...; charset=...">} names, as a
 * browser does it before it parses the page: comments and other tags (with attribute values that
 * may hold {@code >}) are skipped, a {@code content} counts only with its {@code http-equiv}, and
 * UTF-16 means UTF-8 (a page that could name its charset in ASCII is not UTF-16).
 * (https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding)
 */
final class MetaCharset {

    static final int PRESCAN_BYTES = 1024;

    private final byte[] b;
    private final int end;
    private int pos;

    private MetaCharset(byte[] body) {
        this.b = body;
        this.end = Math.min(body.length, PRESCAN_BYTES);
    }

    /** The charset label the page's first {@code <meta>} names, or {@code null}. */
    static String prescan(byte[] body) {
        return new MetaCharset(body).run();
    }

    private String run() {
        while (pos < end) {
            if (startsWith("<!--", false)) {
                int close = indexOf("-->", pos + 2);
                if (close < 0) {
                    return null;
                }
                pos = close + 3;
            } else if (startsWith("<meta", true) && pos + 5 < end && (space(b[pos + 5]) || b[pos + 5] == '/')) {
                pos += 6;
                String found = meta();
                if (found != null) {
                    return found;
                }
            } else if (at(pos) == '<' && (letter(at(pos + 1)) || at(pos + 1) == '/' && letter(at(pos + 2)))) {
                while (pos < end && !space(b[pos]) && b[pos] != '>') {
                    pos++;
                }
                while (attribute() != null) {
                    // skipped: the charset is only in <meta>
                }
            } else if (startsWith("<!", false) || startsWith("</", false) || startsWith("<?", false)) {
                int close = indexOf(">", pos + 2);
                if (close < 0) {
                    return null;
                }
                pos = close + 1;
            } else {
                pos++;
            }
        }
        return null;
    }

    /** The attributes of one {@code <meta>}: its charset, if it names one that counts. */
    private String meta() {
        Set<String> seen = new HashSet<>();
        boolean gotPragma = false;
        Boolean needPragma = null;
        String charset = null;
        for (String[] a = attribute(); a != null; a = attribute()) {
            if (!seen.add(a[0])) {
                continue;
            }
            switch (a[0]) {
                case "http-equiv" -> gotPragma |= a[1].equals("content-type");
                case "content" -> {
                    String fromContent = charset == null ? fromContent(a[1]) : null;
                    if (fromContent != null) {
                        charset = fromContent;
                        needPragma = true;
                    }
                }
                case "charset" -> {
                    charset = a[1];
                    needPragma = false;
                }
                default -> {}
            }
        }
        if (needPragma == null || needPragma && !gotPragma || charset == null) {
            return null;
        }
        String label = charset.strip().toLowerCase(Locale.ROOT);
        label = label.startsWith("utf-16") ? "utf-8" : label.equals("x-user-defined") ? "windows-1252" : label;
        // A label that names no charset is as if the <meta> were not there: the prescan goes on.
        return HtmlDocuments.usableCharset(label) == null ? null : label;
    }

    /** "Get an attribute": its lower-case name and value, or {@code null} at the tag's end. */
    private String[] attribute() {
        while (pos < end && (space(b[pos]) || b[pos] == '/')) {
            pos++;
        }
        if (pos >= end || b[pos] == '>') {
            return null;
        }
        StringBuilder name = new StringBuilder();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= end) {
                return null;
            }
            byte c = b[pos];
            if (c == '=' && !name.isEmpty()) {
                pos++;
                break;
            }
            if (space(c)) {
                while (pos < end && space(b[pos])) {
                    pos++;
                }
                if (pos >= end) {
                    return null;
                }
                if (b[pos] != '=') {
                    return new String[] {name.toString(), ""};
                }
                pos++;
                break;
            }
            if (c == '/' || c == '>') {
                return new String[] {name.toString(), ""};
            }
            name.append(lower(c));
            pos++;
        }
        while (pos < end && space(b[pos])) {
            pos++;
        }
        if (pos >= end) {
            return null;
        }
        byte c = b[pos];
        if (c == '"' || c == '\'') {
            for (pos++; pos < end; pos++) {
                if (b[pos] == c) {
                    pos++;
                    return new String[] {name.toString(), value.toString()};
                }
                value.append(lower(b[pos]));
            }
            return null;
        }
        if (c == '>') {
            return new String[] {name.toString(), ""};
        }
        for (; pos < end; pos++) {
            if (space(b[pos]) || b[pos] == '>') {
                return new String[] {name.toString(), value.toString()};
            }
            value.append(lower(b[pos]));
        }
        return null;
    }

    /** "Extract a character encoding from a meta element": the charset of a content value, or {@code null}. */
    static String fromContent(String content) {
        String s = content.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = s.indexOf("charset", from);
            if (at < 0) {
                return null;
            }
            int i = at + "charset".length();
            while (i < s.length() && space(s.charAt(i))) {
                i++;
            }
            if (i >= s.length() || s.charAt(i) != '=') {
                from = i;
                continue;
            }
            i++;
            while (i < s.length() && space(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                return null;
            }
            char q = s.charAt(i);
            if (q == '"' || q == '\'') {
                int close = s.indexOf(q, i + 1);
                return close < 0 ? null : s.substring(i + 1, close);
            }
            int stop = i;
            while (stop < s.length() && !space(s.charAt(stop)) && s.charAt(stop) != ';') {
                stop++;
            }
            return s.substring(i, stop);
        }
    }

    private int at(int i) {
        return i < end ? b[i] & 0xFF : -1;
    }

    /** Whether the bytes at the position are {@code s} (lower-case ASCII), in any case if {@code anyCase}. */
    private boolean startsWith(String s, boolean anyCase) {
        if (pos + s.length() > end) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = anyCase ? lower(b[pos + i]) : (char) (b[pos + i] & 0xFF);
            if (c != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String s, int from) {
        for (int i = from; i + s.length() <= end; i++) {
            boolean match = true;
            for (int j = 0; j < s.length() && match; j++) {
                match = b[i + j] == s.charAt(j);
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    private static char lower(byte c) {
        int v = c & 0xFF;
        return (char) (v >= 'A' && v <= 'Z' ? v + 32 : v);
    }

    private static boolean letter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean space(int c) {
        return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
    }
}
