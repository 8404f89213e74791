package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scanner finds markup in a page's bytes and decodes only the pieces between: that reads a
 * page as jsoup does only if, in its charset, an ASCII byte decodes as itself whatever precedes
 * it. Checked for every charset of this JDK that the scanner accepts, after every one- and
 * two-byte sequence of non-ASCII bytes.
 */
class AsciiSafeCharsetsTest {

    @Test
    void anAsciiByteIsItselfAfterAnyOtherBytes() {
        List<Charset> accepted = Charset.availableCharsets().values().stream()
                .filter(HtmlScanner::asciiSafe)
                .toList();
        assertThat(accepted).extracting(Charset::name).contains("UTF-8", "windows-1252", "EUC-KR", "GB2312");
        for (Charset charset : accepted) {
            boolean multiByte = charset.newEncoder().maxBytesPerChar() > 1;
            for (int first = 0x80; first <= 0xff; first++) {
                check(charset, new byte[] {(byte) first});
                for (int second = 0x80; multiByte && second <= 0xff; second++) {
                    check(charset, new byte[] {(byte) first, (byte) second});
                }
            }
        }
    }

    @Test
    void charsetsThatCanTakeAnAsciiByteForPartOfACharacterAreRefused() {
        for (String name : List.of("Shift_JIS", "GBK", "Big5", "EUC-JP", "ISO-2022-JP", "UTF-16LE")) {
            assertThat(HtmlScanner.asciiSafe(Charset.forName(name))).as(name).isFalse();
        }
    }

    private static void check(Charset charset, byte[] before) {
        String alone = new String(before, charset);
        byte[] withAscii = new byte[before.length + 1];
        System.arraycopy(before, 0, withAscii, 0, before.length);
        for (int ascii = 0; ascii < 0x80; ascii++) {
            withAscii[before.length] = (byte) ascii;
            String decoded = new String(withAscii, charset);
            if (!decoded.equals(alone + (char) ascii)) {
                throw new AssertionError(
                        charset + ": " + java.util.HexFormat.of().formatHex(withAscii) + " decodes as "
                                + decoded.chars().mapToObj(Integer::toHexString).toList());
            }
        }
    }
}
