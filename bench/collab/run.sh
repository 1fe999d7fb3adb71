#!/usr/bin/env bash
# Benchmarks coderoom's document sync against the y-websocket reference server in one run,
# with the shared harness in ../shared/bench/collab (see its README and run_anchors.sh).
#
#   bench/collab/run.sh                               # interview + fanout, once each
#   SCENARIOS="small interview fanout scale join join-seq" ROUNDS=5 bench/collab/run.sh
#
# Both servers start first, pinned to core 0; the load generator runs on core 1. For each
# round and scenario, coderoom and the reference are measured back to back, so a noisy
# neighbour on this shared machine hits both alike. coderoom runs `coderoom serve`
# (uvicorn, no permessage-deflate, SQLite in a temp dir, update log on); the reference is
# @y/websocket-server in memory. Results: bench/results/ (git-ignored); docs/benchmarks.md
# quotes them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HARNESS=${HARNESS:-$ROOT/../shared/bench/collab}
SCENARIOS=${SCENARIOS:-"interview fanout"}
ROUNDS=${ROUNDS:-1}
PORT_CR=${PORT_CR:-18500}
PORT_YWS=${PORT_YWS:-18501}
OUT=$ROOT/bench/results
mkdir -p "$OUT"
: >"$OUT/table.md"
# shellcheck source=bench/collab/common.sh
source "$ROOT/bench/collab/common.sh"

(cd "$HARNESS" && { [[ -d node_modules/y-websocket ]] || npm ci --no-audit --no-fund --loglevel=error; })
for port in "$PORT_CR" "$PORT_YWS"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done

export CODEROOM_VAR_DIR=$WORK/var CODEROOM_MODE=test CODEROOM_LOG_LEVEL=INFO
"${PIN[@]}" "$ROOT/.venv/bin/coderoom" serve --migrate --port "$PORT_CR" >"$OUT/coderoom-server.log" 2>&1 &
CR_PID=$!
PIDS+=("$CR_PID")
HOST=127.0.0.1 PORT=$PORT_YWS "${PIN[@]}" node "$HARNESS/node_modules/@y/websocket-server/src/server.js" \
  >"$OUT/yws-server.log" 2>&1 &
YWS_PID=$!
PIDS+=("$YWS_PID")
wait_port "$PORT_YWS"
# The shell may fork before exec'ing node: measure (and stop) the node process itself.
YWS_NODE=$(pgrep -P "$YWS_PID" || echo "$YWS_PID")
PIDS+=("$YWS_NODE")
wait_port "$PORT_CR"
# Fresh rooms for every scenario and round, as the reference gets (its room names are
# random): a scenario measures first loads too, and the join tests start from empty docs.

for round in $(seq 1 "$ROUNDS"); do
  for sc in $SCENARIOS; do
    echo "== round $round: $sc" >&2
    "$ROOT/.venv/bin/python" "$ROOT/bench/collab/make_rooms.py" --base "http://127.0.0.1:$PORT_CR" \
      --rooms "$(rooms_needed "$sc")" --out "$WORK/rooms.json"
    (cd "$HARNESS" && "${LG[@]}" ./run_scenarios.sh --name coderoom --server-pid "$CR_PID" --scenarios "$sc" \
      --url "ws://127.0.0.1:$PORT_CR/ws/rooms/{room}/doc?token={token}" -- --rooms-file "$WORK/rooms.json") \
      | grep -E '^\| '"$sc"' ' | tee -a "$OUT/table.md"
    (cd "$HARNESS" && "${LG[@]}" ./run_scenarios.sh --name yws --server-pid "$YWS_NODE" --scenarios "$sc" \
      --url "ws://127.0.0.1:$PORT_YWS/{room}") | grep -E '^\| '"$sc"' ' | tee -a "$OUT/table.md"
    uptime | tee -a "$OUT/table.md"
  done
done
kill "$CR_PID"
wait "$CR_PID" 2>/dev/null || true
grep -h "commit delay" "$OUT/coderoom-server.log" | tail -1 || true
# Full collections long enough to show in a p99 (coderoom.core.heap logs those of 50 ms+).
grep -h "full garbage collection" "$OUT/coderoom-server.log" || true
# Per-round ratios and the ratio of the medians over the rounds (a single p99 is noisy).
"$ROOT/.venv/bin/python" "$ROOT/bench/collab/ratios.py" "$OUT/table.md"
