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
# Fresh names each run: the nodes keep their accounts in run/, and this run's keys are new.
bob="smoke-bob-$RANDOM$RANDOM"
alice="smoke-alice-$RANDOM$RANDOM"
bin/parley --port 8080 --user "$bob" --home "$work/home" listen --count 1 --timeout 60 --json \
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
bin/parley --port 8080 --user "$alice" --home "$work/home" send "$bob" "$text"
if ! wait "$listener"; then
  echo "smoke-local: FAIL: listen exited non-zero: $(cat "$work/err")" >&2
  exit 1
fi
if ! grep -q "\"from\":\"$alice@node-a\",\"to\":\"$bob@node-a\",\"text\":\"$text\"" "$work/out"; then
  echo "smoke-local: FAIL: unexpected output: $(cat "$work/out")" >&2
  exit 1
fi
echo "smoke-local: OK: $(cat "$work/out")"
