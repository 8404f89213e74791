package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.redis.RedisTarget;
import dev.trawl.redis.testing.RedisServer;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --frontier redis://...}: one crawl shared by several processes, one of which dies. */
@Timeout(180)
class SharedCrawlTest extends CliTestSupport {

    private static final int PAGES_PER_SITE = 30;
    private static final Duration DELAY = Duration.ofMillis(400);
    private static final int PER_HOST = 2;
    /** How late the server may note an arrival, compared with another's. */
    private static final Duration CLOCKS = Duration.ofMillis(5);

    /** Three sites, each a home page linking to its pages and to the other homes, answering after 30 ms. */
    private List<Site> sites() throws IOException {
        List<Site> sites = new ArrayList<>();
        for (int octet = 2; octet <= 4; octet++) {
            sites.add(web.site(octet).latency(30));
        }
        for (Site s : sites) {
            List<String> links = new ArrayList<>();
            for (int i = 0; i < PAGES_PER_SITE; i++) {
                links.add("/p" + i);
                s.linking("/p" + i, "/", "/p" + ((i + 7) % PAGES_PER_SITE));
            }
            sites.forEach(other -> links.add(other.url("/")));
            s.linking("/", links.toArray(String[]::new));
        }
        return sites;
    }

    private String[] crawlArgs(RedisTarget crawl, Path output, List<Site> sites) {
        List<String> args = new ArrayList<>(List.of(
                "-q",
                "--no-robots",
                "--frontier",
                crawl.toString(),
                "--lease-time",
                "2s",
                "--per-host",
                String.valueOf(PER_HOST),
                "--delay",
                DELAY.toMillis() + "ms",
                "-w",
                "6",
                "-o",
                output.toString()));
        sites.forEach(s -> args.add(s.url("/")));
        return args.toArray(String[]::new);
    }

    @Test
    void threeProcessesShareACrawlAndItCompletesWhenOneIsKilled() throws Exception {
        RedisTarget crawl = RedisServer.shared().newCrawl();
        List<Site> sites = sites();
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                processes.add(new ProcessBuilder(childTrawl(crawlArgs(crawl, dir.resolve("out" + i + ".jsonl"), sites)))
                        .redirectOutput(dir.resolve("stdout" + i + ".txt").toFile())
                        .redirectError(dir.resolve("stderr" + i + ".txt").toFile())
                        .start());
            }
            while (web.requests().size() < 40) {
                assertThat(processes.get(0).isAlive()).as("still crawling").isTrue();
                Thread.sleep(20);
            }
            processes.get(0).destroyForcibly();
            for (Process p : processes.subList(1, 3)) {
                assertThat(p.waitFor(120, TimeUnit.SECONDS))
                        .as("a surviving process finishes")
                        .isTrue();
                assertThat(p.exitValue())
                        .as(Files.readString(dir.resolve("stderr" + processes.indexOf(p) + ".txt")))
                        .isZero();
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }

        Set<String> expected = new HashSet<>();
        for (Site s : sites) {
            expected.add(s.url("/"));
            for (int i = 0; i < PAGES_PER_SITE; i++) {
                expected.add(s.url("/p" + i));
            }
        }
        Map<String, Long> fetches = sites.stream()
                .flatMap(s -> s.paths().stream().map(s::url))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(fetches.keySet()).as("every page fetched").isEqualTo(expected);
        assertThat(fetches.values()).as("none more than twice").allMatch(n -> n <= 2);

        for (Site s : sites) {
            assertThat(s.maxConcurrent())
                    .as("concurrent requests to %s, fleet-wide", s.authority())
                    .isLessThanOrEqualTo(PER_HOST);
            // At the server, from the first request on: each arrival at least the delay after the one
            // before, whichever process sent them, less what the server's noting of arrivals may lag.
            List<Long> starts = s.requests().stream()
                    .map(TestWeb.Request::startNanos)
                    .sorted()
                    .toList();
            for (int i = 1; i < starts.size(); i++) {
                assertThat(Duration.ofNanos(starts.get(i) - starts.get(i - 1)))
                        .as("gap between requests %d and %d to %s, fleet-wide", i - 1, i, s.authority())
                        .isGreaterThanOrEqualTo(DELAY.minus(CLOCKS));
            }
        }

