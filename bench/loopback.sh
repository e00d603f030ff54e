#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds objproc_loopback_bench (Release, outside the tree) and runs it: 1,000 concurrent signed
# ProcessObject requests per round over keep-alive, objproc::beast then curl::multi_transport,
# each in its own process, against (1) the benchmark's own C++ loopback server and (2) the
# Python interop server (tests/interop/server.py, which verifies every signature).
# Usage: bench/loopback.sh [build dir (default /tmp/objproc-bench)] [concurrency (1000)] [rounds (5)]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-/tmp/objproc-bench}
concurrency=${2:-1000}
rounds=${3:-5}
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOBJPROC_BUILD_BENCH=ON \
  -DOBJPROC_BUILD_TESTS=OFF -DOBJPROC_BUILD_EXAMPLES=OFF -DOBJPROC_INSTALL=OFF >/dev/null
cmake --build "$build" --target objproc_loopback_bench -j2
bench="$build/bench/objproc_loopback_bench"
state=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$state"
}
trap cleanup EXIT
wait_for() { for _ in $(seq 100); do [[ -s $1 ]] && return 0; sleep 0.1; done; return 1; }

echo "== C++ loopback server (no signature check)"
"$bench" server "$state/cpp_port" &
pids+=($!)
wait_for "$state/cpp_port"
port=$(cat "$state/cpp_port")
for transport in beast curl; do "$bench" "$transport" "http://127.0.0.1:$port" "$concurrency" "$rounds"; done

# The Python server (a thread per connection, a listen backlog of 64) is the bottleneck here and
# may time out or reset some of 1,000 simultaneous connections: failures are reported, not fatal.
echo "== Python interop server (verifies each signature)"
ulimit -n "$(ulimit -Hn)"
python3 "$src/tests/interop/server.py" --port-file "$state/py_port" --pid-file "$state/py_pid" \
  --oss-id LTAI5tExampleAK --oss-secret ExampleSecretKey123 --cos-id x --cos-secret y \
  --region cn-hangzhou --lifetime 600 &
pids+=($!)
wait_for "$state/py_port"
port=$(cat "$state/py_port")
for transport in beast curl; do "$bench" "$transport" "http://127.0.0.1:$port" "$concurrency" "$rounds" || true; done
