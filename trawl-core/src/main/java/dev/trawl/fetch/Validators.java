package dev.trawl.fetch;

/**
 * What an answer said to ask about its page again with, so that the server can tell it has not
 * changed: its ETag (sent back as If-None-Match) and Last-Modified (as If-Modified-Since).
 *
 * @param etag the ETag header as received, or {@code null}
 * @param lastModified the Last-Modified header as received, or {@code null}
 */
public record Validators(String etag, String lastModified) {

    /** The validators, or {@code null} when there are none: such a page cannot be asked conditionally. */
    public static Validators of(String etag, String lastModified) {
        return etag == null && lastModified == null ? null : new Validators(etag, lastModified);
    }
}
