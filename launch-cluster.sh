#!/usr/bin/env bash
# Starts the local Parley cluster: node-a (clients 8080, S2S 5050, web 8443, voice 7070/udp) and node-b
# (clients 2020, S2S 5051, web 2443, voice 7071/udp), linked, from config/, each with its data and log
# under run/NAME/ (node.log, kept across starts and rolled over; PARLEY_LOG_FORMAT=json for JSON lines).
#
#   ./launch-cluster.sh          build if needed, start the nodes, stay in the foreground; Ctrl-C stops them
#   ./launch-cluster.sh start    start them in the background and return once they are ready
#   ./launch-cluster.sh stop     stop every node this script started
#   ./launch-cluster.sh status   say which are running
#   --nodes N                    (with run or start) N nodes in a line: node-c on 2021/5052/2444 linked
#                                to node-b, node-d on 2022/5053/2445 linked to node-c, and so on (N <= 26)
# Each node's ready line names its ports and its web URLs (https://..., and wss://.../ws for web clients),
# then the address of its web client, to open in a browser; then one line lists every node's voice
# port (UDP; node-c and later take any free one).
# Federation is closed: before starting, it asks each node for its key fingerprint (`parley-node
# fingerprint`, which makes the key on first use) and gives each node its neighbours' fingerprints.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
cd "$root"
source bin/lib/jar.sh
run_dir="$root/run"
command="run"
count=2
while [ $# -gt 0 ]; do
  case "$1" in
    start|stop|status|run|help|-h|--help) command="$1" ;;
    --nodes)
      [ $# -ge 2 ] || { echo "--nodes needs a number" >&2; exit 2; }
      count="$2"; shift ;;
    --nodes=*) count="${1#--nodes=}" ;;
    *) echo "usage: ./launch-cluster.sh [start|stop|status] [--nodes N]" >&2; exit 2 ;;
  esac
  shift
done
if ! [[ "$count" =~ ^[0-9]+$ ]] || [ "$count" -lt 1 ] || [ "$count" -gt 26 ]; then
  echo "--nodes must be a number from 1 to 26, got '$count'" >&2
  exit 2
