# Sourced by ./nymdir and ./run-tests: exports JAVA_HOME pointing at the newest JDK >= 21 found in
# JAVA_HOME, on the PATH, or under /usr/lib/jvm.
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'; }

find_java_home() {
  local candidates=() d best="" best_major=0 c m
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/*; do [ -d "$d" ] && candidates+=("$d"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    m="$(java_major "$c/bin/java")"
    [[ "$m" =~ ^[0-9]+$ ]] || continue
    if [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="$c"; best_major="$m"; fi
  done
  [ -n "$best" ] || { echo "nymdir: no JDK >= 21 found; install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME" >&2; return 1; }
  echo "$best"
}

JAVA_HOME="$(find_java_home)" || exit 1
export JAVA_HOME
# Maven's own Guice uses sun.misc.Unsafe, which JDK 24+ warns about on every build; silence just that.
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
