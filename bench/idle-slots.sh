#!/usr/bin/env bash
# Does a polite crawl of many hosts leave a fetch slot idle while a host is due?
#   bench/idle-slots.sh [HOSTS=1000] [PAGES=6000] [DELAY_MS=4000] [WORKERS=128] [LATENCY_MS=50]
# Crawls the synthetic web (served by a child process, hosts on 127.0.x.y) with the launcher's
# JVM flags (IDLE_JAVA_OPTS replaces them); trawl-bench/.../IdleSlots.java says what is measured.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/trawl-bench-classpath.sh"
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${IDLE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -cp "$BENCH_CP" \
  dev.trawl.bench.IdleSlots "$@"
