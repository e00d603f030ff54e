#!/usr/bin/env bash
# Compile-time cost of objproc, measured (not a test: timings depend on the machine).
#   1. Including the single header vs including <string> alone (g++ -std=c++20 -fsyntax-only).
#   2. 200 distinct checked OSS literals vs the same 200 strings passed unchecked.
# Prints the best of N runs of each and the ratios. Usage: bench/compile_cost.sh [compiler] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
cxx=${1:-g++}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

best_of() {  # best wall time in seconds of compiling $1
  local best=999
  for _ in $(seq "$runs"); do
    local t
    t=$( { /usr/bin/time -f %e "$cxx" -std=c++20 -fsyntax-only -Iinclude -Isingle_include "$1"; } 2>&1 | tail -1)
    best=$(python3 -c "print(min($best, $t))")
  done
  echo "$best"
}

printf '#include <string>\nint main() {}\n' > "$work/string.cpp"
printf '#include "%s/single_include/objproc/objproc.hpp"\nint main() {}\n' "$PWD" > "$work/single.cpp"

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
lits = [f"image/resize,w_{i+1},h_{i+2}/quality,q_{i % 100 + 1}" for i in range(200)]
for name, param, wrap in (("checked", "objproc::oss::style_string", '"{}"'),
                          ("unchecked", "objproc::oss::runtime_style", '{{"{}"}}')):
    with open(f"{work}/{name}.cpp", "w") as f:
        f.write('#include "objproc/oss/style.hpp"\n')
        f.write(f"void use({param});\nvoid f() {{\n")
        for lit in lits:
            f.write(f"  use({wrap.format(lit)});\n")
        f.write("}\n")
PY

t_string=$(best_of "$work/string.cpp")
t_single=$(best_of "$work/single.cpp")
t_checked=$(best_of "$work/checked.cpp")
t_unchecked=$(best_of "$work/unchecked.cpp")
echo "compiler: $($cxx --version | head -1)"
echo "include <string> alone:            ${t_string} s"
echo "include the single header:         ${t_single} s"
python3 -c "print(f'  ratio single header / <string>:  {$t_single / $t_string:.2f}x  (target <= 2x)')"
echo "200 checked literals:              ${t_checked} s"
echo "200 unchecked strings:             ${t_unchecked} s"
python3 -c "print(f'  extra for 200 checked literals:  {$t_checked - $t_unchecked:.3f} s  (target <= 0.3 s)')"
