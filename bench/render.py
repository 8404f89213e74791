#!/usr/bin/env python3
"""Rendering with --render: pages/s, CPU per page and browser memory with 1, 4 and 8 tabs, and what
--render auto costs on a site that needs no rendering.

    bench/render.py [--pages 300] [--plain-pages 3000] [--tabs 1,4,8] [--long 0]

Writes two sites, of PAGES and PLAIN_PAGES pages, and serves them with Debian's nginx on loopback: on one,
every page's links are written by a script from a JSON file it fetches (so each rendered page
makes two requests); the other has the same links in its HTML. Crawls the scripted site whole
with ./trawl --render and each tab count, then the plain site three ways: without --render,
and with --render auto. No delay, robots.txt read, 8 per host. Prints, per run,
wall time, pages/s, CPU (user + system of trawl, its browsers and their drivers, the JVM's and
the browsers' start included) per page, and the browsers' peak memory (PSS of every Chromium
and Node.js process of the run, sampled twice a second). With --long N, also renders an N-page
scripted site with 4 tabs and prints the browsers' memory and trawl's RSS every 500 pages
(each tab's browser is replaced every 200 pages).
Needs: ./trawl's JDK, nginx (apt-get install nginx-light), chromium, Node.js 20+.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time

import local_nginx
from e2e import ROOT

SCRIPTED, PLAIN = "127.0.0.31", "127.0.0.32"


def links_of(i, pages):
    return ["/p%d.html" % j for j in list(range(3 * i + 1, 3 * i + 4)) + [0] if j < pages]


def write_sites(root, pages, plain_pages):
    text = "<p>" + " ".join("word%d" % (k % 97) for k in range(300)) + "</p>"
    for site in ("scripted", "plain"):
        os.makedirs(os.path.join(root, site, "data"))
    head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Page %d</title></head><body><main>%s</main>'
    for i in range(plain_pages):
        with open(os.path.join(root, "plain", "p%d.html" % i), "w") as f:
            f.write(head % (i, text) + "".join('<a href="%s">%s</a> ' % (h, h) for h in links_of(i, plain_pages))
                    + "</body></html>")
    for i in range(pages):
        page = head % (i, text)
        with open(os.path.join(root, "scripted", "p%d.html" % i), "w") as f:
            f.write(page + "<nav id=nav></nav><script>fetch('/data/%d.json').then(r => r.json()).then(hs => {"
                    " const nav = document.getElementById('nav');"
                    " for (const h of hs) { const a = document.createElement('a'); a.href = h; a.textContent = h;"
                    " nav.appendChild(a); } })</script></body></html>" % i)
        with open(os.path.join(root, "scripted", "data", "%d.json" % i), "w") as f:
            json.dump(links_of(i, pages), f)
    for site in ("scripted", "plain"):
        os.link(os.path.join(root, site, "p0.html"), os.path.join(root, site, "index.html"))


def descendants(pid):
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(c) for t in os.listdir("/proc/%d/task" % p)
                    for c in open("/proc/%d/task/%s/children" % (p, t)).read().split()]
        except OSError:
            continue
        found += kids
        todo += kids
    return found


def kb(pid, field, name):
    try:
        for line in open("/proc/%d/%s" % (pid, name)):
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def browser_pss_mb(pid):
    """PSS of the run's Chromium and Node.js processes (the browsers and Playwright's drivers)."""
    total = 0
    for p in descendants(pid):
        try:
            comm = open("/proc/%d/comm" % p).read().strip()
        except OSError:
            continue
        if comm.startswith("chrom") or comm == "node":
            total += kb(p, "Pss:", "smaps_rollup")
    return total / 1024


def measure(cmd, every=None, out=None):
    """Runs cmd; returns (seconds, CPU seconds of it and all its descendants, peak browser PSS MB).
    Run in a fresh process (see main), so that RUSAGE_CHILDREN is this run's alone."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0.0]

    def sample():
        shown = 0
        while proc.poll() is None:
            pss = browser_pss_mb(proc.pid)
            peak[0] = max(peak[0], pss)
            if every and out and os.path.exists(out):
                with open(out) as f:
                    n = sum(1 for _ in f)
                if n >= shown + every:
                    shown = n - n % every
                    print("  %5d pages: browsers %4.0f MB PSS, trawl %4.0f MB RSS"
                          % (n, pss, kb(proc.pid, "VmRSS:", "status") / 1024), flush=True)
            time.sleep(0.5)

    t = threading.Thread(target=sample)
    t.start()
    code = proc.wait()
    t.join()
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 0:
        raise SystemExit("exit %d: %s" % (code, " ".join(cmd)))
    return time.monotonic() - start, r.ru_utime + r.ru_stime, peak[0]


