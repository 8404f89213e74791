package dev.trawl.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file (WAL, held exclusively by this process) and the one platform thread that
 * talks to it. sqlite-jdbc is JNI, which pins a virtual thread to its carrier, so no worker calls
 * it: writes are queued and applied in order, many to a transaction; a read first commits what
 * is pending, so it sees every write queued before it. Pending rows are bounded: a crawl that
 * finds URLs faster than the disk takes them waits, instead of holding them all in memory. The
 * database thread never calls back into the crawl's own locks (results of background reads are
 * handed to a virtual thread), so a writer waiting for room can never block it.
 */
final class SqliteDatabase implements AutoCloseable {

    /** Work for the database thread. */
    interface Work<T> {
        T run(SqliteDatabase db) throws SQLException;
    }

    /**
     * @param result where a read's value goes, or {@code null} for a write
     * @param commits whether what was queued before is committed before it runs, and it after
     */
    private record Task(Work<?> work, CompletableFuture<Object> result, int rows, boolean commits) {}

    private static final Task STOP = new Task(db -> null, null, 0, true);
    private static final int MAX_BATCH = 20_000;
    /** Rows that may wait to be written; past that, writers wait for the disk. */
    private static final int MAX_PENDING_ROWS = 20_000;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final LinkedBlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_PENDING_ROWS);
    private final Thread thread;
    private volatile boolean closed;
    private volatile SQLException failure;

    /**
     * Opens (or creates) the file and takes it for this process.
     *
     * @throws InUseException if another process holds it
     * @throws SQLException if it is not an SQLite file or cannot be opened
     */
    SqliteDatabase(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        config.setBusyTimeout(200);
        // Checkpoints reuse the WAL from its start but never shrink it; this caps what stays on disk.
        config.setJournalSizeLimit(64 << 20);
        try {
            connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                // Exclusive locking mode takes the lock at the first write: take it now.
                s.executeUpdate("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
        } catch (SQLException e) {
            if (e.getMessage() != null
                    && (e.getMessage().contains("SQLITE_BUSY") || e.getMessage().contains("locked"))) {
                throw new InUseException(file);
            }
            throw e;
        }
        connection.setAutoCommit(false);
        thread = Thread.ofPlatform().name("trawl-sqlite").daemon(true).start(this::loop);
    }

    /** Another process has the file. */
    static final class InUseException extends SQLException {
        InUseException(Path file) {
            super(file + " is in use by another trawl process");
        }
    }

    /** Runs SQL on this thread only: the statement, prepared once. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null) {
            s = connection.prepareStatement(sql);
            statements.put(sql, s);
        }
        return s;
    }

    /** Runs a script of statements at once, all or none of them (schema); only before the crawl starts. */
    void script(String... sql) throws SQLException {
        read(db -> {
            try (Statement s = connection.createStatement()) {
                for (String one : sql) {
                    s.executeUpdate(one);
                }
            } catch (SQLException e) {
                // The loop commits after every task: what ran of a failed script must not stay.
                connection.rollback();
                throw e;
            }
            return null;
        });
    }

    /** Queues a write of one row; it is applied after every write queued before it. Ignored once closed. */
    void write(Work<?> work) {
        write(work, 1);
    }

    /** Queues a write of {@code rows} rows, waiting (without dropping it) while too many rows are pending. */
    void write(Work<?> work, int rows) {
        if (!closed) {
            int weight = Math.min(rows, MAX_PENDING_ROWS);
            room.acquireUninterruptibly(weight);
            tasks.add(new Task(work, null, weight, false));
        }
    }

    /** Runs a read (or a write that must be done now) and waits for its result. */
    <T> T read(Work<T> work) {
        return await(work, true);
    }

    /**
     * Runs a read among the queued writes, without committing them first (this connection sees
     * them anyway), and waits for its result: for reads as frequent as pages.
     */
    <T> T query(Work<T> work) {
        return await(work, false);
    }

    private <T> T await(Work<T> work, boolean commits) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        if (closed) {
            throw new IllegalStateException("the state file is closed");
        }
        tasks.add(new Task(work, result, 0, commits));
        try {
            @SuppressWarnings("unchecked")
            T value = (T) result.get();
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the state file", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("state file: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Returns once every write queued before it is committed; at once when the file is closed. */
    void sync() {
        if (!closed) {
            try {
                read(db -> null);
            } catch (IllegalStateException e) {
                // Closed meanwhile (a stopped crawl): what is not written is fetched again on resume.
            }
        }
    }

    /** Runs a read on the database thread and hands its result to {@code then}, on a virtual thread. */
    <T> void readThen(Work<T> work, Consumer<T> then) {
        write(db -> {
            T result = work.run(db);
            Thread.startVirtualThread(() -> then.accept(result));
            return null;
        });
    }

    private void loop() {
        try {
            while (true) {
                Task task = tasks.take();
                int batched = 0;
                while (task != null && task != STOP && !task.commits && batched < MAX_BATCH) {
                    runQuietly(task);
                    batched++;
                    task = batched < MAX_BATCH ? tasks.poll() : null;
                }
                commit();
                if (task == STOP) {
                    return;
                }
                if (task != null) {
                    runQuietly(task);
                    commit();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runQuietly(Task task) {
        room.release(task.rows);
        try {
            Object value = task.work.run(this);
            if (task.result != null) {
                task.result.complete(value);
            }
        } catch (SQLException | RuntimeException | Error e) {
            // Whatever happens, the thread goes on: a reader waiting for it must get an answer.
            if (task.result != null) {
                task.result.completeExceptionally(e);
            } else if (failure == null) {
                failure = e instanceof SQLException sql ? sql : new SQLException(e);
            }
        }
    }

    private void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /**
     * Applies everything queued, then closes the file. Idempotent.
     *
     * @throws IllegalStateException if a queued write failed (e.g. the disk is full)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tasks.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (PreparedStatement s : statements.values()) {
                s.close();
            }
            connection.close();
        } catch (SQLException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw new IllegalStateException("state file: " + failure.getMessage(), failure);
        }
    }

    /** Stops at once, dropping queued writes, as a process killed with -9 would (for tests). */
    void crash() {
        closed = true;
        tasks.clear();
        tasks.add(STOP);
        try {
            thread.join();
            connection.rollback();
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // A crash leaves what it leaves.
        }
    }
}
