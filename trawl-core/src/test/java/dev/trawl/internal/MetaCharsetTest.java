package dev.trawl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prescan of the first 1,024 bytes for a {@code <meta>} charset, as the HTML standard writes it. */
class MetaCharsetTest {

    private static String prescan(String html) {
        return MetaCharset.prescan(html.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<meta charset=utf-8>| utf-8",
                "<!doctype html><html><head><META CHARSET=\"ISO-8859-2\">| iso-8859-2",
                "<meta charset='windows-1251'/>| windows-1251",
                "<meta http-equiv=Content-Type content=\"text/html; charset=koi8-r\">| koi8-r",
                "<meta content='text/html;charset = \"windows-1250\"' http-equiv='content-type'>| windows-1250",
                "<meta name=x content=y><meta charset=utf-8>| utf-8",
                // A content without http-equiv=content-type names no charset.
                "<meta content='text/html; charset=koi8-r'><meta charset=iso-8859-5>| iso-8859-5",
                // UTF-16 in ASCII is a contradiction: it is read as UTF-8.
                "<meta charset=utf-16le>| utf-8",
                // A label that names no charset is passed over.
                "<meta charset=no-such-charset><meta charset=iso-8859-7>| iso-8859-7",
                // Hidden in a comment, in an attribute value, or after a tag with '>' in a quoted value.
                "<!-- <meta charset=koi8-r> --><meta charset=iso-8859-4>| iso-8859-4",
                "<div title='<meta charset=koi8-r>'><meta charset=iso-8859-3>| iso-8859-3",
                "<!--><meta charset=iso-8859-6>| iso-8859-6",
                "<?xml version='1.0'?><meta charset=utf-8>| utf-8",
                "<meta/charset=utf-8>| utf-8",
            })
    void findsTheCharsetAMetaNames(String html, String charset) {
        assertThat(prescan(html)).isEqualTo(charset);
    }

    @Test
    void findsNothingWithoutAMetaInTheFirst1024Bytes() {
        assertThat(prescan("<html><head><title>no charset</title></head></html>"))
                .isNull();
        assertThat(prescan("<p>" + "x".repeat(1100) + "<meta charset=iso-8859-2>"))
                .isNull();
        assertThat(prescan("<!-- unclosed <meta charset=iso-8859-2>")).isNull();
        assertThat(prescan("<meta charset=\"iso-8859-2"))
                .as("a value cut at the end")
                .isNull();
        assertThat(prescan("<metacharset=utf-8>")).isNull();
    }

    @Test
    void aContentValueGivesItsCharset() {
        assertThat(MetaCharset.fromContent("text/html; charset=UTF-8")).isEqualTo("utf-8");
        assertThat(MetaCharset.fromContent("text/html; charset='x y'; z")).isEqualTo("x y");
        assertThat(MetaCharset.fromContent("charsetfoo; charset=a;b")).isEqualTo("a");
        assertThat(MetaCharset.fromContent("text/html; charset=\"unclosed")).isNull();
        assertThat(MetaCharset.fromContent("text/html")).isNull();
    }
}
