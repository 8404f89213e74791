#!/usr/bin/env bash
# Does a polite crawl of many hosts leave a fetch slot idle while a host is due?
#   bench/idle-slots.sh [HOSTS=1000] [PAGES=6000] [DELAY_MS=4000] [WORKERS=128] [LATENCY_MS=50]
# Crawls the synthetic web in-process (hosts on 127.0.x.y) and reads the server's log; see
# trawl-bench/src/main/java/dev/trawl/bench/IdleSlots.java for what is measured.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
find_jdk || exit 1
cd "$root"
./mvnw -q -B -DskipTests -pl trawl-bench -am install >/dev/null
./mvnw -q -B -pl trawl-bench dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath >/dev/null
exec "$JAVA_HOME/bin/java" ${IDLE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -cp "trawl-bench/target/classes:$(cat trawl-bench/target/jmh.classpath)" \
  dev.trawl.bench.IdleSlots "$@"
