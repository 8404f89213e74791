#!/usr/bin/env python3
"""What a re-crawl costs against the first pass: trawl crawls one nginx with --state, then --recrawl twice.

    bench/recrawl.py [--pages 5000] [--per-host 8]

Serves the site of bench/http2.py (PAGES pages of about 9 KB, nginx over TLS on 127.0.0.30,
ETag and Last-Modified sent by nginx) and runs ./trawl as a user runs it: the first pass with
--state, then two passes with --recrawl over the unchanged site (every page answered 304).
Prints wall time, CPU (user + system, the JVM's start included) and peak RSS of each.
Needs: ./trawl's JDK, nginx (apt-get install nginx-light) and openssl.
"""
import argparse
import os
import shutil
import sys
import tempfile

from e2e import ROOT, run_measured
from http2 import ADDRESS, start_nginx, write_site


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--pages", type=int, default=5000)
    p.add_argument("--per-host", type=int, default=8)
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="trawl-recrawl-")
    os.chmod(work, 0o755)  # nginx's worker may run as another user
    root = os.path.join(work, "site")
    os.mkdir(root)
    write_site(root, a.pages)
    master, port = start_nginx(work, root)
    trawl = [os.path.join(ROOT, "trawl"), "-q", "--ca-cert", os.path.join(work, "cert.pem"), "--delay", "0",
             "-w", str(a.per_host), "--per-host", str(a.per_host), "--state", os.path.join(work, "crawl.db")]
    print("nginx over TLS on %s:%d, %d pages, %d per host, no delay" % (ADDRESS, port, a.pages, a.per_host))
    try:
        for name, flags in (("first pass", []), ("re-crawl", ["--recrawl"]), ("re-crawl", ["--recrawl"])):
            seconds, cpu, rss = run_measured(trawl + flags + ["https://%s:%d/" % (ADDRESS, port)])
            print("%-10s %6.2f s wall  %6.2f s CPU  %4d MB RSS" % (name, seconds, cpu, rss))
    finally:
        master.terminate()
        master.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
