#!/usr/bin/env bash
# End to end with the real commands: start the cluster, listen as one user, send as another,
# stop the cluster. Exits 0 only if the message arrived.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
cleanup() { ./launch-cluster.sh stop >/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

./launch-cluster.sh start
text="smoke test $(date +%s)"
bin/parley --port 8080 --user smoke-bob --home "$work/home" listen --count 1 --timeout 60 --json \
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
bin/parley --port 8080 --user smoke-alice --home "$work/home" send smoke-bob "$text"
if ! wait "$listener"; then
  echo "smoke-local: FAIL: listen exited non-zero: $(cat "$work/err")" >&2
  exit 1
fi
if ! grep -q "\"from\":\"smoke-alice@node-a\",\"to\":\"smoke-bob@node-a\",\"text\":\"$text\"" "$work/out"; then
  echo "smoke-local: FAIL: unexpected output: $(cat "$work/out")" >&2
  exit 1
fi
echo "smoke-local: OK: $(cat "$work/out")"
