package dev.trawl.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.trawl.PageRecord;
import dev.trawl.PreviousPass;
import dev.trawl.fetch.Validators;
import dev.trawl.internal.Json;
import dev.trawl.parse.Link;
import dev.trawl.url.WebUrl;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pass before this one, as a state file keeps it: the {@code previous_pages}, {@code
 * previous_links} and {@code previous_items} tables. A page's record holds what a re-crawl uses
 * of it: status, content type, title, canonical, noindex, nofollow, validators, links, values and items.
 */
final class SqlitePreviousPass implements PreviousPass {

    /**
     * Where the previous pass is: tables renamed when the next pass starts, their indexes made
     * anew. The results' own indexes are dropped (a renamed table keeps them, and the new pass's
     * could then not be made): each one the results' schema creates.
     */
    static final String[] KEEP_AS_PREVIOUS = Stream.of(
                    Stream.of(
                            "DROP TABLE IF EXISTS previous_pages",
                            "DROP TABLE IF EXISTS previous_links",
                            "DROP TABLE IF EXISTS previous_items"),
                    Stream.of(SqliteResults.SCHEMA)
                            .map(Pattern.compile("^CREATE INDEX IF NOT EXISTS (\\w+) ON ")::matcher)
                            .filter(Matcher::find)
                            .map(m -> "DROP INDEX IF EXISTS " + m.group(1)),
                    Stream.of(
                            "ALTER TABLE pages RENAME TO previous_pages",
                            "ALTER TABLE links RENAME TO previous_links",
                            "ALTER TABLE items RENAME TO previous_items",
                            "CREATE INDEX previous_pages_final_url ON previous_pages(final_url)",
                            "CREATE INDEX previous_links_from ON previous_links(from_url)",
                            "CREATE INDEX previous_items_page ON previous_items(page_url)"))
            .flatMap(s -> s)
            .toArray(String[]::new);

    /**
     * A page the previous pass had whole: fetched then (200, read or not HTML), or found unchanged
     * then (304). A page cut short, undecodable or whose handler failed is fetched whole again.
     */
    private static final String WAS_A_PAGE =
            "kind = 'page' AND (status = 200 AND (error IS NULL OR error = 'not_html')" + " OR error = 'not_modified')";

    private static final String PAGE =
            "SELECT status, content_type, title, canonical, noindex, etag, last_modified, extracted, nofollow"
                    + " FROM previous_pages WHERE final_url = ? AND " + WAS_A_PAGE + " ORDER BY rowid DESC LIMIT 1";

    /**
     * How the pages of this pass compare with the previous one's, by URL: unchanged (304),
     * changed (downloaded again), new (not a page before), gone (404 or 410 now, a page before).
     */
    static final String CHANGES = "SELECT"
            + " SUM(p.error = 'not_modified'),"
            + " SUM(p.status = 200 AND q.final_url IS NOT NULL),"
            + " SUM(p.status = 200 AND q.final_url IS NULL),"
            + " SUM(p.status IN (404, 410) AND q.final_url IS NOT NULL)"
            + " FROM pages p LEFT JOIN (SELECT DISTINCT final_url FROM previous_pages WHERE " + WAS_A_PAGE
            + ") q ON q.final_url = p.final_url WHERE p.kind = 'page'";

    private final SqliteDatabase db;

    SqlitePreviousPass(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public PageRecord find(WebUrl url) {
        return db.query(d -> {
            PreparedStatement page = d.statement(PAGE);
            page.setString(1, url.href());
            PageRecord.Builder record = PageRecord.builder(url);
            try (ResultSet r = page.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                record.status(r.getInt(1))
                        .contentType(r.getString(2))
                        .title(r.getString(3))
                        .canonical(url(r.getString(4)))
                        .noindex(r.getInt(5) == 1)
                        .validators(Validators.of(r.getString(6), r.getString(7)))
                        .extracted(values(r.getString(8)))
                        .nofollow(r.getInt(9) == 1);
            }
            return record.outlinks(links(d, url)).items(items(d, url)).build();
        });
    }

    private static List<Link> links(SqliteDatabase d, WebUrl from) throws SQLException {
        PreparedStatement s =
                d.statement("SELECT to_url, text, nofollow FROM previous_links WHERE from_url = ? ORDER BY rowid");
        s.setString(1, from.href());
        List<Link> links = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                WebUrl to = url(r.getString(1));
                if (to != null) {
                    links.add(new Link(to, r.getString(2), r.getInt(3) == 1));
                }
            }
        }
        return links;
    }

    private static List<String> items(SqliteDatabase d, WebUrl page) throws SQLException {
        PreparedStatement s = d.statement("SELECT item FROM previous_items WHERE page_url = ? ORDER BY rowid");
        s.setString(1, page.href());
        List<String> items = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                items.add(r.getString(1));
            }
        }
        return items;
    }

    private static WebUrl url(String href) {
        return href == null ? null : WebUrl.tryParse(href, null);
    }

    private static Map<String, Object> values(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("extracted values that are not JSON: " + e.getMessage(), e);
        }
    }
}
