# Sourced by ./trawl, ./run-tests and .ci/run: sets JAVA_HOME to a JDK 21 or newer, JDK_MAJOR to its version.
# Looks at JAVA_HOME, then the java on PATH, then /usr/lib/jvm/*; says what to do if none fits.

java_major() {
  # Prints the major version of the JDK at $1, or nothing if its java does not run. The JDK's
  # release file says it without starting a JVM (each start costs a few tenths of a CPU second).
  local v
  v=$(sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release" 2>/dev/null | head -n 1)
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

jdk_ok() {
  # True when $1 is a JDK home (java and javac) of version 21 or newer; sets JDK_MAJOR to it.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v
  v=$(java_major "$1")
  [ -n "$v" ] && [ "$v" -ge 21 ] && JDK_MAJOR=$v
}

find_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if jdk_ok "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    if jdk_ok "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "trawl: needs a JDK 21 or newer, and found none (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
  echo "trawl: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
  return 1
}
