package dev.trawl.sqlite;

import dev.trawl.PageRecord;
import dev.trawl.internal.Json;
import dev.trawl.internal.RecordFields;
import dev.trawl.output.Sink;
import dev.trawl.parse.Link;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The crawl's results in SQLite, to query with the {@code sqlite3} shell: a {@code pages} table
 * (the JSON record's fields as columns, and {@code extracted}: the handler's values as a JSON
 * object, for {@code json_extract}), a {@code links} table ({@code from_url, to_url, text,
 * nofollow}) and an {@code items} table ({@code page_url, item}: each item as JSON). Rows are
 * written in order with the frontier's, in the same transactions.
 */
final class SqliteResults implements Sink {

    /** Columns compared as numbers in queries ({@code status >= 400}); the rest are text. */
    private static final Set<String> INTEGER_COLUMNS = Set.of(
            "status",
            "depth",
            "bytes",
            "elapsed_ms",
            "links",
            "attempts",
            "noindex",
            "nofollow",
            "rendered",
            "render_ms");

    static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS pages("
                + RecordFields.ALL.stream().map(SqliteResults::column).collect(Collectors.joining(", "))
                + ", extracted TEXT)",
        "CREATE INDEX IF NOT EXISTS pages_url ON pages(url)",
        "CREATE INDEX IF NOT EXISTS pages_final_url ON pages(final_url)",
        "CREATE TABLE IF NOT EXISTS links(from_url TEXT NOT NULL, to_url TEXT NOT NULL, text TEXT, nofollow INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS links_to ON links(to_url)",
        "CREATE INDEX IF NOT EXISTS links_from ON links(from_url)",
        "CREATE TABLE IF NOT EXISTS items(page_url TEXT NOT NULL, item TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS items_page ON items(page_url)",
    };

    /**
     * Forgets the rows of the pages whose lease was held at a crash: they are fetched again on
     * resume and write their rows then, so that each page's row, links and items are in the file
     * once. Only before the crawl starts, and before the frontier queues those URLs again.
     */
    static final String[] FORGET_IN_FLIGHT = {
        "DELETE FROM pages WHERE final_url IN (SELECT url FROM urls WHERE state = " + SqliteFrontierStore.LEASED + ")",
        "DELETE FROM links WHERE from_url IN (SELECT url FROM urls WHERE state = " + SqliteFrontierStore.LEASED + ")",
        "DELETE FROM items WHERE page_url IN (SELECT url FROM urls WHERE state = " + SqliteFrontierStore.LEASED + ")",
    };

    /** Names its columns: a file written by an older trawl has those it lacked added at the end. */
    private static final String INSERT_PAGE = "INSERT INTO pages("
            + RecordFields.ALL.stream().map(RecordFields.Field::name).collect(Collectors.joining(", "))
            + ", extracted) VALUES ("
            + RecordFields.ALL.stream().map(f -> "?").collect(Collectors.joining(", ")) + ", ?)";

    private final SqliteDatabase db;
    private final Runnable onClose;

    /** Creates the tables, and adds what a file written by an older trawl lacks. */
    static void createTables(SqliteDatabase db) throws SQLException {
        db.script(SCHEMA);
        Set<String> present = db.read(d -> {
            Set<String> names = new HashSet<>();
            try (ResultSet r =
                    d.statement("SELECT name FROM pragma_table_info('pages')").executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        });
        if (!present.contains("extracted")) {
            db.script("ALTER TABLE pages ADD COLUMN extracted TEXT");
        }
        for (RecordFields.Field f : RecordFields.ALL) {
            if (!present.contains(f.name())) {
                db.script("ALTER TABLE pages ADD COLUMN " + column(f));
            }
        }
    }

    private static String column(RecordFields.Field f) {
        return f.name() + (INTEGER_COLUMNS.contains(f.name()) ? " INTEGER" : " TEXT");
    }

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
            s.setString(i, page.extracted().isEmpty() ? null : Json.text(page.extracted()));
            s.executeUpdate();
            if (!page.items().isEmpty()) {
                PreparedStatement item = d.statement("INSERT INTO items VALUES (?, ?)");
                for (String json : page.items()) {
                    item.setString(1, page.finalUrl().href());
                    item.setString(2, json);
                    item.executeUpdate();
                }
            }
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
