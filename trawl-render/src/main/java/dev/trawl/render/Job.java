package dev.trawl.render;

import dev.trawl.Renderer;
import dev.trawl.fetch.FetchResult;
import dev.trawl.url.WebUrl;
import java.util.concurrent.CompletableFuture;

/** One page to render, where its outcome goes, and which tab took it when. */
final class Job {
    final WebUrl url;
    final FetchResult page;
    final Renderer.Resources resources;
    final CompletableFuture<Renderer.Rendered> done = new CompletableFuture<>();
    private volatile Tab tab;
    private volatile long deadline;

    Job(WebUrl url, FetchResult page, Renderer.Resources resources) {
        this.url = url;
        this.page = page;
        this.resources = resources;
    }

    /** A tab starts on it: it has until {@code deadline} (System.nanoTime). */
    void taken(Tab by, long deadlineNanos) {
        deadline = deadlineNanos;
        tab = by;
    }

    /** The tab rendering it, or {@code null} while it waits for one. */
    Tab tab() {
        return tab;
    }

    long deadline() {
        return deadline;
    }
}
