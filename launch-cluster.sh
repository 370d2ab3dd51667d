#!/usr/bin/env bash
# Starts the local Parley cluster: node-a (clients 8080, S2S 5050) and node-b (clients 2020,
# S2S 5051), from config/, each with its data and log under run/NAME/.
#
#   ./launch-cluster.sh          build if needed, start both, stay in the foreground; Ctrl-C stops them
#   ./launch-cluster.sh start    start both in the background and return once they are ready
#   ./launch-cluster.sh stop     stop both
#   ./launch-cluster.sh status   say which are running
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
cd "$root"
source bin/lib/jar.sh
nodes=(node-a node-b)
run_dir="$root/run"

pid_of() { cat "$run_dir/$1/pid" 2>/dev/null || true; }
alive() { local pid; pid="$(pid_of "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

start_node() {
  local name="$1"
  mkdir -p "$run_dir/$name"
  if alive "$name"; then
    echo "$name is already running (pid $(pid_of "$name"))"
    return
  fi
  : > "$run_dir/$name/node.log"
  # setsid: the node outlives this script in `start` mode and gets its own Ctrl-C handling.
  setsid java -Xmx512m -Dlogback.configurationFile="$root/config/logback.xml" -jar "$node_jar" \
      --config "config/$name.json" >> "$run_dir/$name/node.log" 2>&1 < /dev/null &
  echo $! > "$run_dir/$name/pid"
}

await_ready() {
  local name="$1" deadline=$((SECONDS + 60))
  until grep -q "ready: clients on" "$run_dir/$name/node.log" 2>/dev/null; do
    if ! alive "$name"; then
      echo "$name failed to start; the end of run/$name/node.log says:" >&2
      tail -n 5 "$run_dir/$name/node.log" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "$name did not become ready within 60 s; see run/$name/node.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "$(grep -m1 'ready: clients on' "$run_dir/$name/node.log")  (log: run/$name/node.log)"
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
  for n in "${nodes[@]}"; do start_node "$n"; done
  for n in "${nodes[@]}"; do
    await_ready "$n" || { for m in "${nodes[@]}"; do stop_node "$m" >/dev/null; done; exit 1; }
  done
}

stop_all() { for n in "${nodes[@]}"; do stop_node "$n"; done; }

case "${1:-run}" in
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
    while alive node-a || alive node-b; do sleep 1; done
    echo "both nodes have exited" >&2
    exit 1
    ;;
  -h|--help|help)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "usage: ./launch-cluster.sh [start|stop|status]" >&2
    exit 2
    ;;
esac
