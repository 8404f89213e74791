#!/usr/bin/env python3
"""Shared-crawl benchmark: 1, 2 and 3 trawl processes on one crawl through Redis, same site.

    bench/shared.py [--processes 1,2,3] [--hosts 50] [--pages 6000] [--latency 100] [--workers 16] [--per-host 4]

Starts a redis-server (the Debian package) on a free loopback port and the synthetic web
(trawl-testweb) with per-response latency, so that waiting on the network dominates; then for
each process count runs that many `trawl --frontier redis://...` processes on a new crawl with
the same page budget, each with --workers workers, and prints: wall time, pages/s (wall, and
between the first and last fetch), the ceiling processes * workers / latency, duplicate fetches,
what Redis did per crawled page: script calls (EVALSHA), PUBLISH messages, and every command
run including those inside scripts; Redis memory per URL seen (the crawl's keys); and how busy the machine's CPUs were meanwhile (all of
them: trawl, the synthetic web and Redis share this machine).
"""
import argparse
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def redis_cli(port, *args):
    return subprocess.run(["redis-cli", "-p", str(port)] + list(args), check=True, capture_output=True,
                          text=True).stdout


def command_stats(port):
    calls = {}
    for m in re.finditer(r"cmdstat_([a-z|]+):calls=(\d+)", redis_cli(port, "info", "commandstats")):
        calls[m.group(1)] = int(m.group(2))
    return calls


def used_memory(port):
    return int(re.search(r"used_memory:(\d+)", redis_cli(port, "info", "memory")).group(1))


def cpu_busy():
    """(busy, total) jiffies of the whole machine so far, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def fetched_at(line):
    return datetime.fromisoformat(json.loads(line)["fetched_at"][:26].rstrip("Z")).timestamp()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--processes", default="1,2,3")
    p.add_argument("--hosts", type=int, default=50)
    p.add_argument("--pages", type=int, default=6000)
    p.add_argument("--latency", type=int, default=100)
    p.add_argument("--workers", type=int, default=16)
    p.add_argument("--per-host", type=int, default=4)
    a = p.parse_args()
    if not shutil.which("redis-server"):
        sys.exit("needs redis-server: apt-get install redis-server")

    subprocess.run([os.path.join(ROOT, "trawl"), "--version"], check=True, stdout=subprocess.DEVNULL)
    java_home = subprocess.run(["bash", "-c", ". scripts/find-jdk.sh && find_jdk && echo $JAVA_HOME"], cwd=ROOT,
                               check=True, capture_output=True, text=True).stdout.strip()
    java = os.path.join(java_home, "bin", "java")
    jar = os.path.join(ROOT, "trawl-cli", "target", "trawl.jar")
    work = tempfile.mkdtemp(prefix="trawl-shared-")
    port = free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", work], stdout=subprocess.DEVNULL)
    web = subprocess.Popen([java, "-Xmx2g", "-cp", jar, "dev.trawl.testweb.SyntheticWebServer", str(a.hosts),
                            str(a.pages * 2), str(a.latency)], stdout=subprocess.PIPE, text=True)
    try:
        seed, reachable = web.stdout.readline().split()
        for _ in range(100):
            try:
                redis_cli(port, "ping")
                break
            except subprocess.CalledProcessError:
                time.sleep(0.1)
        hosts = ",".join("127.0.0.%d" % (10 + h) for h in range(a.hosts))
        target = min(a.pages, int(reachable))
        print("synthetic web: %d hosts, %s reachable URLs, latency %d ms; %d pages per crawl, %d workers per "
              "process, %d per host; redis-server on 127.0.0.1:%d" % (a.hosts, reachable, a.latency, target,
                                                                    a.workers, a.per_host, port))
        print("%-9s %7s %8s %11s %8s %5s %11s %11s %11s %9s %11s" % (
            "processes", "wall s", "pages/s", "fetching/s", "ceiling", "dups", "scripts/pg", "publish/pg",
            "commands/pg", "CPU busy", "Redis B/URL"))
        for n in [int(x) for x in a.processes.split(",")]:
            crawl = "redis://127.0.0.1:%d/bench-%d-%d" % (port, n, int(time.time()))
            redis_cli(port, "config", "resetstat")
            memory0 = used_memory(port)
            outs = [os.path.join(work, "out-%d-%d.jsonl" % (n, i)) for i in range(n)]
            start = time.monotonic()
            busy0, total0 = cpu_busy()
            procs = [subprocess.Popen([os.path.join(ROOT, "trawl"), "-q", "--no-robots",
                                       "--delay", "0", "--retries", "0", "-w", str(a.workers), "--per-host",
                                       str(a.per_host), "-n", str(target), "-d", hosts, "--frontier", crawl,
                                       "-o", out, seed], stdout=subprocess.DEVNULL) for out in outs]
            for proc in procs:
                if proc.wait() != 0:
                    sys.exit("a trawl process failed")
            wall = time.monotonic() - start
            busy1, total1 = cpu_busy()
            stats = command_stats(port)
            if os.environ.get("TRAWL_BENCH_DEBUG"):
                print(sorted(stats.items(), key=lambda kv: -kv[1])[:14])
            status = subprocess.run([java, "-jar", jar, "status", "--frontier", crawl], check=True,
                                    capture_output=True, text=True).stdout
            pages = int(re.search(r"pages\s+([\d,]+) done", status).group(1).replace(",", ""))
            seen = int(re.search(r"URLs\s+([\d,]+) seen", status).group(1).replace(",", ""))
            per_url = (used_memory(port) - memory0) / seen
            lines = [line for out in outs for line in open(out) if line.strip()]
            urls = [json.loads(line)["url"] for line in lines]
            times = sorted(fetched_at(line) for line in lines)
            ceiling = n * a.workers / (a.latency / 1000.0)
            print("%-9d %7.1f %8.1f %11.1f %8.0f %5d %11.2f %11.2f %11.1f %8.0f%% %11.0f" % (
                n, wall, pages / wall, len(lines) / max(times[-1] - times[0], 1e-9), ceiling,
                len(urls) - len(set(urls)), stats.get("evalsha", 0) / pages, stats.get("publish", 0) / pages,
                sum(v for k, v in stats.items() if k not in ("config|resetstat", "info")) / pages,
                100.0 * (busy1 - busy0) / max(total1 - total0, 1), per_url))
    finally:
        web.kill()
        redis.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
