package dev.trawl.output;

import dev.trawl.internal.Utf8;
import dev.trawl.url.WebUrl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Where a URL is saved below a directory: {@code host[:port]/path}, a directory URL as {@code
 * index.html}, a query after an {@code @} ({@code list@page=2}), as wget names them for Windows.
 * Escapes are decoded where the character is safe in a file name; what is not safe ({@code /},
 * {@code \}, control characters, {@code %}, {@code @}) stays escaped, so no name leaves its
 * directory, and two URLs share a name only when they differ in how such a character is written
 * ({@code /a@b} and {@code /a%40b}) or are a directory and its {@code index.html}. A name too long
 * for a file system is cut and hashed.
 */
final class SavePaths {

    /** Well under the 255 bytes most file systems allow per name, with room for the hash. */
    static final int MAX_NAME_BYTES = 200;

    private SavePaths() {}

    /** The names, directory by directory, of the file a URL is saved as. */
    static List<String> of(WebUrl url) {
        List<String> names = new ArrayList<>();
        names.add(fit(name(url.port() < 0 ? url.host() : url.host() + ":" + url.port())));
        String[] segments = url.path().substring(1).split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            names.add(fit(name(segments[i])));
        }
        String last = segments[segments.length - 1];
        String file = last.isEmpty() ? "index.html" : name(last);
        if (url.query() != null) {
            file = file + "@" + name(url.query());
        }
        names.add(fit(file));
        return names;
    }

    /** One segment decoded as far as it is safe; {@code .} and {@code ..} and empty never come out. */
    static String name(String encoded) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c == '%' && hex(encoded, i + 1) >= 0) {
                int end = i;
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                while (end < encoded.length() && encoded.charAt(end) == '%' && hex(encoded, end + 1) >= 0) {
                    bytes.write(hex(encoded, end + 1));
                    end += 3;
                }
                out.append(decodeRun(encoded.substring(i, end), bytes.toByteArray()));
                i = end;
            } else {
                out.append(safe(c) ? String.valueOf(c) : escape(c));
                i++;
            }
        }
        String name = out.toString();
        return name.isEmpty() ? "%" : name.equals(".") ? "%2E" : name.equals("..") ? "%2E%2E" : name;
    }

    /** A run of escapes: decoded when it is UTF-8 of safe characters, each unsafe one kept escaped. */
    private static String decodeRun(String escapes, byte[] bytes) {
        String text = Utf8.decodeStrict(bytes);
        if (text == null) {
            return escapes.toUpperCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x80 && !safe((char) cp)) {
                out.append(escape((char) cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean safe(char c) {
        return c >= 0x20 && c < 0x7F && c != '/' && c != '\\' && c != '%' && c != '@' || c >= 0xA0;
    }

    private static String escape(char c) {
        return String.format("%%%02X", (int) c);
    }

    private static int hex(String s, int at) {
        if (at + 1 >= s.length()) {
            return -1;
        }
        int hi = Character.digit(s.charAt(at), 16);
        int lo = Character.digit(s.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    /** The name, or when it is too long, its start, a hash of the whole and its extension. */
    static String fit(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_NAME_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int cp : name.codePoints().toArray()) {
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_NAME_BYTES - 40) {
                break;
            }
            cut.appendCodePoint(cp);
            bytes += size;
        }
        return cut + "~" + sha256(utf8).substring(0, 16) + extension;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
