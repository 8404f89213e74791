package dev.trawl;

import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.Validators;
import dev.trawl.url.WebUrl;
import java.util.function.BiConsumer;

/**
 * A fetcher that tells the crawl's listeners of every fetch, whoever made it, and what it was
 * for: pages are fetched with {@code fetch}, files (robots.txt or sitemaps, one kind per
 * reporting fetcher) with {@code fetchFile}.
 */
final class ReportingFetcher implements Fetcher {

    private final Fetcher fetcher;
    private final FetchKind files;
    private final BiConsumer<FetchResult, FetchKind> report;

    ReportingFetcher(Fetcher fetcher, FetchKind files, BiConsumer<FetchResult, FetchKind> report) {
        this.fetcher = fetcher;
        this.files = files;
        this.report = report;
    }

    @Override
    public FetchResult fetch(WebUrl url, Runnable sent) throws InterruptedException {
        return fetchIfChanged(url, null, sent);
    }

    @Override
    public FetchResult fetchIfChanged(WebUrl url, Validators known, Runnable sent) throws InterruptedException {
        FetchResult r = fetcher.fetchIfChanged(url, known, sent);
        report.accept(r, FetchKind.PAGE);
        return r;
    }

    @Override
    public FetchResult fetchFile(WebUrl url, long maxBytes, Runnable sent) throws InterruptedException {
        FetchResult r = fetcher.fetchFile(url, maxBytes, sent);
        report.accept(r, files);
        return r;
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
