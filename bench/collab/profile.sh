#!/usr/bin/env bash
# Profiles `coderoom serve` under one scenario of the shared harness with py-spy.
#
#   bench/collab/profile.sh scale            # -> bench/results/profile-scale.txt (py-spy raw)
#   .venv/bin/python bench/collab/profile_top.py bench/results/profile-scale.txt
#
# Same set-up as run.sh (server pinned to core 0, load generator to core 1, fresh rooms,
# update log on); only coderoom runs, and py-spy samples it for the whole scenario
# (--nonblocking: it does not stop the server to take a sample; PYSPY_FLAGS=--native shows
# C frames too, pausing the server per sample). Needs py-spy in the venv.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HARNESS=${HARNESS:-$ROOT/../shared/bench/collab}
SC=${1:?scenario}
PORT=${PORT_CR:-18510}
OUT=$ROOT/bench/results
mkdir -p "$OUT"
# shellcheck source=bench/collab/common.sh
source "$ROOT/bench/collab/common.sh"

export CODEROOM_VAR_DIR=$WORK/var CODEROOM_MODE=test CODEROOM_LOG_LEVEL=INFO
"${PIN[@]}" "$ROOT/.venv/bin/coderoom" serve --migrate --port "$PORT" >"$OUT/profile-server.log" 2>&1 &
CR_PID=$!
PIDS+=("$CR_PID")
wait_port "$PORT"
"$ROOT/.venv/bin/python" "$ROOT/bench/collab/make_rooms.py" --base "http://127.0.0.1:$PORT" \
  --rooms "$(rooms_needed "$SC")" --out "$WORK/rooms.json"
"$ROOT/.venv/bin/py-spy" record --pid "$CR_PID" --format raw ${PYSPY_FLAGS:---nonblocking} --rate 500 \
  -o "$OUT/profile-$SC.txt" >"$OUT/profile-pyspy.log" 2>&1 &
SPY=$!
PIDS+=("$SPY")
(cd "$HARNESS" && "${LG[@]}" ./run_scenarios.sh --name coderoom --server-pid "$CR_PID" --scenarios "$SC" \
  --url "ws://127.0.0.1:$PORT/ws/rooms/{room}/doc?token={token}" -- --rooms-file "$WORK/rooms.json") \
  | grep -E '^\| '"$SC"' '
kill -INT "$SPY"
wait "$SPY" 2>/dev/null || true
echo "wrote $OUT/profile-$SC.txt" >&2
