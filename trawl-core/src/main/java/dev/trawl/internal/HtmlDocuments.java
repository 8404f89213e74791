package dev.trawl.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * How trawl turns a body into text and jsoup's document, one way for the link extractors and
 * the page handler, so that all read the same text. The charset is found as browsers find it:
 * the byte-order mark's, else the one the server declared, else the one a {@code <meta>} in the
 * first 1,024 bytes names ({@link MetaCharset}); else jsoup looks for a later {@code <meta>} as
 * it parses (as a browser changes its guess), and takes UTF-8 without one.
 */
public final class HtmlDocuments {

    private HtmlDocuments() {}

    /**
     * Parses the body: decoded at once (the JDK's bulk decoder) when its {@linkplain #charsetOf
     * charset} is known before parsing and no byte-order mark is to be left out; else jsoup
     * decodes it (BOM, a later {@code <meta>}, UTF-8).
     *
     * @param baseUri what relative URLs in the document resolve against ({@code abs:href}), or ""
     */
    public static Document parse(byte[] body, String declaredCharset, String baseUri) {
        Charset charset = hasByteOrderMark(body) ? null : charsetOf(body, declaredCharset);
        if (charset != null) {
            Document doc = Jsoup.parse(new String(body, charset), baseUri);
            if (charset.canEncode()) {
                // (a decode-only charset, ISO-2022-CN, keeps jsoup's UTF-8 for output)
                doc.outputSettings().charset(charset);
            }
            return doc;
        }
        try {
            return Jsoup.parse(new ByteArrayInputStream(body), null, baseUri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body's charset as known before parsing: its byte-order mark's, the declared one, or
     * the one a {@code <meta>} in the first 1,024 bytes names; {@code null} when none does.
     */
    public static Charset charsetOf(byte[] body, String declaredCharset) {
        Charset bom = byteOrderMark(body);
        if (bom != null) {
            return bom;
        }
        Charset declared = usableCharset(declaredCharset);
        return declared != null ? declared : usableCharset(MetaCharset.prescan(body));
    }

    private static Charset byteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE ? StandardCharsets.UTF_16LE : null;
    }

    /** Whether the body starts with a UTF-8 or UTF-16 byte-order mark. */
    public static boolean hasByteOrderMark(byte[] b) {
        return byteOrderMark(b) != null;
    }

    /** How many bytes the body's byte-order mark takes: 3 (UTF-8), 2 (UTF-16) or 0. */
    public static int byteOrderMarkLength(byte[] b) {
        Charset bom = byteOrderMark(b);
        return bom == null ? 0 : bom == StandardCharsets.UTF_8 ? 3 : 2;
    }

    /** The charset of that name, or {@code null} when there is none or the JDK does not know it. */
    public static Charset usableCharset(String name) {
        try {
            return name != null && Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
