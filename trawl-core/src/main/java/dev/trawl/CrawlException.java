package dev.trawl;

/** The crawl could not go on: its output failed, or it could not start. */
public final class CrawlException extends RuntimeException {

    /** A failure with its cause. */
    public CrawlException(String message, Throwable cause) {
        super(message, cause);
    }
}
