#!/usr/bin/env python3
"""End-to-end benchmark: trawl and Scrapy crawl the same synthetic web, alternating.

    bench/e2e.py [--hosts 200] [--pages 5000] [--latency 0] [--concurrency 64] [--per-host 4] [--rounds 2] [--extract]

Starts the synthetic web (trawl-testweb) on 127.0.0.10 and up, warms it with one unmeasured
crawl (its JIT shares the cores), then runs each crawler with the
same concurrency, per-host limit, no delay, no robots.txt and the same page count, and prints
pages/s, CPU ms per page, peak RSS and duplicate fetches for each, and their ratio. With
--latency L, pages/s is also given as a fraction of the ceiling concurrency / latency.
Needs: ./trawl's JDK, and Scrapy (apt-get install python3-scrapy) for the peer. trawl runs as a
user runs it: through ./trawl, with the launcher's JVM flags and class cache (measured: the
launcher's own start, bash and a version check, is in trawl's numbers). With --extract, each
round also runs trawl with three --extract fields (what a page handler costs: jsoup parses every
page), and prints that as its own row.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


MEASURE = ("import resource, subprocess, sys, time\n"
           "t = time.monotonic()\n"
           "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
           "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(time.monotonic() - t, r.ru_utime + r.ru_stime, r.ru_maxrss / 1024, code)\n")


def run_measured(cmd, env=None, ok=(0,)):
    """Runs a command in a fresh process; returns (seconds, CPU seconds, peak RSS MB) of it alone.

    Raises if its exit code is not one of ok (wget says 8 when some page answered 404)."""
    out = subprocess.run([sys.executable, "-c", MEASURE] + cmd, env=env, check=True, capture_output=True, text=True)
    seconds, cpu, rss, code = out.stdout.split()
    if int(code) not in ok:
        raise subprocess.CalledProcessError(int(code), cmd)
    return float(seconds), float(cpu), float(rss)


def count(path):
    with open(path) as f:
        urls = [line.strip() for line in f if line.strip()]
    return len(urls), len(urls) - len(set(urls))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--hosts", type=int, default=200)
    p.add_argument("--pages", type=int, default=5000)
    p.add_argument("--latency", type=int, default=0)
    p.add_argument("--concurrency", type=int, default=64)
    p.add_argument("--per-host", type=int, default=4)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--extract", action="store_true")
    a = p.parse_args()

    subprocess.run([os.path.join(ROOT, "trawl"), "--version"], check=True, stdout=subprocess.DEVNULL)
    java_home = subprocess.run(["bash", "-c", ". scripts/find-jdk.sh && find_jdk && echo $JAVA_HOME"], cwd=ROOT,
                               check=True, capture_output=True, text=True).stdout.strip()
    java = os.path.join(java_home, "bin", "java")
    jar = os.path.join(ROOT, "trawl-cli", "target", "trawl.jar")
    web = subprocess.Popen([java, "-Xmx2g", "-cp", jar, "dev.trawl.testweb.SyntheticWebServer", str(a.hosts),
                            str(a.pages), str(a.latency)], stdout=subprocess.PIPE, text=True)
    seed, reachable = web.stdout.readline().split()
    hosts = ",".join("127.0.0.%d" % (10 + h) for h in range(a.hosts))
    target = min(a.pages, int(reachable))
    work = tempfile.mkdtemp(prefix="trawl-e2e-")
    print("synthetic web: %d hosts, %s reachable URLs, latency %d ms; crawling %d pages, concurrency %d, %d per host"
          % (a.hosts, reachable, a.latency, target, a.concurrency, a.per_host))
    results = {"trawl": [], "extract": [], "scrapy": []}
    def trawl(out, extract=False):
        fields = ["--extract", "title=title", "--extract", "heading=h1", "--extract-all", "links=a@href"] if extract else []
        return [os.path.join(ROOT, "trawl"), "-q", "--no-robots", "--delay", "0", "--retries", "0",
                "-w", str(a.concurrency), "--per-host", str(a.per_host), "-n", str(target), "-d", hosts, "-o", out,
                ] + fields + [seed]

    try:
        # The server shares the cores and compiles its hot code on its first thousands of requests:
        # one unmeasured crawl first, so that no measured round (of either crawler) pays for that.
        subprocess.run(trawl(os.path.join(work, "warm-up.txt")), check=True, stdout=subprocess.DEVNULL)
        for r in range(a.rounds):
            out = os.path.join(work, "trawl-%d.txt" % r)
            secs, cpu, rss = run_measured(trawl(out))
            pages, dups = count_json(out)
            results["trawl"].append((pages / secs, cpu * 1000 / pages, rss, dups))
            if a.extract:
                out = os.path.join(work, "extract-%d.txt" % r)
                secs, cpu, rss = run_measured(trawl(out, extract=True))
                pages, dups = count_json(out)
                results["extract"].append((pages / secs, cpu * 1000 / pages, rss, dups))
            if shutil.which("scrapy"):
                out = os.path.join(work, "scrapy-%d.txt" % r)
                env = dict(os.environ, TRAWL_BENCH_OUT=out)
                cmd = ["scrapy", "runspider", os.path.join(ROOT, "bench", "scrapy_spider.py"), "-a", "seed=" + seed,
                       "-a", "hosts=" + hosts, "-s", "CONCURRENT_REQUESTS=%d" % a.concurrency,
                       "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=%d" % a.per_host, "-s", "DOWNLOAD_DELAY=0",
                       "-s", "ROBOTSTXT_OBEY=False", "-s", "RETRY_ENABLED=False",
                       "-s", "CLOSESPIDER_PAGECOUNT=%d" % target, "-s", "LOG_LEVEL=ERROR",
                       "-s", "TELNETCONSOLE_ENABLED=False"]
                secs, cpu, rss = run_measured(cmd, env)
                pages, dups = count(out)
                results["scrapy"].append((pages / secs, cpu * 1000 / pages, rss, dups))
    finally:
        web.kill()
        shutil.rmtree(work, ignore_errors=True)

    def best(rows):
        return max(rows, key=lambda row: row[0]) if rows else None

    print("%-7s %10s %14s %14s %11s" % ("", "pages/s", "CPU ms/page", "peak RSS MB", "duplicates"))
    for name in ("trawl", "extract", "scrapy"):
        row = best(results[name])
        if row:
            print("%-7s %10.1f %14.2f %14.0f %11d" % (name, row[0], row[1], row[2], row[3]))
    t, s = best(results["trawl"]), best(results["scrapy"])
    if t and s:
        print("ratio   %9.1fx %13.2fx" % (t[0] / s[0], s[1] / t[1]))
    e = best(results["extract"])
    if t and e:
        print("--extract of 3 fields: %.2fx the CPU per page (%+.2f ms)" % (e[1] / t[1], e[1] - t[1]))
    if a.latency > 0:
        ceiling = a.concurrency / (a.latency / 1000.0)
        print("ceiling %10.1f pages/s (concurrency / latency); trawl reaches %.0f%%" % (ceiling, 100 * t[0] / ceiling))
    if not shutil.which("scrapy"):
        print("(Scrapy not installed: apt-get install python3-scrapy for the peer)")


def count_json(path):
    import json
    with open(path) as f:
        urls = [json.loads(line)["final_url"] for line in f if line.strip()]
    return len(urls), len(urls) - len(set(urls))


if __name__ == "__main__":
    sys.exit(main())
