package dev.trawl.internal;

/**
 * 64-bit fingerprints of normalized URLs: the seen-set stores these instead of strings. With a
 * well-mixed 64-bit hash the odds of any collision among n URLs are about n²/2⁶⁵: one in 37,000
 * for ten million URLs.
 */
public final class Fingerprint {

    private Fingerprint() {}

    /** FNV-1a over the UTF-16 chars, then MurmurHash3's finalizer to spread every bit. */
    public static long of(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