def run(label, seed, extra, out, every=None):
    cmd = [os.path.join(ROOT, "trawl"), "-q", "--delay", "0", "--per-host", "8", "-w", "16", "-o", out] + extra + [seed]
    args = [sys.executable, os.path.abspath(__file__), "--measure", json.dumps([cmd, every, out])]
    res = subprocess.run(args, check=True, capture_output=True, text=True)
    lines = res.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(line)
    seconds, cpu, pss = map(float, lines[-1].split())
    with open(out) as f:
        records = [json.loads(line) for line in f]
    pages = len(records)
    rendered = sum(1 for r in records if r.get("rendered"))
    print("%-26s %5d pages (%4d rendered) %6.1f s %6.1f pages/s %6.1f ms CPU/page  browsers %5.0f MB"
          % (label, pages, rendered, seconds, pages / seconds, 1000 * cpu / pages, pss), flush=True)
    return seconds, cpu, pages


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        cmd, every, out = json.loads(sys.argv[2])
        print("%f %f %f" % measure(cmd, every, out))
        return
    p = argparse.ArgumentParser()
    p.add_argument("--pages", type=int, default=300)
    p.add_argument("--plain-pages", type=int, default=3000)
    p.add_argument("--tabs", default="1,4,8")
    p.add_argument("--long", type=int, default=0)
    a = p.parse_args()

    subprocess.run([os.path.join(ROOT, "trawl"), "--version"], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="trawl-render-")
    os.chmod(work, 0o755)  # nginx's worker may run as another user (nobody, when started by root)
    root = os.path.join(work, "sites")
    write_sites(root, a.pages, a.plain_pages)
    ports = {h: local_nginx.free_port(h) for h in (SCRIPTED, PLAIN)}
    http = ("types { text/html html; application/json json; } gzip on; gzip_types application/json;"
            + "".join(" server { listen %s:%d; root %s/%s; }" % (h, ports[h], root, s)
                      for h, s in ((SCRIPTED, "scripted"), (PLAIN, "plain"))))
    master = local_nginx.serve(work, http, list(ports.items()))
    scripted = "http://%s:%d/" % (SCRIPTED, ports[SCRIPTED])
    plain = "http://%s:%d/" % (PLAIN, ports[PLAIN])
    out = os.path.join(work, "out.jsonl")
    try:
        print("scripted site %d pages, plain site %d, nginx on loopback; %s, %d cores"
              % (a.pages, a.plain_pages, os.uname().machine, os.cpu_count()))
        for tabs in [int(t) for t in a.tabs.split(",")]:
            run("--render, %d tab%s" % (tabs, "" if tabs == 1 else "s"), scripted,
                ["--render", "--render-tabs", str(tabs)], out)
        base = run("plain site, no --render", plain, [], out)
        auto = run("plain site, --render auto", plain, ["--render", "auto"], out)
        print("--render auto on the plain site: %.2fx the wall time, %.2fx the CPU of no --render"
              % (auto[0] / base[0], auto[1] / base[1]))
        if a.long:
            write_long = os.path.join(work, "long")
            write_sites(write_long, a.long, 1)
            master.terminate()
            master.wait()
            http = http.replace("%s/scripted" % root, "%s/scripted" % write_long)
            master = local_nginx.serve(work, http, list(ports.items()))
            run("--render, 4 tabs, long", scripted, ["--render"], out, every=500)
    finally:
        master.terminate()
        master.wait()


if __name__ == "__main__":
    main()
