#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds objproc_bench (Release, in a build dir outside the tree), runs it with repetitions and
# prints the ratios, allocations and scaling (bench/ratios.py).
# Usage: bench/run.sh [build dir (default /tmp/objproc-bench)] [repetitions (default 5)] [filter]
# Each repetition runs a benchmark for BENCH_MIN_TIME seconds (default 0.1): about 2 minutes in all.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-/tmp/objproc-bench}
reps=${2:-5}
filter=${3:-.}
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOBJPROC_BUILD_BENCH=ON \
  -DOBJPROC_BUILD_TESTS=OFF -DOBJPROC_BUILD_EXAMPLES=OFF -DOBJPROC_INSTALL=OFF >/dev/null
cmake --build "$build" --target objproc_bench -j2
out="$build/bench.json"
"$build/bench/objproc_bench" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
  --benchmark_min_time="${BENCH_MIN_TIME:-0.1}" \
  --benchmark_filter="$filter" --benchmark_format=json --benchmark_out="$out" \
  --benchmark_out_format=json >/dev/null
python3 "$src/bench/ratios.py" "$out"
echo "raw results: $out"
