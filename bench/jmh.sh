#!/usr/bin/env bash
# JMH benchmarks of the hot paths: bench/jmh.sh [JMH options, e.g. -f 1 -wi 3 -i 5 LinkExtraction]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
find_jdk || exit 1
cd "$root"
./mvnw -q -B -DskipTests -pl trawl-bench -am install >/dev/null
./mvnw -q -B -pl trawl-bench dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath >/dev/null
exec "$JAVA_HOME/bin/java" -cp "trawl-bench/target/classes:$(cat trawl-bench/target/jmh.classpath)" \
  org.openjdk.jmh.Main "${@:--f 1 -wi 3 -w 2s -i 5 -r 2s}"
