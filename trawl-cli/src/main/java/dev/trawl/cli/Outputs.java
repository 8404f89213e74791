package dev.trawl.cli;

import dev.trawl.Skip;
import dev.trawl.output.CsvSink;
import dev.trawl.output.HtmlReport;
import dev.trawl.output.ItemLinesSink;
import dev.trawl.output.JsonLinesSink;
import dev.trawl.output.LinkGraphSink;
import dev.trawl.output.Sink;
import dev.trawl.output.WarcSink;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files a crawl writes, opened before the first fetch (so that an unwritable path is a
 * fatal error before anything is fetched) and closed, flushed, after the last.
 */
final class Outputs implements AutoCloseable {

    private final List<Sink> sinks = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private HtmlReport report;

    /** Opens {@code -o FILE} ({@code -} writes to {@code stdout}). */
    void jsonLines(String file, PrintStream stdout) {
        open(file, () -> new JsonLinesSink(file.equals("-") ? uncloseable(stdout) : create(file)));
    }

    void csv(String file, List<String> extracted) {
        open(file, () -> new CsvSink(create(file), extracted));
    }

    void items(String file) {
        open(file, () -> new ItemLinesSink(create(file)));
    }

    void links(String file) {
        open(file, () -> new LinkGraphSink(create(file)));
    }

    void warc(String file, long maxSize) {
        open(file, () -> new WarcSink(path(file), maxSize, "trawl/" + Version.get()));
    }

    /** Adds a sink opened elsewhere (the state file's results), closed with the others. */
    void add(String name, Sink sink) {
        sinks.add(sink);
        names.add(name);
    }

    void report(String file) {
        open(file, () -> {
            Path p = path(file);
            Files.newOutputStream(p).close();
            report = new HtmlReport(p);
            return report;
        });
    }

    List<Sink> sinks() {
        return sinks;
    }

    /** Tells the report (if any) what the crawl skipped. */
    void skipped(Map<Skip, Long> byReason) {
        if (report != null) {
            report.skipped(byReason);
        }
    }

    private interface Opener {
        Sink open() throws IOException;
    }

    private void open(String file, Opener opener) {
        if (file == null) {
            return;
        }
        try {
            sinks.add(opener.open());
            names.add(file);
        } catch (IOException | InvalidPathException e) {
            close();
            throw new Main.FatalException("cannot write " + file + ": " + Main.describe(e));
        }
    }

    private static Path path(String file) {
        return Path.of(file);
    }

    /**
     * A new file to write. Not {@code Files.newOutputStream}: its channel closes when the writing
     * thread is interrupted, and a worker writing a record as the crawl stops (Ctrl-C) is.
     */
    private static OutputStream create(String file) throws IOException {
        return new FileOutputStream(path(file).toFile());
    }

    /** stdout stays open for the summary: closing the JSON stream only flushes it. */
    private static OutputStream uncloseable(PrintStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }

    /** Closes every file; the first that fails to flush is reported, after the others are closed. */
    @Override
    public void close() {
        String failure = null;
        for (int i = 0; i < sinks.size(); i++) {
            try {
                sinks.get(i).close();
            } catch (IOException | RuntimeException e) {
                failure = failure != null ? failure : "cannot write " + names.get(i) + ": " + Main.describe(e);
            }
        }
        sinks.clear();
        if (failure != null) {
            throw new Main.FatalException(failure);
        }
    }
}
