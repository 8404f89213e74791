package dev.trawl.output;

import dev.trawl.CrawlListener;
import java.io.Closeable;

/**
 * Where a crawl's outcomes are written: one call per outcome ({@link #onPage}), and for sinks
 * that archive the traffic one per HTTP exchange ({@link #onFetch}); {@link #close()} at the end
 * flushes everything. A sink that cannot write throws, which stops the crawl with that error.
 * The crawler calls its sinks one outcome at a time, so sinks need no locking of their own; one
 * shared between threads by other code must be guarded by its caller.
 */
public interface Sink extends CrawlListener, Closeable {}
