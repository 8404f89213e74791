package dev.trawl.internal;

/**
 * A set of 64-bit fingerprints (see {@link Fingerprint}) in one open-addressed {@code long[]}.
 * The table grows by half when three quarters full, so it is always between half and three
 * quarters full: 10.7 to 16 bytes per entry (a {@code HashSet<Long>} takes about 60). Its size
 * need not be a power of two: a slot is the fingerprint's high bits scaled to the table. Not
 * thread-safe: its owner guards it.
 */
public final class FingerprintSet {

    private static final long EMPTY = 0;

    private long[] table = new long[1024];
    private int size;

    /** Adds a fingerprint; returns false if it was already there. */
    public boolean add(long fingerprint) {
        long f = fingerprint == EMPTY ? 1 : fingerprint;
        if (size * 4L >= table.length * 3L) {
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
        for (int i = slot(f, table.length); table[i] != EMPTY; i = next(i, table.length)) {
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

    /** The table's length, in fingerprints: what it costs is 8 bytes times this. */
    int capacity() {
        return table.length;
    }

    /** The fingerprint's place in a table of {@code length}: uniform for well-mixed fingerprints. */
    private static int slot(long f, int length) {
        return (int) Math.unsignedMultiplyHigh(f, length);
    }

    private static int next(int i, int length) {
        return i + 1 == length ? 0 : i + 1;
    }

    private static boolean insert(long[] t, long f) {
        int i = slot(f, t.length);
        while (t[i] != EMPTY) {
            if (t[i] == f) {
                return false;
            }
            i = next(i, t.length);
        }
        t[i] = f;
        return true;
    }

    private void grow() {
        long[] bigger = new long[table.length + table.length / 2];
        for (long f : table) {
            if (f != EMPTY) {
                insert(bigger, f);
            }
        }
        table = bigger;
    }
}
