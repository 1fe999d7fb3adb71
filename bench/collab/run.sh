#!/usr/bin/env bash
# Benchmarks coderoom's document sync against the y-websocket reference server in one run,
# with the shared harness in ../shared/bench/collab (see its README and run_anchors.sh).
#
#   bench/collab/run.sh                      # interview + fanout (about 3 minutes)
#   SCENARIOS="small interview fanout" bench/collab/run.sh
#
# Same placement as the anchors: each server pinned to core 0, the load generator to core 1.
# coderoom runs `coderoom serve` (uvicorn, no permessage-deflate, SQLite in a temp dir, the
# update log on); the reference is @y/websocket-server in memory. Results land in
# bench/results/ (git-ignored); docs/benchmarks.md quotes them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HARNESS=${HARNESS:-$ROOT/../shared/bench/collab}
SCENARIOS=${SCENARIOS:-"interview fanout"}
PORT_CR=${PORT_CR:-18500}
PORT_YWS=${PORT_YWS:-18501}
OUT=$ROOT/bench/results
mkdir -p "$OUT"
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
PIN=(taskset -c 0) LG=(taskset -c 1)
command -v taskset >/dev/null || { PIN=(); LG=(); }

(cd "$HARNESS" && { [[ -d node_modules/y-websocket ]] || npm ci --no-audit --no-fund --loglevel=error; })

wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# --- coderoom ---
export CODEROOM_VAR_DIR=$WORK/var CODEROOM_MODE=test CODEROOM_LOG_LEVEL=WARNING
"${PIN[@]}" "$ROOT/.venv/bin/coderoom" serve --migrate --port "$PORT_CR" >"$OUT/coderoom-server.log" 2>&1 &
CR_PID=$!
PIDS+=("$CR_PID")
wait_port "$PORT_CR"
"$ROOT/.venv/bin/python" "$ROOT/bench/collab/make_rooms.py" --base "http://127.0.0.1:$PORT_CR" \
  --rooms 100 --out "$WORK/rooms.json"
(cd "$HARNESS" && "${LG[@]}" ./run_scenarios.sh --name coderoom --server-pid "$CR_PID" --scenarios "$SCENARIOS" \
  --url "ws://127.0.0.1:$PORT_CR/ws/rooms/{room}/doc?token={token}" -- --rooms-file "$WORK/rooms.json") \
  | tee "$OUT/coderoom.md"
kill "$CR_PID"; wait "$CR_PID" 2>/dev/null || true

# --- the y-websocket reference ---
(cd "$HARNESS" && HOST=127.0.0.1 PORT=$PORT_YWS "${PIN[@]}" node node_modules/@y/websocket-server/src/server.js \
  >"$OUT/yws-server.log" 2>&1) &
YWS_PID=$!
PIDS+=("$YWS_PID")
wait_port "$PORT_YWS"
NODE_PID=$(pgrep -P "$YWS_PID" node || echo "$YWS_PID")
(cd "$HARNESS" && "${LG[@]}" ./run_scenarios.sh --name yws --server-pid "$NODE_PID" --scenarios "$SCENARIOS" \
  --url "ws://127.0.0.1:$PORT_YWS/{room}") | tee "$OUT/yws.md"
