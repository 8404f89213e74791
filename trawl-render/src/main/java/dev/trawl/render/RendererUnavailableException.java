package dev.trawl.render;

/** Rendering cannot start here: Chromium or Node.js is missing, or of a version that does not work. */
public final class RendererUnavailableException extends RuntimeException {

    RendererUnavailableException(String message) {
        super(message);
    }
}