        Set<String> recorded = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 3; i++) {
            for (String line : Files.readAllLines(dir.resolve("out" + i + ".jsonl"))) {
                if (line.endsWith("}")) {
                    recorded.add(json.readTree(line).get("url").asText());
                }
            }
        }
        assertThat(recorded)
                .as("the processes' outputs together hold every page")
                .isEqualTo(expected);

        assertThat(trawl("status", "--frontier", crawl.toString())).isZero();
        assertThat(stdout()).contains(": finished").contains(String.format("%,d done", expected.size()));
    }

    @Test
    void twoProcessesKeepOnePerHostPageLimit() throws Exception {
        RedisTarget crawl = RedisServer.shared().newCrawl();
        Site a = web.site(2).latency(20).hub(40);
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                processes.add(new ProcessBuilder(childTrawl(
                                "-q",
                                "--no-robots",
                                "--delay",
                                "0",
                                "--max-pages-per-host",
                                "5",
                                "--frontier",
                                crawl.toString(),
                                "-o",
                                dir.resolve("limit" + i + ".jsonl").toString(),
                                a.url("/")))
                        .redirectOutput(dir.resolve("limit-out" + i + ".txt").toFile())
                        .redirectError(dir.resolve("limit-err" + i + ".txt").toFile())
                        .start());
            }
            for (Process p : processes) {
                assertThat(p.waitFor(60, TimeUnit.SECONDS))
                        .as("a process finishes")
                        .isTrue();
                assertThat(p.exitValue()).isZero();
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        assertThat(a.requests()).as("pages the server served to the fleet").hasSize(5);
    }

    @Test
    void aSecondRunOfAFinishedCrawlSaysSoAndStatusShowsIt() throws Exception {
        RedisTarget crawl = RedisServer.shared().newCrawl();
        Site a = web.site(2).hub(3);
        assertThat(trawl("-q", "--delay", "0", "--frontier", crawl.toString(), a.url("/")))
                .isZero();
        assertThat(stdout().lines()).hasSize(4);
        int served = a.requests().size();

        assertThat(trawl("--delay", "0", "--frontier", crawl.toString(), a.url("/")))
                .isZero();
        assertThat(stderr()).contains("is finished (4 pages)");
        assertThat(a.requests()).hasSize(served);

        assertThat(trawl("status", "--frontier", crawl.toString())).isZero();
        assertThat(stdout())
                .contains(crawl + ": finished")
                .contains("4 done")
                .contains("4 seen, 0 queued, 0 in flight")
                .contains("per host 2, delay 0 ms, max pages none");
    }

    @Test
    void mistakesGetOneLineAndTheirExitCode() throws Exception {
        Site a = web.site(2).hub(1);
        assertThat(trawl("--frontier", "http://127.0.0.1:6379/x", a.url("/"))).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr())
                .startsWith("trawl: --frontier: not a redis://host:port/crawl-name URL")
                .hasLineCount(1);

        assertThat(trawl("--frontier", "redis://127.0.0.1:6379/bad{name}", a.url("/")))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr()).hasLineCount(1);

        assertThat(trawl(
                        "--frontier",
                        "redis://127.0.0.1:6379/x",
                        "--state",
                        dir.resolve("s.db").toString(),
                        a.url("/")))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr()).contains("--frontier and --state").hasLineCount(1);

        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThat(trawl("--frontier", "redis://127.0.0.1:" + closedPort + "/x", a.url("/")))
                .isEqualTo(Main.EXIT_FATAL);
        assertThat(stderr())
                .startsWith("trawl: cannot reach Redis at 127.0.0.1:" + closedPort)
                .hasLineCount(1);
        assertThat(a.requests()).isEmpty();

        assertThat(trawl("status", "--frontier", RedisServer.shared().newCrawl().toString()))
                .isEqualTo(Main.EXIT_FATAL);
        assertThat(stderr()).startsWith("trawl: no crawl named").hasLineCount(1);
    }

    @Test
    void losingRedisMidCrawlEndsItWithOneLine() throws Exception {
        Site a = web.site(2).latency(20).hub(200);
        try (RedisServer own = RedisServer.start()) {
            Thread killer = Thread.ofVirtual().start(() -> {
                try {
                    while (a.requests().size() < 10) {
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                own.close();
            });
            int code = trawl(
                    "-q",
                    "--delay",
                    "0",
                    "--no-robots",
                    "--frontier",
                    own.newCrawl().toString(),
                    a.url("/"));
            killer.join();

            assertThat(code).isEqualTo(Main.EXIT_FATAL);
            assertThat(stderr())
                    .startsWith("trawl: lost the shared crawl's Redis at redis://127.0.0.1:" + own.port())
                    .contains("the same command joins the crawl again")
                    .hasLineCount(1);
            assertThat(a.requests().size()).isLessThan(200);
        }
    }

    @Test
    void ctrlCHandsTheLeasesBackAndRecordsNothingFalse() throws Exception {
        Site a = web.site(2).latency(30).hub(300);
        RedisTarget crawl = RedisServer.shared().newCrawl();
        Path out = dir.resolve("out.jsonl");
        Process p = new ProcessBuilder(childTrawl(
                        "-q",
                        "--no-robots",
                        "--delay",
                        "0",
                        "--per-host",
                        "8",
                        "-w",
                        "8",
                        "--frontier",
                        crawl.toString(),
                        "-o",
                        out.toString(),
                        a.url("/")))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        pressCtrlCWhen(p, () -> a.requests().size() >= 40, 30);
        assertThat(p.exitValue()).isEqualTo(Main.EXIT_INTERRUPTED);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines)
                .isNotEmpty()
                .noneMatch(line -> line.contains("internal error") || line.contains("\"error\":\"io\""));

        assertThat(trawl("status", "--frontier", crawl.toString())).isZero();
        assertThat(stdout()).contains("0 in flight").doesNotContain(" 0 queued");
        // Pages in flight at Ctrl-C were recorded here but handed back: the next run fetches them again.
        long done = Long.parseLong(stdout().replaceAll("(?s).*pages\\s+(\\d+) done.*", "$1"));
        assertThat(done).isBetween(lines.size() - 8L, (long) lines.size());
    }
}
