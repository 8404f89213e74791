package dev.trawl.output;

import dev.trawl.PageRecord;
import dev.trawl.parse.Link;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The link graph as CSV: one edge per line, {@code from,to,text,nofollow}, for every link found
 * on every page parsed (followed or not; {@code from} is where the page really is).
 */
public final class LinkGraphSink implements Sink {

    private final CsvWriter csv;

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
        for (Link link : page.outlinks()) {
            csv.row(List.of(page.finalUrl().href(), link.url().href(), link.text(), Boolean.toString(link.nofollow())));
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