fi
letters=(a b c d e f g h i j k l m n o p q r s t u v w x y z)
nodes=()
for ((i = 0; i < count; i++)); do nodes+=("node-${letters[$i]}"); done
if [ "$command" = stop ] || [ "$command" = status ]; then
  # Whatever was started, however many.
  nodes=()
  for dir in "$run_dir"/node-*; do [ -f "$dir/pid" ] && nodes+=("$(basename "$dir")"); done
  [ ${#nodes[@]} -gt 0 ] || nodes=(node-a node-b)
fi

# The config of a node: config/NAME.json for node-a and node-b, generated under run/ for the rest
# (the i-th letter, from 0: clients on 2019+i, S2S on 5050+i, web on 2442+i, linked to the node before it).
config_of() {
  local name="$1" i
  if [ -f "config/$name.json" ]; then echo "config/$name.json"; return; fi
  for ((i = 0; i < 26; i++)); do [ "node-${letters[$i]}" = "$name" ] && break; done
  mkdir -p "$run_dir/$name"
  cat > "$run_dir/$name/node.json" <<JSON
{
  "name": "$name",
  "network": { "host": "127.0.0.1", "port": $((2019 + i)), "s2sPort": $((5050 + i)) },
  "web": { "port": $((2442 + i)) },
  "storage": { "dataDir": "run/$name/data" },
  "federation": { "peers": ["127.0.0.1:$((5049 + i))"] }
}
JSON
  echo "$run_dir/$name/node.json"
}

# The fingerprint of a node's key, made in its data folder if it has none yet.
fingerprint_of() {
  java -Xmx64m -jar "$node_jar" fingerprint --config "$(config_of "$1")"
}

# Flags giving node number $1 (from 0) the fingerprints of its neighbours in the line, from the
# array fingerprints; a node links only with the nodes it has a fingerprint for.
neighbour_flags() {
  local i="$1" j
  for j in $((i - 1)) $((i + 1)); do
    if [ "$j" -ge 0 ] && [ "$j" -lt ${#nodes[@]} ]; then
      printf -- '--peer-fingerprint\n%s=%s\n' "${nodes[$j]}" "${fingerprints[$j]}"
    fi
  done
}

pid_of() { cat "$run_dir/$1/pid" 2>/dev/null || true; }
alive() { local pid; pid="$(pid_of "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

start_node() {
  local name="$1" i="$2" trust
  mkdir -p "$run_dir/$name"
  # node-a's and node-b's configs name run/NAME/media as their video library: made here if missing.
  [ -f "config/$name.json" ] && mkdir -p "$run_dir/$name/media"
  if alive "$name"; then
    echo "$name is already running (pid $(pid_of "$name"))"
    return
  fi
  # The log (node.log) is kept across starts and rolled over by logback (daily and at 50 MB, old ones
  # gzipped beside it); console.out holds only this start's ready line and anything the JVM prints itself.
  : > "$run_dir/$name/console.out"
  mapfile -t trust < <(neighbour_flags "$i")
  # setsid: the node outlives this script in `start` mode and gets its own Ctrl-C handling.
  setsid java -Xmx512m ${PARLEY_JAVA_OPTS:-} -Dlogback.configurationFile="$root/config/logback.xml" \
      -Dparley.log.file="$run_dir/$name/node.log" ${PARLEY_LOG_FORMAT:+-Dparley.log.format=$PARLEY_LOG_FORMAT} \
      -jar "$node_jar" --config "$(config_of "$name")" "${trust[@]}" > "$run_dir/$name/console.out" 2>&1 < /dev/null &
  echo $! > "$run_dir/$name/pid"
}

await_ready() {
  local name="$1" deadline=$((SECONDS + 60))
  until grep -q "ready: clients on" "$run_dir/$name/console.out" 2>/dev/null; do
    if ! alive "$name"; then
      echo "$name failed to start; it said:" >&2
      tail -n 5 "$run_dir/$name/console.out" >&2
      echo "and the end of run/$name/node.log says:" >&2
      tail -n 5 "$run_dir/$name/node.log" >&2 2>/dev/null || true
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "$name did not become ready within 60 s; see run/$name/node.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "$(grep -m1 'ready: clients on' "$run_dir/$name/console.out")  (log: run/$name/node.log)"
  local page
  page="$(grep -m1 -o 'web on [^ ]*' "$run_dir/$name/console.out" | cut -d' ' -f3)"
  echo "  $name's web client: $page/ (a browser asks once to accept the node's self-signed certificate)"
}

# One line with every node's voice port (UDP), as its ready line names it: voice (UDP): node-a 127.0.0.1:7070, ...
print_voice_ports() {
  local n address listed=""
  for n in "${nodes[@]}"; do
    address="$(grep -m1 -o 'voice on [^ ]*' "$run_dir/$n/console.out" 2>/dev/null | sed 's/^voice on //')"
    listed="${listed:+$listed, }$n ${address:-unknown}"
  done
  echo "voice (UDP): $listed"
}

stop_node() {
  local name="$1" pid
  pid="$(pid_of "$name")"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$run_dir/$name/pid"
    return
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name did not stop within 10 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$run_dir/$name/pid"
  echo "$name stopped"
}

start_all() {
  node_jar="$(parley_jar node)"
  local i fingerprint
  fingerprints=()
  for ((i = 0; i < ${#nodes[@]}; i++)); do
    fingerprint="$(fingerprint_of "${nodes[$i]}")" || { echo "cannot read or make the key of ${nodes[$i]}" >&2; exit 1; }
    fingerprints+=("$fingerprint")
  done
  for ((i = 0; i < ${#nodes[@]}; i++)); do start_node "${nodes[$i]}" "$i"; done
  for n in "${nodes[@]}"; do
    await_ready "$n" || { for m in "${nodes[@]}"; do stop_node "$m" >/dev/null; done; exit 1; }
  done
  print_voice_ports
}

stop_all() { for n in "${nodes[@]}"; do stop_node "$n"; done; }

any_alive() { local n; for n in "${nodes[@]}"; do alive "$n" && return 0; done; return 1; }

case "$command" in
  start)
    start_all
    echo "cluster started; stop it with ./launch-cluster.sh stop"
    ;;
  stop)
    stop_all
    ;;
  status)
    code=0
    for n in "${nodes[@]}"; do
      if alive "$n"; then echo "$n running (pid $(pid_of "$n"))"; else echo "$n stopped"; code=3; fi
    done
    exit $code
    ;;
  run)
    trap 'echo; stop_all; exit 0' INT TERM
    start_all
    echo "cluster running; try: bin/parley --user alice  (Ctrl-C here stops the cluster)"
    while any_alive; do sleep 1; done
    echo "every node has exited" >&2
    exit 1
    ;;
  -h|--help|help)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    ;;
esac
