package dev.trawl.parse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

/**
 * Character references decoded as jsoup decodes them ({@link Parser#unescapeEntities}), without
 * setting up a jsoup parser for each attribute or text: the references real pages are made of
 * ({@code &amp;}, {@code &nbsp;}, {@code &#8217;}, {@code &#x27;}: a name or number closed by
 * {@code ;}) are decoded here; a string with any other kind is given to jsoup whole.
 */
final class CharacterReferences {

    /**
     * The names most pages use, known from the start: a crawl of such pages never builds jsoup's
     * tables (about 40 ms of CPU, mostly interpreted).
     */
    static final Map<String, String> COMMON = Map.of(
            "amp", "&",
            "lt", "<",
            "gt", ">",
            "quot", "\"",
            "apos", "'",
            "nbsp", "\u00a0",
            "laquo", "\u00ab",
            "raquo", "\u00bb",
            "copy", "\u00a9",
            "para", "\u00b6");

    /** Names decoded before, each looked up once in jsoup's tables: at most the names jsoup knows. */
    private static final ConcurrentHashMap<String, String> NAMED = new ConcurrentHashMap<>(COMMON);

    private CharacterReferences() {}

    static String unescape(String s, boolean inAttribute) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int done = 0;
        while (amp >= 0) {
            out.append(s, done, amp);
            int end = reference(s, amp + 1, out);
            if (end < 0) {
                return Parser.unescapeEntities(s, inAttribute);
            }
            done = end;
            amp = s.indexOf('&', done);
        }
        return out.append(s, done, s.length()).toString();
    }

    /**
     * Decodes the reference after the {@code &} at {@code from} into {@code out}, returning where
     * it ends; -1 where jsoup's rules need more than this (no {@code ;}, an unknown name, a
     * code point jsoup replaces).
     */
    private static int reference(String s, int from, StringBuilder out) {
        if (from == s.length()) {
            out.append('&');
            return from;
        }
        char c = s.charAt(from);
        if (c == '#') {
            return number(s, from + 1, out);
        }
        if (isAsciiLetter(c)) {
            return name(s, from, out);
        }
        if (c < 0x80) {
            // No reference starts so (a space, a quote, "&&", "&="): the & is text.
            out.append('&');
            return from;
        }
        return -1;
    }

    private static int number(String s, int from, StringBuilder out) {
        boolean hex = from < s.length() && (s.charAt(from) == 'x' || s.charAt(from) == 'X');
        int i = hex ? from + 1 : from;
        int value = 0;
        int digits = 0;
        for (; i < s.length() && digits <= 6; i++, digits++) {
            int d = Character.digit(s.charAt(i), hex ? 16 : 10);
            if (d < 0 || s.charAt(i) > 0x7f) {
                break;
            }
            value = value * (hex ? 16 : 10) + d;
        }
        boolean plain = (value >= 0x20 && value < 0x7f)
                || (value >= 0xa0 && value < 0xd800)
                || (value >= 0xe000 && value < 0xfdd0);
        if (digits == 0 || digits > 6 || i == s.length() || s.charAt(i) != ';' || !plain) {
            return -1;
        }
        out.append((char) value);
        return i + 1;
    }

    private static int name(String s, int from, StringBuilder out) {
        int i = from;
        while (i < s.length() && isAsciiLetter(s.charAt(i))) {
            i++;
        }
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == s.length() || s.charAt(i) != ';') {
            return -1;
        }
        String name = s.substring(from, i);
        String decoded = NAMED.get(name);
        if (decoded == null) {
            if (!Entities.isNamedEntity(name)) {
                return -1;
            }
            decoded = Entities.getByName(name);
            NAMED.put(name, decoded);
        }
        out.append(decoded);
        return i + 1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
