package dev.trawl;

import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.url.WebUrl;
import java.util.function.Consumer;

/** A fetcher that tells the crawl's listeners of every fetch, whoever made it (worker, robots.txt). */
final class ReportingFetcher implements Fetcher {

    private final Fetcher fetcher;
    private final Consumer<FetchResult> report;

    ReportingFetcher(Fetcher fetcher, Consumer<FetchResult> report) {
        this.fetcher = fetcher;
        this.report = report;
    }

    @Override
    public FetchResult fetch(WebUrl url, Runnable sent) throws InterruptedException {
        FetchResult r = fetcher.fetch(url, sent);
        report.accept(r);
        return r;
    }

    @Override
    public FetchResult fetchFile(WebUrl url, long maxBytes, Runnable sent) throws InterruptedException {
        FetchResult r = fetcher.fetchFile(url, maxBytes, sent);
        report.accept(r);
        return r;
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
