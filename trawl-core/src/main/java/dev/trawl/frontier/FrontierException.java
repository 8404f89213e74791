package dev.trawl.frontier;

/**
 * The frontier's storage failed (e.g. its Redis server went away): the crawl cannot go on. It is
 * not the outcome of the page being crawled, so a worker lets it end the crawl.
 */
public final class FrontierException extends RuntimeException {

    /** A failure with its cause. */
    public FrontierException(String message, Throwable cause) {
        super(message, cause);
    }
}
