package dev.trawl.parse;

import java.util.Random;

/** Random strings made of the pieces where jsoup's text rules have their cases, for comparing with jsoup. */
final class RandomPieces {

    private RandomPieces() {}

    /** One to {@code most} pieces, each drawn at random. */
    static String of(Random random, String[] pieces, int most) {
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(most); k >= 0; k--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }
}
