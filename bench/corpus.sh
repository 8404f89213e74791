#!/usr/bin/env bash
# The streaming extractor on real pages: per generator, the share the scanner reads itself,
# pages whose result differs from jsoup's (0 is the rule), and the MB/s of both extractors.
#   bench/corpus.sh [CORPUS_DIR=target/corpus] [PAGES_PER_PACKAGE=2000]
# Downloads the corpus first (scripts/corpus.sh: Debian's documentation packages).
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
dir=${1:-$here/../target/corpus}
"$here/../scripts/corpus.sh" "$dir" >/dev/null
dir=$(cd "$dir" && pwd)
. "$here/trawl-bench-classpath.sh"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$BENCH_CP" dev.trawl.parse.CorpusCoverage "$dir" "${2:-2000}"
