package dev.trawl.output;

import dev.trawl.PageRecord;
import dev.trawl.parse.Link;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The link graph as CSV: one edge per line, {@code from,to,text,nofollow}, for every link found
 * on every page parsed (followed or not; {@code from} is where the page really is).
 */
public final class LinkGraphSink implements Sink {

    private final CsvWriter csv;
    private final ReentrantLock lock = new ReentrantLock();

    /** Writes to {@code out}, which {@link #close()} closes. */
    public LinkGraphSink(OutputStream out) throws IOException {
        this.csv = new CsvWriter(out);
        csv.row(List.of("from", "to", "text", "nofollow"));
    }

    @Override
    public void onPage(PageRecord page) throws IOException {
        if (page.sitemap() || page.outlinks().isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (Link link : page.outlinks()) {
                csv.row(List.of(page.finalUrl().href(), link.url().href(), link.text(), Boolean.toString(link.nofollow())));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            csv.close();
        } finally {
            lock.unlock();
        }
    }
}
