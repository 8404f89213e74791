package dev.trawl.url;

import dev.trawl.internal.Utf8;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WHATWG host parser for special URLs: IPv6 in brackets, IPv4 in any of its legacy forms
 * ({@code 0x7f.1}, {@code 2130706433}), else a domain, percent-decoded and turned to ASCII
 * (IDNA, punycode) and lower case. Returns the host's serialization.
 */
final class HostParser {

    private static final int KNOWN_LIMIT = 4096;
    private static final ConcurrentHashMap<String, String> KNOWN = new ConcurrentHashMap<>();
    private static final String FORBIDDEN_DOMAIN = "\0\t\n\r #/:<>?@[\\]^|%\u007F";

    private HostParser() {}

    static String parse(String input) {
        // A crawl meets the same few hosts in most of its links: their parse (percent-decoding,
        // IDNA, the IPv4 check) is remembered, up to a bound, as a pure function's may be.
        String known = KNOWN.get(input);
        if (known != null) {
            return known;
        }
        String host = parseAnew(input);
        if (KNOWN.size() >= KNOWN_LIMIT) {
            KNOWN.clear();
        }
        KNOWN.put(input, host);
        return host;
    }

    private static String parseAnew(String input) {
        if (input.startsWith("[")) {
            if (!input.endsWith("]")) {
                throw new InvalidUrlException("unclosed IPv6 address");
            }
            return "[" + Ipv6.serialize(Ipv6.parse(input.substring(1, input.length() - 1))) + "]";
        }
        String domain = decodeUtf8(PercentEncoding.decode(input));
        String ascii = toAscii(domain);
        for (int i = 0; i < ascii.length(); i++) {
            char ch = ascii.charAt(i);
            if (ch < 0x20 || FORBIDDEN_DOMAIN.indexOf(ch) >= 0) {
                throw new InvalidUrlException("forbidden character in host");
            }
        }
        if (Ipv4.endsInNumber(ascii)) {
            return Ipv4.serialize(Ipv4.parse(ascii));
        }
        return ascii;
    }

    private static String decodeUtf8(byte[] bytes) {
        String text = Utf8.decodeStrict(bytes);
        if (text == null) {
            throw new InvalidUrlException("host is not valid UTF-8");
        }
        return text;
    }

    /**
     * Domain to ASCII: lower case for plain ASCII names, IDNA for the rest. The JDK's IDNA is
     * IDNA2003, whose "transitional" mapping turns the deviation characters (sharp s, final
     * sigma, ZWJ, ZWNJ) into others ({@code faß.de} into {@code fass.de}, another site); the
     * standard keeps them, so labels holding one are mapped here and encoded directly.
     */
    private static String toAscii(String domain) {
        StringBuilder result = new StringBuilder(domain.length());
        int start = 0;
        for (int i = 0; i <= domain.length(); i++) {
            if (i == domain.length() || isLabelSeparator(domain.charAt(i))) {
                if (i > start || i < domain.length()) {
                    result.append(labelToAscii(domain.substring(start, i)));
                }
                if (i < domain.length()) {
                    result.append('.');
                }
                start = i + 1;
            }
        }
        if (result.isEmpty()) {
            throw new InvalidUrlException("empty host");
        }
        return result.toString();
    }

    private static boolean isLabelSeparator(char ch) {
        return ch == '.' || ch == '\u3002' || ch == '\uFF0E' || ch == '\uFF61';
    }

    private static String labelToAscii(String label) {
        if (label.chars().allMatch(ch -> ch < 0x80)) {
            return WhatwgUrlParser.lowerAscii(label);
        }
        try {
            if (label.chars().anyMatch(HostParser::isDeviation)) {
                String mapped = Normalizer.normalize(label.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
                return mapped.chars().allMatch(ch -> ch < 0x80) ? mapped : "xn--" + Punycode.encode(mapped);
            }
            return WhatwgUrlParser.lowerAscii(IDN.toASCII(label, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException("invalid international domain name");
        }
    }

    private static boolean isDeviation(int ch) {
        return ch == 0xDF || ch == 0x3C2 || ch == 0x200C || ch == 0x200D;
    }
}
