# Sourced by the benchmark scripts: finds a JDK, builds trawl-bench, sets BENCH_CP to its classpath.
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
find_jdk || exit 1
cd "$root"
./mvnw -q -B -DskipTests -pl trawl-bench -am install >/dev/null
./mvnw -q -B -pl trawl-bench dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath >/dev/null
BENCH_CP="trawl-bench/target/classes:$(cat trawl-bench/target/jmh.classpath)"
