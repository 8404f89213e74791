package dev.trawl.output;

import dev.trawl.PageRecord;
import dev.trawl.internal.RecordFields;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one CSV row per outcome, with the JSON record's fields as columns (a header row first;
 * the redirect chain as space-separated URLs).
 */
public final class CsvSink implements Sink {

    private final CsvWriter csv;

    /** Writes to {@code out}, which {@link #close()} closes. */
    public CsvSink(OutputStream out) throws IOException {
        this.csv = new CsvWriter(out);
        csv.row(RecordFields.ALL.stream().map(RecordFields.Field::name).toList());
    }

    @Override
    public void onPage(PageRecord page) throws IOException {
        List<String> cells = new ArrayList<>(RecordFields.ALL.size());
        for (RecordFields.Field f : RecordFields.ALL) {
            cells.add(RecordFields.text(f.value().apply(page)));
        }
        csv.row(cells);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
