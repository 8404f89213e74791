package dev.trawl.output;

import dev.trawl.PageRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes every item a page handler emitted ({@link dev.trawl.Page#emit}) as one line of JSON,
 * in the order the pages are recorded; each page's items are flushed together, so that a
 * stopped crawl keeps whole pages.
 */
public final class ItemLinesSink implements Sink {

    private final OutputStream out;

    /** Writes to {@code out}, which {@link #close()} closes. */
    public ItemLinesSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void onPage(PageRecord page) throws IOException {
        if (page.items().isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (String item : page.items()) {
            lines.append(item).append('\n');
        }
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
