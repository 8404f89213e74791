package dev.trawl;

/** The crawl could not go on: a listener failed (an output), a worker died, or it could not start. */
public final class CrawlException extends RuntimeException {

    private final transient CrawlListener listener;

    /** A failure with its cause. */
    public CrawlException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** A failure of a listener, which threw {@code cause}. */
    CrawlException(String message, Throwable cause, CrawlListener listener) {
        super(message, cause);
        this.listener = listener;
    }

    /** The listener whose exception (the cause) stopped the crawl, or {@code null} when none did. */
    public CrawlListener failedListener() {
        return listener;
    }
}
