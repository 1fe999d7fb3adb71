# Shared by run.sh and profile.sh (sourced): a work dir and child processes cleaned up on
# exit, CPU pinning (server on core 0, load generator on core 1), and small helpers.
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
PIN=(taskset -c 0) LG=(taskset -c 1)
command -v taskset >/dev/null || { PIN=(); LG=(); }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
rooms_needed() { case $1 in scale) echo 500 ;; interview) echo 100 ;; small) echo 10 ;; *) echo 1 ;; esac; }
