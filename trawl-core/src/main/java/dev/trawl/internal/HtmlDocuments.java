package dev.trawl.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * How trawl turns a body into jsoup's document, one way for the link extractors and the page
 * handler, so that both read the same text: the byte-order mark's charset, else the declared
 * one, else the one a {@code <meta>} names, else UTF-8.
 */
public final class HtmlDocuments {

    private HtmlDocuments() {}

    /**
     * Parses the body: decoded at once (the JDK's bulk decoder) when the server named a charset
     * and no byte-order mark says otherwise; else jsoup finds the charset (BOM, meta, UTF-8).
     *
     * @param baseUri what relative URLs in the document resolve against ({@code abs:href}), or ""
     */
    public static Document parse(byte[] body, String declaredCharset, String baseUri) {
        Charset charset = usableCharset(declaredCharset);
        if (charset != null && !hasByteOrderMark(body)) {
            Document doc = Jsoup.parse(new String(body, charset), baseUri);
            doc.outputSettings().charset(charset);
            return doc;
        }
        try {
            return Jsoup.parse(new ByteArrayInputStream(body), charset == null ? null : charset.name(), baseUri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The declared charset when it decides (a known one, and no byte-order mark); else {@code null}. */
    public static Charset decidingCharset(byte[] body, String declaredCharset) {
        Charset charset = usableCharset(declaredCharset);
        return charset != null && !hasByteOrderMark(body) ? charset : null;
    }

    /** Whether the body starts with a UTF-8 or UTF-16 byte-order mark. */
    public static boolean hasByteOrderMark(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF
                || b.length >= 2
                        && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF
                                || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE);
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
