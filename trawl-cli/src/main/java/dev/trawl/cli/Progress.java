package dev.trawl.cli;

import dev.trawl.CrawlResult;
import dev.trawl.CrawlStats;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The live progress line on a terminal's stderr, and the closing summary. */
final class Progress implements AutoCloseable {

    private final PrintStream err;
    private final ScheduledExecutorService timer;

    /** Redraws the line four times a second when {@code live}; otherwise shows nothing until the summary. */
    Progress(PrintStream err, boolean live, Supplier<CrawlStats> stats) {
        this.err = err;
        if (live) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "trawl-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> draw(stats.get()), 250, 250, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    private void draw(CrawlStats s) {
        err.printf(Locale.ROOT, "\r\u001b[K%d pages  %.1f/s  queued %d  in flight %d  errors %d  found %d",
                s.pages(), s.pagesPerSecond(), s.queued(), s.inFlight(), s.failed(), s.found());
        err.flush();
    }

    /** The tutorial's closing lines: crawled, found, seconds. */
    static String summary(CrawlResult r) {
        double seconds = r.elapsed().toNanos() / 1e9;
        return String.format(Locale.ROOT, "%s %d %s (%d ok, %d failed), found %d URLs in %.1f s (%.1f pages/s)",
                r.stopped() ? "Stopped after" : "Crawled", r.pages(), r.pages() == 1 ? "page" : "pages", r.ok(), r.failed(), r.found(), seconds,
                seconds > 0 ? r.pages() / seconds : 0.0);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
