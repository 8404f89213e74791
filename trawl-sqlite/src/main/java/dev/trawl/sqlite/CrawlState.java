package dev.trawl.sqlite;

import dev.trawl.CrawlListener;
import dev.trawl.PageRecord;
import dev.trawl.PreviousPass;
import dev.trawl.fetch.CookieJar;
import dev.trawl.frontier.FrontierStore;
import dev.trawl.output.Sink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resumable crawl in one SQLite file: the frontier (every URL and its state) and the results
 * ({@code pages}, {@code links} and {@code items} tables). Open it, give {@link #frontierStore()}
 * to the frontier and {@link #results()} to the crawler as a sink; running the same crawl again
 * resumes it, losing nothing but refetching the URLs that were in flight, whose rows from before
 * the crash are dropped: each page is in the results once, with its items.
 *
 * <pre>{@code
 * try (CrawlState state = CrawlState.open(Path.of("crawl.db"), "seeds=https://example.com/", false)) {
 *     Frontier frontier = InMemoryFrontier.builder().store(state.frontierStore()).build();
 *     ...
 * }
 * }</pre>
 */
public final class CrawlState implements AutoCloseable {

    /** What the file held when it was opened. */
    public enum Status {
        /** Nothing: a new crawl. */
        NEW,
        /** An unfinished crawl, to resume. */
        RESUMED,
        /** A finished crawl. */
        FINISHED
    }

    /** The file cannot be used: in use, not a state file, unreadable. */
    public static final class StateException extends Exception {
        StateException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * How this pass's pages compare with the previous pass's.
     *
     * @param unchanged answered 304: not downloaded
     * @param changed downloaded again (the server did not say it was unchanged)
     * @param added a page now, not one before
     * @param gone 404 or 410 now, a page before
     */
    public record PassChanges(long unchanged, long changed, long added, long gone) {}

    private final SqliteDatabase db;
    private Status status;
    private final String storedConfig;
    private long pagesDone;
    private long queued;
    private int pass;
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private CrawlState(SqliteDatabase db, Status status, String storedConfig, long pagesDone, long queued) {
        this.db = db;
        this.status = status;
        this.storedConfig = storedConfig;
        this.pagesDone = pagesDone;
        this.queued = queued;
        String stored = db.read(d -> meta(d, "pass"));
        this.pass = stored == null ? 1 : Integer.parseInt(stored);
    }

    /**
     * Opens or creates a state file.
     *
     * @param config what identifies the crawl (seeds and scope); stored by a new crawl
     * @param restart whether to delete what the file holds and start over
     * @throws StateException with a one-line reason when the file cannot be used
     */
    public static CrawlState open(Path file, String config, boolean restart) throws StateException {
        try {
            if (restart) {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
            }
            SqliteDatabase db = new SqliteDatabase(file);
            db.script(SqliteFrontierStore.SCHEMA);
            SqliteResults.createTables(db);
            db.script(SqliteResults.FORGET_IN_FLIGHT);
            String stored = db.read(d -> meta(d, "config"));
            boolean finished = "1".equals(db.read(d -> meta(d, "finished")));
            long pages = db.read(d -> SqliteFrontierStore.single(
                    d, "SELECT COUNT(*) FROM urls WHERE state = " + SqliteFrontierStore.PAGE));
            long queued = db.read(d -> SqliteFrontierStore.single(
                    d,
                    "SELECT COUNT(*) FROM urls WHERE state IN (" + SqliteFrontierStore.QUEUED + ", "
                            + SqliteFrontierStore.LEASED + ")"));
            Status status = stored == null ? Status.NEW : finished ? Status.FINISHED : Status.RESUMED;
            if (stored == null) {
                db.read(d -> setMeta(d, "config", config));
            }
            return new CrawlState(db, status, stored == null ? config : stored, pages, queued);
        } catch (SqliteDatabase.InUseException e) {
            throw new StateException(e.getMessage(), e);
        } catch (SQLException | IllegalStateException e) {
            throw new StateException(file + " is not a trawl state file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new StateException("cannot start over " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A results database only ({@code pages} and {@code links} tables), without a frontier.
     *
     * @throws StateException with a one-line reason when the file cannot be used
     */
    public static Sink openResults(Path file) throws StateException {
        try {
            SqliteDatabase db = new SqliteDatabase(file);
            SqliteResults.createTables(db);
            return new SqliteResults(db, db::close);
        } catch (SqliteDatabase.InUseException e) {
            throw new StateException(e.getMessage(), e);
        } catch (SQLException | IllegalStateException e) {
            throw new StateException(file + " is not an SQLite file trawl can write (" + e.getMessage() + ")", e);
        }
    }

    private static String meta(SqliteDatabase d, String key) throws SQLException {
        var s = d.statement("SELECT value FROM meta WHERE key = ?");
        s.setString(1, key);
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static Void setMeta(SqliteDatabase d, String key, String value) throws SQLException {
        var s = d.statement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
        s.setString(1, key);
        s.setString(2, value);
        s.executeUpdate();
        return null;
    }

    /** What the file held. */
    public Status status() {
        return status;
    }

    /** The configuration the stored crawl was started with. */
    public String storedConfig() {
        return storedConfig;
    }

    /** Records a new configuration for the stored crawl (when told to go on with other options). */
    public void replaceConfig(String config) {
        db.read(d -> setMeta(d, "config", config));
    }

    /** Pages the stored crawl has fetched. */
    public long pagesDone() {
        return pagesDone;
    }

    /** URLs the stored crawl has queued or in flight. */
    public long queued() {
        return queued;
    }

    /** Which pass over the site the file holds: 1 for the first crawl, one more for each {@link #startNextPass}. */
    public int pass() {
        return pass;
    }

    /**
     * Starts a new pass over a finished crawl's site, for a re-crawl: the finished pass's pages,
     * links and items become the previous pass ({@link #previousPass}; the one before it is
     * dropped), the frontier is emptied, and the crawl starts again from its start URLs.
     *
     * @throws IllegalStateException if the stored crawl is not finished
     */
    public void startNextPass() {
        if (status != Status.FINISHED) {
            throw new IllegalStateException("only a finished crawl can be crawled again");
        }
        int next = pass + 1;
        List<String> script = new ArrayList<>(List.of(SqlitePreviousPass.KEEP_AS_PREVIOUS));
        script.addAll(List.of(SqliteResults.SCHEMA));
        script.add("DELETE FROM urls");
        script.add("DELETE FROM meta WHERE key = 'finished'");
        script.add("INSERT OR REPLACE INTO meta(key, value) VALUES ('pass', '" + next + "')");
        try {
            db.script(script.toArray(String[]::new));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start a new pass in the state file: " + e.getMessage(), e);
        }
        status = Status.NEW;
        pagesDone = 0;
        queued = 0;
        pass = next;
    }

    /** The previous pass, for {@link dev.trawl.Crawler.Builder#previousPass}; {@code null} in the first pass. */
    public PreviousPass previousPass() {
        return pass == 1 ? null : new SqlitePreviousPass(db);
    }

    /** How this pass's pages compare with the previous pass's so far; all zero in the first pass. */
    public PassChanges changes() {
        if (pass == 1) {
            return new PassChanges(0, 0, 0, 0);
        }
        return db.read(d -> {
            try (ResultSet r = d.statement(SqlitePreviousPass.CHANGES).executeQuery()) {
                r.next();
                return new PassChanges(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
            }
        });
    }

    /** The stored crawl's cookie jar as {@code cookies.txt} text ({@link #cookieKeeper}), or {@code null}. */
    public String storedCookies() {
        return db.read(d -> meta(d, "cookies"));
    }

    /**
     * A listener that stores the jar in the file whenever it may have changed, after the page
     * that changed it: a resumed crawl then starts with the cookies it had ({@link
     * #storedCookies}).
     */
    public CrawlListener cookieKeeper(CookieJar jar) {
        return new CrawlListener() {
            // Listeners are called one outcome at a time.
            private long stored = -1;

            @Override
            public void onPage(PageRecord page) {
                long changes = jar.changes();
                if (changes != stored) {
                    stored = changes;
                    String text = jar.toCookiesTxt();
                    db.write(d -> setMeta(d, "cookies", text));
                }
            }
        };
    }

    /** The frontier's storage; closing it closes the file once the results are closed too. */
    public FrontierStore frontierStore() {
        users.incrementAndGet();
        return new SqliteFrontierStore(db, once(this::release));
    }

    /** The results sink (pages and links tables); closing it closes the file once the frontier is closed too. */
    public Sink results() {
        users.incrementAndGet();
        return new SqliteResults(db, once(this::release));
    }

    private static Runnable once(Runnable r) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
    }

    private void release() {
        if (users.decrementAndGet() == 0) {
            db.close();
        }
    }

    /** Drops what is not yet written and closes, as {@code kill -9} would (for tests). */
    void crash() {
        db.crash();
    }

    /** Releases this handle; the file closes when the frontier store and the results are closed too. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }
}
