#!/usr/bin/env bash
# Heap held by the frontier: bench/frontier-memory.sh N [sqlite|memory|seen]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
find_jdk || exit 1
cd "$root"
./mvnw -q -B -DskipTests -pl trawl-sqlite -am install >/dev/null
./mvnw -q -B -pl trawl-sqlite test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx${BENCH_HEAP:-3g} -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
  -cp "trawl-sqlite/target/test-classes:trawl-sqlite/target/classes:$(cat trawl-sqlite/target/bench.classpath)" \
  dev.trawl.sqlite.FrontierMemoryBench "$@"
