# Sourced by the launchers: finds a module's runnable jar, building the project first when the
# jar is missing or older than any source, so that nobody runs yesterday's code by accident.
parley_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

parley_stale() {
  local jar="$1"
  [ -f "$jar" ] || return 0
  [ -n "$(find "$parley_root" -path "$parley_root/run" -prune -o \
      \( -path '*/src/*' -o -name pom.xml \) -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

parley_jar() {
  local module="$1"
  local jar="$parley_root/$module/target/parley-$module-0.1.0-SNAPSHOT-all.jar"
  if parley_stale "$jar"; then
    echo "parley: building (first run, or sources changed)..." >&2
    (cd "$parley_root" && mvn -B -q -ntp -DskipTests install >&2) || {
      echo "parley: build failed; run 'mvn -B verify' in $parley_root to see why" >&2
      exit 1
    }
  fi
  printf '%s\n' "$jar"
}
