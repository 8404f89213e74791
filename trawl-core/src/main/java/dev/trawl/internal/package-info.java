/**
 * Not API: the parts that trawl's own packages and modules share (URL fingerprints, robots.txt
 * rules and their cache, response-header rules, the record's field names). They are public only
 * so that trawl's other packages and modules (the worker, the sinks, trawl-sqlite, trawl-redis,
 * the benchmarks) can use them, and may change in any release, as {@code org.jsoup.internal}
 * and {@code okhttp3.internal} do.
 */
package dev.trawl.internal;
