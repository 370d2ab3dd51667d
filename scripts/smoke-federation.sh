#!/usr/bin/env bash
# End to end across two nodes with the real commands: start the cluster (node-a and node-b,
# linked), then alice on node-a and bob on node-b exchange a direct message each way, bob
# broadcasts, and who on each node lists both. Exits 0 only if everything arrived as sent.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
listeners=()
cleanup() {
  for pid in "${listeners[@]}"; do kill "$pid" 2>/dev/null || true; done
  ./launch-cluster.sh stop >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "smoke-federation: FAIL: $*" >&2; exit 1; }

./launch-cluster.sh start
# Fresh names each run: the nodes keep their accounts in run/, and this run's keys are new.
suffix="$RANDOM$RANDOM"
alice="alice-$suffix"
bob="bob-$suffix"
a=(bin/parley --port 8080 --user "$alice" --home "$work/alice")
b=(bin/parley --port 2020 --user "$bob" --home "$work/bob")

# Each listens for what the other will send: alice for bob's message and broadcast, bob for alice's.
"${a[@]}" listen --count 2 --timeout 60 --json > "$work/alice.out" 2> "$work/alice.err" &
listeners+=($!)
"${b[@]}" listen --count 1 --timeout 60 --json > "$work/bob.out" 2> "$work/bob.err" &
listeners+=($!)
deadline=$((SECONDS + 60))
until grep -q "listening as" "$work/alice.err" && grep -q "listening as" "$work/bob.err"; do
  [ $SECONDS -lt $deadline ] || fail "the listeners never logged in: $(cat "$work"/*.err)"
  sleep 0.2
done
# Each node must have heard of the other's user before a message can be addressed to it.
until "${a[@]}" who --json | grep -q "\"user\":\"$bob@node-b\",\"node\":\"node-b\",\"status\":\"online\"" \
   && "${b[@]}" who --json | grep -q "\"user\":\"$alice@node-a\",\"node\":\"node-a\",\"status\":\"online\""; do
  [ $SECONDS -lt $deadline ] || fail "who never listed both users online: $("${a[@]}" who)"
  sleep 0.5
done

"${a[@]}" send --wait-delivered --json "$bob@node-b" "hello bob, from node-a" > "$work/send-ab" \
  || fail "alice could not send to bob"
grep -q '"status":"delivered"' "$work/send-ab" || fail "no delivery receipt: $(cat "$work/send-ab")"
"${b[@]}" send "$alice@node-a" "hello alice, from node-b" || fail "bob could not send to alice"
"${b[@]}" send '*' "hello everyone" || fail "bob could not broadcast"

wait "${listeners[0]}" || fail "alice's listen failed: $(cat "$work/alice.err")"
wait "${listeners[1]}" || fail "bob's listen failed: $(cat "$work/bob.err")"
listeners=()
grep -q "\"from\":\"$alice@node-a\",\"to\":\"$bob@node-b\",\"text\":\"hello bob, from node-a\"" "$work/bob.out" \
  || fail "bob got: $(cat "$work/bob.out")"
grep -q "\"from\":\"$bob@node-b\",\"to\":\"$alice@node-a\",\"text\":\"hello alice, from node-b\"" "$work/alice.out" \
  || fail "alice got: $(cat "$work/alice.out")"
grep -q "\"from\":\"$bob@node-b\",\"to\":\"\*\",\"text\":\"hello everyone\"" "$work/alice.out" \
  || fail "alice did not get the broadcast: $(cat "$work/alice.out")"
"${a[@]}" who | grep -q "^$bob@node-b " || fail "who on node-a does not list $bob@node-b"
echo "smoke-federation: OK: a direct message each way, a broadcast and who, across node-a and node-b"
