package dev.trawl.parse;

import dev.trawl.url.WebUrl;

/**
 * A link found on a page.
 *
 * @param url the normalized absolute URL it points to
 * @param text its anchor text, whitespace collapsed (empty for {@code <area>})
 * @param nofollow whether its {@code rel} holds {@code nofollow}
 */
public record Link(WebUrl url, String text, boolean nofollow) {}
