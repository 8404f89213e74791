#!/usr/bin/env python3
"""CPU per page of HTTP/2 against HTTP/1.1: trawl crawls one nginx over TLS both ways, alternating.

    bench/http2.py [--pages 3000] [--per-host 8] [--rounds 3]

Writes a site of PAGES pages (about 9 KB of HTML each, gzip on, as nginx serves documentation),
serves it with Debian's nginx on 127.0.0.30 over TLS with HTTP/2 offered (a self-signed
certificate given to trawl with --ca-cert), and crawls it whole with ./trawl as a user runs it:
robots.txt read, no delay, PER_HOST requests at once. Each round runs trawl once with HTTP/2
(the default) and once with --http1.1. Prints, per run, wall time, trawl's CPU (user + system,
the JVM's start included), its CPU per page, and nginx's CPU; then the best and the median of
each, and the ratios.
Needs: ./trawl's JDK, nginx (apt-get install nginx-light) and openssl.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import local_nginx
from e2e import ROOT, run_measured

ADDRESS = "127.0.0.30"


def write_site(root, pages):
    """Page i links to pages 10i+1 .. 10i+10 and back to the first ones: all reachable from /."""
    words = ("crawler politeness frontier robots sitemap fetcher parser virtual thread queue "
             "connection stream header cookie proxy certificate").split()
    text = " ".join(words[(i * 7) % len(words)] for i in range(600))
    with open(os.path.join(root, "robots.txt"), "w") as f:
        f.write("User-agent: *\nDisallow: /private/\n")
    for i in range(pages):
        links = "".join('<li><a href="/p%d.html">page %d</a></li>' % (j, j)
                        for j in list(range(10 * i + 1, 10 * i + 11)) + [0, 1, 2] if j < pages)
        html = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page %d</title>'
                '<link rel="stylesheet" href="/style.css"></head><body><nav><ul>%s</ul></nav>'
                '<main><h1>Page %d</h1><p>%s</p><p>%s</p></main></body></html>' % (i, links, i, text, text))
        with open(os.path.join(root, "p%d.html" % i), "w") as f:
            f.write(html)
    shutil.copy(os.path.join(root, "p0.html"), os.path.join(root, "index.html"))


def start_nginx(work, root):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-subj", "/CN=" + ADDRESS, "-addext", "subjectAltName=IP:" + ADDRESS, "-days", "2",
                    "-keyout", "key.pem", "-out", "cert.pem"], cwd=work, check=True, capture_output=True)
    port = local_nginx.free_port(ADDRESS)
    http = ("types { text/html html; text/plain txt; } gzip on; http2_max_concurrent_streams 128;"
            " server { listen %s:%d ssl http2; ssl_certificate %s/cert.pem; ssl_certificate_key %s/key.pem; root %s; }"
            % (ADDRESS, port, work, work, root))
    return local_nginx.serve(work, http, [(ADDRESS, port)]), port


def cpu_seconds(pid):
    """User + system CPU of a process and its children so far (nginx's master and its worker)."""
    total = 0.0
    for p in [pid] + [int(c) for c in open("/proc/%d/task/%d/children" % (pid, pid)).read().split()]:
        fields = open("/proc/%d/stat" % p).read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--pages", type=int, default=3000)
    p.add_argument("--per-host", type=int, default=8)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()

    subprocess.run([os.path.join(ROOT, "trawl"), "--version"], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="trawl-http2-")
    os.chmod(work, 0o755)  # nginx's worker may run as another user (nobody, when started by root)
    root = os.path.join(work, "site")
    os.mkdir(root)
    write_site(root, a.pages)
    master, port = start_nginx(work, root)
    seed = "https://%s:%d/" % (ADDRESS, port)
    print("nginx over TLS on %s, %d pages, %d per host, no delay" % (seed, a.pages, a.per_host))
    results = {"HTTP/2": [], "HTTP/1.1": []}
    try:
        for r in range(a.rounds):
            for name, flags in (("HTTP/2", []), ("HTTP/1.1", ["--http1.1"])):
                out = os.path.join(work, "out.jsonl")
                server_before = cpu_seconds(master.pid)
                seconds, cpu, rss = run_measured(
                    [os.path.join(ROOT, "trawl"), "-q", "--ca-cert", os.path.join(work, "cert.pem"), "--delay", "0",
                     "-w", str(a.per_host), "--per-host", str(a.per_host), "-o", out] + flags + [seed])
                server = cpu_seconds(master.pid) - server_before
                with open(out) as f:
                    lines = f.read().splitlines()
                pages = len(lines)
                spoken = {l.split('"http_version":"')[1].split('"')[0] for l in lines if '"http_version":"' in l}
                assert spoken == {name}, "asked for %s, the records say %s" % (name, spoken)
                results[name].append((seconds, cpu, pages, server))
                print("round %d %-8s %5d pages  %6.2f s  trawl CPU %6.2f s = %.3f ms/page  nginx CPU %5.2f s  RSS %d MB"
                      % (r + 1, name, pages, seconds, cpu, 1000 * cpu / pages, server, rss))
    finally:
        master.terminate()
        master.wait()
        shutil.rmtree(work, ignore_errors=True)

    for v in results.values():
        v.sort(key=lambda x: x[1] / x[2])
    for label, index in (("best", 0), ("median", (a.rounds - 1) // 2)):
        h2, h1 = results["HTTP/2"][index], results["HTTP/1.1"][index]
        print("%s: HTTP/2 %.3f ms/page, HTTP/1.1 %.3f ms/page of trawl CPU: HTTP/2 = %.2fx HTTP/1.1; wall %.2fx;"
              " nginx CPU %.2fx" % (label, 1000 * h2[1] / h2[2], 1000 * h1[1] / h1[2],
                                    (h2[1] / h2[2]) / (h1[1] / h1[2]), h2[0] / h1[0], h2[3] / h1[3]))


if __name__ == "__main__":
    sys.exit(main())
