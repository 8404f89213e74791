package dev.trawl.output;

import dev.trawl.PageRecord;
import dev.trawl.internal.Json;
import dev.trawl.internal.RecordFields;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one CSV row per outcome, with the JSON record's fields as columns (a header row first;
 * the redirect chain as space-separated URLs), then a column for each extracted value named
 * (text as it is, other values as JSON, none as empty).
 */
public final class CsvSink implements Sink {

    private final CsvWriter csv;
    private final List<String> extracted;

    /** Writes to {@code out}, which {@link #close()} closes. */
    public CsvSink(OutputStream out) throws IOException {
        this(out, List.of());
    }

    /**
     * Writes to {@code out}, which {@link #close()} closes, with a column for each of the
     * extracted values named.
     */
    public CsvSink(OutputStream out, List<String> extracted) throws IOException {
        this.csv = new CsvWriter(out);
        this.extracted = List.copyOf(extracted);
        List<String> header = new ArrayList<>(
                RecordFields.ALL.stream().map(RecordFields.Field::name).toList());
        header.addAll(this.extracted);
        csv.row(header);
    }

    @Override
    public void onPage(PageRecord page) throws IOException {
        List<String> cells = new ArrayList<>(RecordFields.ALL.size());
        for (RecordFields.Field f : RecordFields.ALL) {
            cells.add(RecordFields.text(f.value().apply(page)));
        }
        for (String name : extracted) {
            Object value = page.extracted().get(name);
            cells.add(value == null ? "" : value instanceof String s ? s : Json.text(value));
        }
        csv.row(cells);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
