package dev.trawl.cli;

import dev.trawl.CrawlListener;
import dev.trawl.FetchKind;
import dev.trawl.PageRecord;
import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What a person or a pipe sees of each outcome: the URL of each page fetched with a 2xx status on stdout, one per
 * line, and with {@code --debug} one line per request on stderr.
 */
final class ConsoleOutput implements CrawlListener {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean urls;
    private final boolean debug;
    private volatile String firstSeedFailure;
    private volatile Progress progress;
    private volatile boolean urlsOnTheTerminal;

    ConsoleOutput(PrintStream out, PrintStream err, boolean urls, boolean debug) {
        this.out = out;
        this.err = err;
        this.urls = urls;
        this.debug = debug;
    }

    @Override
    public void onPage(PageRecord p) {
        if (p.depth() == 0 && !p.ok() && !p.sitemap() && firstSeedFailure == null) {
            firstSeedFailure = p.url() + " "
                    + (p.status() > 0
                            ? "answered " + p.status()
                            : p.error().code() + (p.detail() == null ? "" : " (" + p.detail() + ")"));
        }
        boolean there = p.status() >= 200 && p.status() < 300 || p.error() == FetchError.NOT_MODIFIED;
        if (urls && there && !p.sitemap()) {
            show(urlsOnTheTerminal, out, String.valueOf(p.finalUrl()));
        }
    }

    @Override
    public void onFetch(FetchResult f, FetchKind kind) {
        if (debug) {
            show(
                    true,
                    err,
                    String.format(
                            "[debug] %s %s %d %dms %dB%s%s",
                            kind == FetchKind.ROBOTS
                                    ? "robots.txt"
                                    : kind.name().toLowerCase(Locale.ROOT),
                            f.url(),
                            f.status(),
                            f.elapsedMillis(),
                            f.bytes(),
                            f.error() == null ? "" : " error=" + f.error().code(),
                            f.detail() == null ? "" : " (" + f.detail() + ")"));
        }
    }

    /** Prints a line, above the progress line when it shares the terminal with it. */
    private void show(boolean sharesTheTerminal, PrintStream stream, String line) {
        Progress shown = progress;
        if (shown != null && sharesTheTerminal) {
            shown.above(() -> stream.println(line));
        } else {
            stream.println(line);
        }
    }

    /**
     * From now on, lines go above the progress line on stderr: debug lines always, URLs when
     * stdout is the same terminal.
     */
    void printAbove(Progress line, boolean urlsToo) {
        this.urlsOnTheTerminal = urlsToo;
        this.progress = line;
    }

    /** Why the first start URL that failed did so, for the closing message. */
    String firstSeedFailure() {
        return firstSeedFailure == null ? "nothing was fetched" : firstSeedFailure;
    }
}
