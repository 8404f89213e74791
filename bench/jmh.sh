#!/usr/bin/env bash
# JMH benchmarks of the hot paths: bench/jmh.sh [JMH options, e.g. -f 1 -wi 3 -i 5 LinkExtraction]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/trawl-bench-classpath.sh"
exec "$JAVA_HOME/bin/java" -cp "$BENCH_CP" org.openjdk.jmh.Main "${@:--f 1 -wi 3 -w 2s -i 5 -r 2s}"
