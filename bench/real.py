#!/usr/bin/env python3
"""trawl against wget on real sites: corpus packages served by nginx as they are, crawled whole.

    bench/real.py CORPUS_DIR [--rounds 2] [--sites django,libstdc++,...] [--before CHECKOUT]

Serves each site of the corpus (scripts/corpus.sh) with Debian's nginx on its own loopback
address, as nginx serves a folder: Content-Type text/html with no charset, gzip on. After one
unmeasured crawl of each site with wget (so that no round reads the files from disk), crawls each
whole, alternating, with ./trawl (robots.txt read, no delay, 16 connections and 8 per host) and
with wget (one connection: --recursive --level=inf --spider -e robots=on --domains=ADDRESS), and
prints per site and crawler the pages, wall time, CPU (user + system; the JVM's start included
for trawl) and peak RSS of the best round by CPU, and trawl's ratios to wget. With --before, the
./trawl of another checkout (an earlier commit: git worktree add DIR COMMIT) crawls each site too,
in the same rounds, and a second table compares the two. Needs nginx (apt-get install
nginx-light), wget and ./trawl's JDK.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import local_nginx
from e2e import ROOT, run_measured

# name: (package, the site's folder in it, the start page)
SITES = {
    "django": ("python-django-doc", "usr/share/doc/python-django-doc/html", "/index.html"),
    "libstdc++": ("libstdc++-12-doc", "usr/share/doc/libstdc++-12-doc/libstdc++", "/index.html"),
    "debian-handbook": ("debian-handbook", "usr/share/doc/debian-handbook/html", "/en-US/index.html"),
    "apache": ("apache2-doc", "usr/share/doc/apache2-doc/manual", "/index.html"),
    "git": ("git-doc", "usr/share/doc/git-doc", "/index.html"),
    "sphinx": ("sphinx-doc", "usr/share/doc/sphinx-doc/html", "/index.html"),
}


def start_nginx(work, roots):
    """One nginx, one server per site on 127.0.0.(60 + i); returns the process and each site's URL base."""
    servers = []
    bases = {}
    listening = []
    for i, (name, root) in enumerate(roots.items()):
        address = "127.0.0.%d" % (60 + i)
        port = local_nginx.free_port(address)
        servers.append("server { listen %s:%d; root %s; }" % (address, port, root))
        bases[name] = "http://%s:%d" % (address, port)
        listening.append((address, port))
    http = ("include /etc/nginx/mime.types; default_type application/octet-stream;"
            " gzip on; gzip_types text/css application/javascript; " + " ".join(servers))
    return local_nginx.serve(work, http, listening), bases


def trawl_pages(out):
    with open(out) as f:
        return sum(1 for line in f if '"status":200' in line)


def wget_pages(log):
    """Pages wget downloaded, from its log (-nv: one 'URL:... [bytes/bytes] -> file' line per download)."""
    urls = set()
    with open(log, errors="replace") as f:
        for line in f:
            m = re.search(r"URL: ?(\S+) \[", line)
            if m and not m.group(1).endswith("robots.txt"):
                urls.add(m.group(1))
    return len(urls)


def wget(base, url, work):
    """wget's crawl of a site from url: (seconds, CPU seconds, peak RSS MB, pages)."""
    log = os.path.join(work, "wget.log")
    spider = os.path.join(work, "spider")
    w = run_measured(["wget", "--recursive", "--level=inf", "--spider", "-e", "robots=on", "-nv",
                      "-o", log, "-P", spider, "--domains=" + base[7:].split(":")[0], url],
                     ok=(0, 8)) + (wget_pages(log),)
    shutil.rmtree(spider, ignore_errors=True)
    return w


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--sites", default=",".join(SITES))
    p.add_argument("--before", help="another checkout whose ./trawl crawls each site too")
    a = p.parse_args()
    names = a.sites.split(",")
    trawls = {"trawl": os.path.join(ROOT, "trawl")}
    if a.before:
        trawls["before"] = os.path.join(os.path.abspath(a.before), "trawl")
    for launcher in trawls.values():
        subprocess.run([launcher, "--version"], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="trawl-real-")
    os.chmod(work, 0o755)  # nginx's worker may run as another user
    roots = {n: os.path.join(os.path.abspath(a.corpus), SITES[n][0], SITES[n][1]) for n in names}
    master, bases = start_nginx(work, roots)
    results = {}
    try:
        # Each site read once before the rounds: the first crawl of a site would otherwise pay
        # for reading its files from disk (seen as wall time without CPU, in round 1 only).
        for name in names:
            wget(bases[name], bases[name] + SITES[name][2], work)
        for r in range(a.rounds):
            for name in names:
                url = bases[name] + SITES[name][2]
                out = os.path.join(work, "trawl.jsonl")
                for crawler, launcher in trawls.items():
                    t = run_measured([launcher, "-q", "--delay", "0", "-w", "16", "--per-host", "8",
                                      "-o", out, url]) + (trawl_pages(out),)
                    results.setdefault((name, crawler), []).append(t)
                t = results[(name, "trawl")][-1]
                w = wget(bases[name], url, work)
                results.setdefault((name, "wget"), []).append(w)
                print("round %d %-16s trawl %5d pages %6.2f s %6.2f s CPU | wget %5d pages %6.2f s %6.2f s CPU"
                      % (r + 1, name, t[3], t[0], t[1], w[3], w[0], w[1]), flush=True)
    finally:
        master.terminate()
        master.wait()
        shutil.rmtree(work, ignore_errors=True)

    print()
    print("| site | pages trawl / wget | trawl wall | wget wall | trawl CPU | wget CPU | trawl RSS | wget RSS"
          " | CPU trawl/wget | wall trawl/wget |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in names:
        t = min(results[(name, "trawl")], key=lambda x: x[1])
        w = min(results[(name, "wget")], key=lambda x: x[1])
        print("| %s | %d / %d | %.2f s | %.2f s | %.2f s | %.2f s | %d MB | %d MB | %.2fx | %.2fx |"
              % (name, t[3], w[3], t[0], w[0], t[1], w[1], t[2], w[2], t[1] / w[1], t[0] / w[0]))
    if a.before:
        print()
        print("| site | CPU before | CPU now | now/before | wall before | wall now | CPU before/wget | CPU now/wget |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name in names:
            b = min(results[(name, "before")], key=lambda x: x[1])
            t = min(results[(name, "trawl")], key=lambda x: x[1])
            w = min(results[(name, "wget")], key=lambda x: x[1])
            print("| %s | %.2f s | %.2f s | %.2f | %.2f s | %.2f s | %.2fx | %.2fx |"
                  % (name, b[1], t[1], t[1] / b[1], b[0], t[0], b[1] / w[1], t[1] / w[1]))


if __name__ == "__main__":
    sys.exit(main())
