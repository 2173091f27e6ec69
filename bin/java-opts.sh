# Sourced by the launchers (./nymdir and the distribution's nymdir): sets the array java_opts from
# NYMDIR_JAVA_OPTS (heap, GC and other JVM options, split on spaces), e.g. NYMDIR_JAVA_OPTS="-Xmx256m".
# The JVM starts before nymdir reads its .env, so the launcher reads this one line itself, the way nymdir
# reads the rest: from --env-file FILE if given, else ./.env, value taken literally, the file winning over
# the environment. Without it the JVM's defaults apply (heap: a quarter of the machine's memory).
nymdir_java_opts() {
  local env_file=".env" prev="" a line value="${NYMDIR_JAVA_OPTS:-}"
  for a in "$@"; do
    case "$a" in
      --env-file=*) env_file="${a#--env-file=}" ;;
      *) [ "$prev" = "--env-file" ] && env_file="$a" ;;
    esac
    prev="$a"
  done
  if [ -f "$env_file" ] && [ -r "$env_file" ]; then
    line="$(grep -E '^[[:space:]]*NYMDIR_JAVA_OPTS=' "$env_file" | tail -n 1 || true)"
    [ -n "$line" ] && value="${line#*NYMDIR_JAVA_OPTS=}"
  fi
  # shellcheck disable=SC2206 # word splitting is the point: one option per word
  java_opts=($value)
}
