#!/usr/bin/env python3
"""Picks the fixed sample of the corpus that the tests read: a few pages of each package.

    scripts/corpus-sample.py CORPUS_DIR OUT_DIR [--per-package 8] [--max-kb 96]

CORPUS_DIR is what scripts/corpus.sh made. From each package's HTML files (sorted by path),
takes PER_PACKAGE evenly spaced ones of at most MAX_KB, copies them to OUT_DIR/<package>/ with
their path flattened, and the package's copyright file beside them; OUT_DIR/SOURCES.tsv says
where each page came from. Run again on the same corpus, it picks the same pages.
"""
import argparse
import os
import shutil


def html_files(root):
    found = []
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if f.endswith((".html", ".htm", ".html.en")) and os.path.isfile(p) and not os.path.islink(p):
                found.append(p)
    return sorted(found)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("corpus")
    a.add_argument("out")
    a.add_argument("--per-package", type=int, default=8)
    a.add_argument("--max-kb", type=int, default=96)
    args = a.parse_args()
    manifest = [line.split() for line in open(os.path.join(args.corpus, "MANIFEST")) if line.strip()]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "SOURCES.tsv"), "w") as sources:
        sources.write("file\tpackage\tversion\tgenerator\tpath in the package\n")
        for package, version, generator, _ in manifest:
            root = os.path.join(args.corpus, package)
            small = [p for p in html_files(root) if os.path.getsize(p) <= args.max_kb * 1024]
            step = max(1, len(small) // args.per_package)
            picked = small[::step][: args.per_package]
            target = os.path.join(args.out, package)
            os.makedirs(target, exist_ok=True)
            copyright = os.path.join(root, "usr/share/doc", package, "copyright")
            if os.path.exists(copyright):
                shutil.copy(copyright, os.path.join(target, "copyright"))
            for p in picked:
                rel = os.path.relpath(p, root)
                name = rel.replace("usr/share/doc/", "").replace("/", "_")
                if not name.endswith((".html", ".htm")):
                    name += ".html"
                shutil.copy(p, os.path.join(target, name))
                sources.write("%s/%s\t%s\t%s\t%s\t/%s\n" % (package, name, package, version, generator, rel))


if __name__ == "__main__":
    main()
