package dev.trawl.url;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The WHATWG percent-encode sets and UTF-8 percent-encoding and decoding. */
final class PercentEncoding {

    private PercentEncoding() {}

    /** A set of ASCII code points to encode; C0 controls and everything above '~' always are. */
    record EncodeSet(boolean[] ascii) {
        boolean contains(int c) {
            return c < 0x20 || c > 0x7E || ascii[c];
        }
    }

    static final EncodeSet FRAGMENT = set(" \"<>`");
    static final EncodeSet SPECIAL_QUERY = set(" \"#<>'");
    static final EncodeSet PATH = set(" \"#<>?^`{}");
    static final EncodeSet USERINFO = set(" \"#<>?^`{}/:;=@[\\]|");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static EncodeSet set(String chars) {
        boolean[] ascii = new boolean[128];
        for (char ch : chars.toCharArray()) {
            ascii[ch] = true;
        }
        return new EncodeSet(ascii);
    }

    /** Appends one code point, percent-encoded as UTF-8 if it is in the set. */
    static void append(StringBuilder sb, int codePoint, EncodeSet set) {
        if (!set.contains(codePoint)) {
            sb.append((char) codePoint);
            return;
        }
        // A lone surrogate becomes U+FFFD, as the UTF-8 encoder of the standard does.
        byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            appendByte(sb, b & 0xFF);
        }
    }

    static void appendByte(StringBuilder sb, int b) {
        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }

    static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Percent-decodes to bytes; a '%' not followed by two hex digits stays as it is. */
    static byte[] decode(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length];
        int n = 0;
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i];
            if (b == '%' && i + 2 < utf8.length && hexValue(utf8[i + 1]) >= 0 && hexValue(utf8[i + 2]) >= 0) {
                out[n++] = (byte) (hexValue(utf8[i + 1]) * 16 + hexValue(utf8[i + 2]));
                i += 2;
            } else {
                out[n++] = (byte) b;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
