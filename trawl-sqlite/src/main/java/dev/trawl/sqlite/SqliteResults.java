package dev.trawl.sqlite;

import dev.trawl.PageRecord;
import dev.trawl.internal.RecordFields;
import dev.trawl.output.Sink;
import dev.trawl.parse.Link;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The crawl's results in SQLite, to query with the {@code sqlite3} shell: a {@code pages} table
 * (the JSON record's fields as columns) and a {@code links} table ({@code from_url, to_url, text,
 * nofollow}). Rows are written in order with the frontier's, in the same transactions.
 */
final class SqliteResults implements Sink {

    /** Columns compared as numbers in queries ({@code status >= 400}); the rest are text. */
    private static final Set<String> INTEGER_COLUMNS =
            Set.of("status", "depth", "bytes", "elapsed_ms", "links", "attempts", "noindex");

    static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS pages("
                + RecordFields.ALL.stream()
                        .map(f -> f.name() + (INTEGER_COLUMNS.contains(f.name()) ? " INTEGER" : " TEXT"))
                        .collect(Collectors.joining(", "))
                + ")",
        "CREATE INDEX IF NOT EXISTS pages_url ON pages(url)",
        "CREATE TABLE IF NOT EXISTS links(from_url TEXT NOT NULL, to_url TEXT NOT NULL, text TEXT, nofollow INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS links_to ON links(to_url)",
    };

    private static final String INSERT_PAGE = "INSERT INTO pages VALUES ("
            + RecordFields.ALL.stream().map(f -> "?").collect(Collectors.joining(", ")) + ")";

    private final SqliteDatabase db;
    private final Runnable onClose;

    SqliteResults(SqliteDatabase db, Runnable onClose) {
        this.db = db;
        this.onClose = onClose;
    }

    @Override
    public void onPage(PageRecord page) {
        db.write(d -> {
            PreparedStatement s = d.statement(INSERT_PAGE);
            int i = 1;
            for (RecordFields.Field f : RecordFields.ALL) {
                Object v = f.value().apply(page);
                if (v instanceof Boolean b) {
                    s.setInt(i++, b ? 1 : 0);
                } else if (v instanceof Number n) {
                    s.setLong(i++, n.longValue());
                } else {
                    s.setString(i++, v == null ? null : RecordFields.text(v));
                }
            }
            s.executeUpdate();
            if (!page.sitemap()) {
                PreparedStatement l = d.statement("INSERT INTO links VALUES (?, ?, ?, ?)");
                for (Link link : page.outlinks()) {
                    l.setString(1, page.finalUrl().href());
                    l.setString(2, link.url().href());
                    l.setString(3, link.text());
                    l.setInt(4, link.nofollow() ? 1 : 0);
                    l.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        onClose.run();
    }
}
