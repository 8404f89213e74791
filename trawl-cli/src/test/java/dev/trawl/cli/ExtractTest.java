package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.testweb.ShopServer;
import dev.trawl.testweb.SyntheticShop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --extract}, {@code --extract-all} and {@code --items}, read back from every file they write. */
@Timeout(120)
class ExtractTest extends CliTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Site shop() throws Exception {
        Site s = web.site(2);
        s.page("/", "<h1>Shop</h1><a href=/kettle>k</a> <a href=/pot>p</a> <a href=/about>a</a>")
                .page(
                        "/kettle",
                        "<h1 class=name>Kettle</h1><p class=price>12.50</p><p class=price>9.99</p>"
                                + "<a class=tag href=/t/steel>steel</a><a class=tag href=t/blue>blue</a>")
                .page("/pot", "<h1 class=name>Pot, \"big\"</h1><a class=tag>no href</a>")
                .page("/about", "<p>nothing to extract</p>");
        return s;
    }

    private static final String[] FIELDS = {
        "--extract", "name=h1.name",
        "--extract", "price=.price",
        "--extract-all", "tags=a.tag@abs:href",
        "--extract-all", "tag_names=a.tag"
    };

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void firstMatchesAllMatchesAndNoMatchGoToJsonCsvSqliteAndItems() throws Exception {
        Site s = shop();
        Path json = dir.resolve("out.jsonl");
        Path csv = dir.resolve("out.csv");
        Path db = dir.resolve("out.db");
        Path items = dir.resolve("items.jsonl");
        List<String> args = new ArrayList<>(List.of("-q", "--delay", "0", "-o", json.toString()));
        args.addAll(List.of(FIELDS));
        args.addAll(List.of("--csv", csv.toString(), "--output-db", db.toString(), "--items", items.toString()));
        args.add(s.url("/"));

        assertThat(trawl(args.toArray(String[]::new))).isZero();

        Map<String, JsonNode> byPath = new HashMap<>();
        for (JsonNode r : lines(json)) {
            byPath.put(r.get("url").asText().replace(s.url(""), ""), r);
        }
        assertThat(byPath.get("/kettle").get("extracted").toString())
                .isEqualTo("{\"name\":\"Kettle\",\"price\":\"12.50\",\"tags\":[\"" + s.url("/t/steel") + "\",\""
                        + s.url("/t/blue") + "\"],\"tag_names\":[\"steel\",\"blue\"]}");
        assertThat(byPath.get("/pot").get("extracted").toString())
                .isEqualTo("{\"name\":\"Pot, \\\"big\\\"\",\"price\":null,\"tags\":[],\"tag_names\":[\"no href\"]}");
        assertThat(byPath.get("/about").get("extracted").toString())
                .isEqualTo("{\"name\":null,\"price\":null,\"tags\":[],\"tag_names\":[]}");
        assertThat(byPath.get("/t/steel").has("extracted"))
                .as("a 404 is not extracted")
                .isFalse();

        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0))
                .endsWith(
                        ",kind,http_version,nofollow,etag,last_modified,rendered,render_ms,name,price,tags,tag_names");
        assertThat(rows)
                .anySatisfy(r -> assertThat(r)
                        .endsWith(",page,HTTP/1.1,false,,,false,,\"Pot, \"\"big\"\"\",,[],\"[\"\"no href\"\"]\""));

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet r = c.createStatement()
                        .executeQuery(
                                "SELECT json_extract(extracted, '$.price'), json_array_length(extracted, '$.tags')"
                                        + " FROM pages WHERE url LIKE '%/kettle'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("12.50");
            assertThat(r.getInt(2)).isEqualTo(2);
        }

        // An item for each page where something was found: the home and about pages have none.
        List<JsonNode> products = lines(items);
        assertThat(products)
                .extracting(i -> i.get("url").asText().replace(s.url(""), "") + " "
                        + i.get("name").asText())
                .containsExactlyInAnyOrder("/kettle Kettle", "/pot Pot, \"big\"");
    }

    /** The README's command line for the example shop gives the shop's products, every one. */
    @Test
    void theReadmesShopScrapeGivesEveryProduct() throws Exception {
        try (ShopServer server = ShopServer.start("127.0.0.31", 25, 3)) {
            Path items = dir.resolve("products.jsonl");

            assertThat(trawl(
                            "-q",
                            "--delay",
                            "0",
                            "--extract",
                            "name=article h1.name",
                            "--extract",
                            "price=article .price",
                            "--extract-all",
                            "tags=article ul.tags li",
                            "--items",
                            items.toString(),
                            server.shop().seed()))
                    .isZero();

            List<SyntheticShop.Product> scraped = new ArrayList<>();
            for (JsonNode item : lines(items)) {
                scraped.add(JSON.treeToValue(item, SyntheticShop.Product.class));
            }
            assertThat(scraped)
                    .containsExactlyInAnyOrderElementsOf(server.shop().products());
        }
    }

    @Test
    void aBadSelectorIsAUsageErrorBeforeAnythingIsFetched() throws Exception {
        Site s = shop();

        assertThat(trawl("--extract", "price=.price[", s.url("/"))).isEqualTo(2);
        assertThat(stderr().strip().lines()).singleElement().asString().startsWith("trawl: --extract price: '.price['");
        assertThat(trawl("--extract", "x=p:matches(()", s.url("/"))).isEqualTo(2);
        assertThat(stderr()).startsWith("trawl: --extract x: 'p:matches(()' is not a CSS selector");
        assertThat(trawl("--extract-all", "=a", s.url("/"))).isEqualTo(2);
        assertThat(stderr()).contains("--extract-all wants NAME=SELECTOR");
        assertThat(trawl("--extract", "x=a", "--extract", "x=b", s.url("/"))).isEqualTo(2);
        assertThat(trawl("--items", dir.resolve("i.jsonl").toString(), s.url("/")))
                .isEqualTo(2);
        assertThat(stderr()).contains("add --extract");
        assertThat(s.requests()).isEmpty();
        assertThat(dir.resolve("i.jsonl")).doesNotExist();
    }

    @Test
    void afterKillMinusNineAndAResumeEveryPageAndItemIsInTheStateFileOnce() throws Exception {
        Site s = web.site(3).latency(30);
        int n = 150;
        String[] links = new String[n];
        for (int i = 0; i < n; i++) {
            links[i] = "/p" + i;
            s.page("/p" + i, "<h1 class=name>Product " + i + "</h1><a href=/>home</a>");
        }
        s.linking("/", links);
        Path state = dir.resolve("crawl.db");
        List<String> args = new ArrayList<>(List.of("-q", "--delay", "0", "--per-host", "4", "-w", "4"));
        args.addAll(List.of(
                "--extract",
                "name=h1.name",
                "--items",
                dir.resolve("items.jsonl").toString()));
        args.addAll(List.of("--state", state.toString(), s.url("/")));

        crashWhen(() -> s.requests().size() >= 50, args.toArray(String[]::new));
        assertThat(trawl(args.toArray(String[]::new))).isZero();

        long refetched =
                s.paths().stream().filter(x -> !x.equals("/robots.txt")).count() - (n + 1);
        assertThat(refetched)
                .as("pages fetched twice: the leases in flight at the kill")
                .isBetween(0L, 4L);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state)) {
            ResultSet pages = c.createStatement()
                    .executeQuery("SELECT COUNT(*), COUNT(DISTINCT final_url), COUNT(extracted) FROM pages");
            assertThat(pages.next()).isTrue();
            assertThat(pages.getLong(1)).isEqualTo(n + 1);
            assertThat(pages.getLong(2)).isEqualTo(n + 1);
            assertThat(pages.getLong(3)).isEqualTo(n + 1);
            ResultSet items = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT page_url) FROM items");
            assertThat(items.next()).isTrue();
            assertThat(items.getLong(1)).isEqualTo(n);
            assertThat(items.getLong(2)).isEqualTo(n);
            ResultSet fromHome = c.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM links WHERE from_url = '" + s.url("/") + "'");
            assertThat(fromHome.next()).isTrue();
            assertThat(fromHome.getLong(1)).isEqualTo(n);
        }
    }
}
