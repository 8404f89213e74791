package dev.trawl.redis;

import java.util.Locale;

/** How a lease ends, as giveback.lua and settle.lua take it. */
enum GiveBack {
    /** Done, and counted as a page. */
    PAGE,
    /** Done without counting as a page. */
    OTHER,
    /** No answer. */
    FAILED,
    /** Queued again at the front of its host. */
    REQUEUE;

    /** The word the scripts read. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
