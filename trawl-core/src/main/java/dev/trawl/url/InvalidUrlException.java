package dev.trawl.url;

/** Thrown when a string is not a URL that trawl can crawl; the message says why in a few words. */
public final class InvalidUrlException extends IllegalArgumentException {

    /** Creates the exception with a short reason such as {@code "empty host"}. */
    public InvalidUrlException(String reason) {
        super(reason);
    }
}
