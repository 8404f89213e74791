#!/usr/bin/env bash
# trawl against wget on real sites (bench/real.py says what is measured):
#   bench/real.sh [CORPUS_DIR=target/corpus] [bench/real.py options, e.g. --rounds 3 --sites django,apache]
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
dir=${1:-$here/../target/corpus}
shift || true
"$here/../scripts/corpus.sh" "$dir" >/dev/null
exec python3 "$here/real.py" "$dir" "$@"
