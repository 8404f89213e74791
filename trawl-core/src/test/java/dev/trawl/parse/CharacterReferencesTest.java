package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scanner's decoding of character references gives jsoup's text, in attributes and out. */
class CharacterReferencesTest {

    @Test
    void theNamesKnownFromTheStartAreJsoups() {
        assertThat(CharacterReferences.COMMON).isNotEmpty().allSatisfy((name, decoded) -> {
            assertThat(Entities.getByName(name)).as(name).isEqualTo(decoded);
            assertThat(CharacterReferences.unescape("x&" + name + ";y", true)).isEqualTo("x" + decoded + "y");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a &amp; b",
                "&lt;p&gt;",
                "&nbsp;x",
                "it&#8217;s",
                "&#x27;q&#X27;",
                "&#39;",
                "&copy; 2024",
                "&frac12;&there4;&NotNestedGreaterGreater;",
                "&amp",
                "&amp=1",
                "a=1&b=2",
                "&ampx;",
                "&nosuch;",
                "&#;",
                "&#x;",
                "&#12",
                "&#0;",
                "&#128;",
                "&#150;",
                "&#xD800;",
                "&#1114112;",
                "&#99999999;",
                "&#00000039;",
                "&#xFFFF;",
                "&#x1F600;",
                "& amp;",
                "&&amp;",
                "&",
                "x&",
                "&;",
                "&1;",
                "&é;",
                "&notin;",
                "&#31;",
                "&#32;",
                "&#126;",
                "&#127;",
                "&#159;",
                "&#160;",
                "&#55295;",
                "&#57344;",
                "&#xFDCF;",
                "&#xFDD0;",
                "&#000039;",
                "&#0000039;",
                "&notit;",
                "&not",
                "a\r\nb&amp;",
                "&#9;",
                "&#x0A;",
                "&lt=",
                "&lt-x",
                "&AMP;"
            })
    void decodesAsJsoupDoes(String s) {
        assertThat(CharacterReferences.unescape(s, false)).isEqualTo(Parser.unescapeEntities(s, false));
        assertThat(CharacterReferences.unescape(s, true)).isEqualTo(Parser.unescapeEntities(s, true));
    }

    @Test
    void agreesWithJsoupOnRandomMixtures() {
        String[] pieces = {
            "&", "amp", "lt", "nbsp", "not", "in", ";", "#", "x", "X", "1", "39", "160", "8217", "ff", "=", "-", " ",
            "\r\n", "é", "a", "Z", "0", "_", "\u00a0", "frac", "12", "&#", "&x", "\t", "<", "A", "F"
        };
        Random random = new Random(17);
        for (int n = 0; n < 20_000; n++) {
            String text = RandomPieces.of(random, pieces, 8);
            boolean inAttribute = random.nextBoolean();
            assertThat(CharacterReferences.unescape(text, inAttribute))
                    .as("%s (in attribute: %s)", text, inAttribute)
                    .isEqualTo(Parser.unescapeEntities(text, inAttribute));
        }
    }

    @Test
    void aStringWithoutReferencesIsItself() {
        String s = "no references here";
        assertThat(CharacterReferences.unescape(s, false)).isSameAs(s);
    }
}
