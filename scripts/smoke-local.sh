#!/usr/bin/env bash
# End to end with the real commands: start a node of its own (free ports, a temporary data folder,
# so a cluster you have running is left alone and nobody's `who` gains its users), listen as one
# user, send as another, delete both accounts, stop the node. Exits 0 only if the message arrived.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
node_pid=""
users=()
cleanup() {
  for user in "${users[@]}"; do
    bin/parley --port "$port" --user "$user" --home "$work/home" delete-account --yes >/dev/null 2>&1 || true
  done
  if [ -n "$node_pid" ]; then
    kill "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
port=0
trap cleanup EXIT

bin/parley-node --name smoke --host 127.0.0.1 --port 0 --s2s-port 0 --data-dir "$work/data" \
    > "$work/node.log" 2>&1 &
node_pid=$!
deadline=$((SECONDS + 60))
until grep -q "ready: clients on" "$work/node.log"; do
  if ! kill -0 "$node_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "smoke-local: FAIL: the node did not start: $(tail -5 "$work/node.log")" >&2
    exit 1
  fi
  sleep 0.2
done
port="$(grep -m1 -o 'ready: clients on [0-9.]*:[0-9]*' "$work/node.log" | sed 's/.*://')"

text="smoke test $(date +%s)"
bob="smoke-bob-$RANDOM"
alice="smoke-alice-$RANDOM"
users=("$bob" "$alice")
bin/parley --port "$port" --user "$bob" --home "$work/home" listen --count 1 --timeout 60 --json \
    > "$work/out" 2> "$work/err" &
listener=$!
deadline=$((SECONDS + 60))
until grep -q "listening as" "$work/err"; do
  if ! kill -0 "$listener" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "smoke-local: FAIL: listen never logged in: $(cat "$work/err")" >&2
    exit 1
  fi
  sleep 0.2
done
bin/parley --port "$port" --user "$alice" --home "$work/home" send "$bob" "$text"
if ! wait "$listener"; then
  echo "smoke-local: FAIL: listen exited non-zero: $(cat "$work/err")" >&2
  exit 1
fi
if ! grep -q "\"from\":\"$alice@smoke\",\"to\":\"$bob@smoke\",\"text\":\"$text\"" "$work/out"; then
  echo "smoke-local: FAIL: unexpected output: $(cat "$work/out")" >&2
  exit 1
fi
echo "smoke-local: OK: $(cat "$work/out")"
