package dev.trawl.sqlite;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.FrontierStore;
import dev.trawl.url.WebUrl;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** The frontier's rows in the {@code urls} table: one per URL ever queued, with its state. */
final class SqliteFrontierStore implements FrontierStore {

    static final int QUEUED = 0;
    static final int LEASED = 1;
    static final int PAGE = 2;
    static final int OTHER = 3;
    static final int FAILED = 4;

    static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS urls(id INTEGER PRIMARY KEY, fp INTEGER NOT NULL, host TEXT NOT NULL,"
                + " url TEXT NOT NULL, depth INTEGER NOT NULL, referrer TEXT, redirects TEXT NOT NULL,"
                + " attempt INTEGER NOT NULL, sitemap INTEGER NOT NULL, state INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS urls_queued ON urls(host, state, id)",
    };

    private final SqliteDatabase db;
    private final Runnable onClose;

    SqliteFrontierStore(SqliteDatabase db, Runnable onClose) {
        this.db = db;
        this.onClose = onClose;
    }

    @Override
    public Snapshot restore(LongConsumer seen) {
        return db.read(d -> {
            d.statement("UPDATE urls SET state = " + QUEUED + " WHERE state = " + LEASED)
                    .executeUpdate();
            try (ResultSet r = d.statement("SELECT fp FROM urls").executeQuery()) {
                while (r.next()) {
                    seen.accept(r.getLong(1));
                }
            }
            Map<String, Long> queued = new LinkedHashMap<>();
            try (ResultSet r = d.statement("SELECT host, COUNT(*) FROM urls WHERE state = " + QUEUED + " GROUP BY host")
                    .executeQuery()) {
                while (r.next()) {
                    queued.put(r.getString(1), r.getLong(2));
                }
            }
            return new Snapshot(
                    single(d, "SELECT COALESCE(MAX(id), 0) + 1 FROM urls"),
                    single(d, "SELECT COUNT(*) FROM urls WHERE state = " + PAGE),
                    single(d, "SELECT COUNT(*) FROM urls WHERE state = " + FAILED),
                    queued);
        });
    }

    static long single(SqliteDatabase d, String sql) throws SQLException {
        try (ResultSet r = d.statement(sql).executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    @Override
    public void added(List<Added> urls) {
        db.write(
                d -> {
                    PreparedStatement s =
                            d.statement("INSERT INTO urls(id, fp, host, url, depth, referrer, redirects, attempt,"
                                    + " sitemap, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + QUEUED + ")");
                    for (Added a : urls) {
                        CrawlRequest r = a.request();
                        s.setLong(1, a.id());
                        s.setLong(2, a.fingerprint());
                        s.setString(3, a.hostKey());
                        s.setString(4, r.url().href());
                        s.setInt(5, r.depth());
                        s.setString(
                                6, r.referrer() == null ? null : r.referrer().href());
                        s.setString(
                                7,
                                String.join(
                                        " ",
                                        r.redirects().stream().map(WebUrl::href).toList()));
                        s.setInt(8, r.attempt());
                        s.setInt(9, r.sitemap() ? 1 : 0);
                        s.executeUpdate();
                    }
                    return null;
                },
                urls.size());
    }

    @Override
    public void leased(long id) {
        setState(id, LEASED);
    }

    @Override
    public void requeued(long id, CrawlRequest request) {
        db.write(d -> {
            PreparedStatement s = d.statement("UPDATE urls SET state = " + QUEUED + ", attempt = ? WHERE id = ?");
            s.setInt(1, request.attempt());
            s.setLong(2, id);
            return s.executeUpdate();
        });
    }

    @Override
    public void finished(long id, Outcome outcome) {
        setState(
                id,
                switch (outcome) {
                    case PAGE -> PAGE;
                    case OTHER -> OTHER;
                    case FAILED -> FAILED;
                });
    }

    private void setState(long id, int state) {
        db.write(d -> {
            PreparedStatement s = d.statement("UPDATE urls SET state = ? WHERE id = ?");
            s.setInt(1, state);
            s.setLong(2, id);
            return s.executeUpdate();
        });
    }

    @Override
    public void awaitDurable() {
        db.sync();
    }

    @Override
    public void load(String hostKey, long afterId, int max, Consumer<List<Stored>> then) {
        db.readThen(d -> queued(d, hostKey, afterId, max), then);
    }

    @Override
    public List<Stored> drain(String hostKey, long afterId) {
        return db.read(d -> {
            List<Stored> all = queued(d, hostKey, afterId, Integer.MAX_VALUE);
            PreparedStatement s = d.statement(
                    "UPDATE urls SET state = " + OTHER + " WHERE host = ? AND state = " + QUEUED + " AND id > ?");
            s.setString(1, hostKey);
            s.setLong(2, afterId);
            s.executeUpdate();
            return all;
        });
    }

    private static List<Stored> queued(SqliteDatabase d, String hostKey, long afterId, int max) throws SQLException {
        PreparedStatement s = d.statement("SELECT id, url, depth, referrer, redirects, attempt, sitemap FROM urls"
                + " WHERE host = ? AND state = " + QUEUED + " AND id > ? ORDER BY id LIMIT ?");
        s.setString(1, hostKey);
        s.setLong(2, afterId);
        s.setInt(3, max);
        List<Stored> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String redirects = r.getString(5);
                List<WebUrl> chain = redirects.isEmpty()
                        ? List.of()
                        : Arrays.stream(redirects.split(" ")).map(WebUrl::parse).toList();
                String referrer = r.getString(4);
                out.add(new Stored(
                        r.getLong(1),
                        new CrawlRequest(
                                WebUrl.parse(r.getString(2)),
                                r.getInt(3),
                                referrer == null ? null : WebUrl.parse(referrer),
                                chain,
                                r.getInt(6),
                                r.getInt(7) == 1)));
            }
        }
        return out;
    }

    @Override
    public void markFinished() {
        db.write(d -> {
            d.statement("INSERT OR REPLACE INTO meta(key, value) VALUES ('finished', '1')")
                    .executeUpdate();
            return null;
        });
    }

    @Override
    public void close() {
        onClose.run();
    }
}
