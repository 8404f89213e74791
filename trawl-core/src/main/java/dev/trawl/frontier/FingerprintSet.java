package dev.trawl.frontier;

/**
 * A set of 64-bit fingerprints (see {@link Fingerprint}) in one open-addressed {@code long[]}
 * (about 11-21 bytes per entry, against ~60 for a {@code HashSet<Long>}). Not thread-safe: its
 * owner guards it.
 */
public final class FingerprintSet {

    private static final long EMPTY = 0;

    private long[] table = new long[1024];
    private int size;

    /** Adds a fingerprint; returns false if it was already there. */
    public boolean add(long fingerprint) {
        long f = fingerprint == EMPTY ? 1 : fingerprint;
        if (size * 4 >= table.length * 3) {
            grow();
        }
        if (!insert(table, f)) {
            return false;
        }
        size++;
        return true;
    }

    /** Whether the fingerprint is in the set. */
    public boolean contains(long fingerprint) {
        long f = fingerprint == EMPTY ? 1 : fingerprint;
        int mask = table.length - 1;
        for (int i = slot(f, mask); table[i] != EMPTY; i = (i + 1) & mask) {
            if (table[i] == f) {
                return true;
            }
        }
        return false;
    }

    /** How many fingerprints it holds. */
    public int size() {
        return size;
    }

    private static int slot(long f, int mask) {
        return (int) (f ^ (f >>> 32)) & mask;
    }

    private static boolean insert(long[] t, long f) {
        int mask = t.length - 1;
        int i = slot(f, mask);
        while (t[i] != EMPTY) {
            if (t[i] == f) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = f;
        return true;
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long f : table) {
            if (f != EMPTY) {
                insert(bigger, f);
            }
        }
        table = bigger;
    }
}
