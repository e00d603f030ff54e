#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Compile-time cost of objproc, measured (not a test: timings depend on the machine and its load).
#   1. Including the single header vs including <string> alone (-std=c++20 -fsyntax-only).
#      Target: <= 3x. Beside it: the cheap header for checked literals (<objproc/literals.hpp>,
#      from include/), and for comparison fmt's <fmt/core.h> (fmt 10+ also has the lighter
#      <fmt/base.h>: measured instead when present) and <nlohmann/json.hpp>, when installed.
#   2. 200 distinct checked literals (100 "..."_oss, 100 "..."_ci) in one TU vs the same TU
#      passing the same strings as runtime_style / runtime_rule. Target: <= 0.3 s above.
#   3. Where the include cost goes: the standard headers the single header includes, together
#      (the rest is objproc's own code) and each alone, heaviest first; header counts from -H.
# Every figure is the median of N interleaved runs of the compiler's CPU time (user + sys: less
# sensitive than wall time to other work on the machine).
# Usage: bench/compile_cost.sh [runs (5)] [compilers...]
#   (compilers default: g++ clang++)
# OBJPROC_SINGLE_INCLUDE=DIR measures DIR/objproc/objproc.hpp instead of single_include/, e.g. one
# regenerated with `tools/amalgamate.py --output DIR/objproc/objproc.hpp` (the umbrella of the
# current include/ without touching the committed single header).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
compilers=("$@")
((${#compilers[@]})) || compilers=(g++ clang++)

single_dir=$(realpath "${OBJPROC_SINGLE_INCLUDE:-single_include}")
exec python3 - "$PWD" "$runs" "$single_dir" "${compilers[@]}" <<'PY'
import os, re, resource, statistics, subprocess, sys, tempfile

root, runs, single_dir, compilers = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
work = tempfile.mkdtemp(prefix="objproc-compile-cost-")

def write(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(text)
    return path

def flags(cxx):
    # single_dir first: <objproc/objproc.hpp> must resolve to the single header, not the umbrella.
    return [cxx, "-std=c++20", "-fsyntax-only", f"-I{single_dir}", f"-I{root}/include"]

def median_times(cxx, sources):
    """Median compile time of each source; the runs are interleaved (a, b, a, b, ...) so that a
    change in the machine's load affects the things compared alike."""
    times = {s: [] for s in sources}
    for _ in range(runs):
        for source in sources:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(flags(cxx) + [source], check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[source].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [statistics.median(times[s]) for s in sources]

def median_time(cxx, source):
    return median_times(cxx, [source])[0]

string_tu = write("string.cpp", "#include <string>\nint main() {}\n")
single_tu = write("single.cpp", "#include <objproc/objproc.hpp>\nint main() {}\n")
literals_tu = write("literals.cpp", "#include <objproc/literals.hpp>\nint main() {}\n")

def installed(cxx, header):
    probe = write("probe.cpp", f"#include <{header}>\n")
    return subprocess.run(flags(cxx) + [probe], capture_output=True).returncode == 0

# Other libraries, for scale (only those installed: e.g. Debian's libfmt-dev, nlohmann-json3-dev).
# fmt 9 (Debian 12) has no <fmt/base.h>: its cheapest header is <fmt/core.h>.
def others(cxx):
    found = []
    fmt = next((h for h in ("fmt/base.h", "fmt/core.h") if installed(cxx, h)), None)
    if fmt:
        found.append((f"<{fmt}>", write(f"{fmt.replace('/', '_')}.cpp", f"#include <{fmt}>\nint main() {{}}\n")))
    if installed(cxx, "nlohmann/json.hpp"):
        found.append(("<nlohmann/json.hpp>", write("json.cpp", "#include <nlohmann/json.hpp>\nint main() {}\n")))
    return found

# 200 distinct, valid strings: 100 OSS process strings and 100 CI rules.
oss = [f"image/resize,w_{i + 1},h_{i + 2}/quality,q_{i % 100 + 1}" for i in range(100)]
ci = [f"imageMogr2/thumbnail/{i + 1}x{i + 2}/quality/{i % 100 + 1}" for i in range(100)]
head = ('#include "objproc/oss/style.hpp"\n#include "objproc/cos/rule.hpp"\n'
        "using namespace objproc::literals;\n")
checked_tu = write("checked.cpp", head +
    "void use(objproc::oss::style_string);\nvoid use(objproc::cos::rule_string);\nvoid f() {\n" +
    "".join(f'  use("{s}"_oss);\n' for s in oss) + "".join(f'  use("{s}"_ci);\n' for s in ci) + "}\n")
runtime_tu = write("runtime.cpp", head +
    "void use(objproc::oss::runtime_style);\nvoid use(objproc::cos::runtime_rule);\nvoid f() {\n" +
    "".join(f'  use(objproc::oss::runtime_style{{"{s}"}});\n' for s in oss) +
    "".join(f'  use(objproc::cos::runtime_rule{{"{s}"}});\n' for s in ci) + "}\n")

print(f"median of {runs} interleaved runs each, CPU time (user + sys) of the compiler, "
      f"-std=c++20 -fsyntax-only; load avg {os.getloadavg()[0]:.2f}")
for cxx in compilers:
    version = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    compared = others(cxx)
    t_string, t_single, t_literals, t_checked, t_runtime, *t_others = median_times(
        cxx, [string_tu, single_tu, literals_tu, checked_tu, runtime_tu] + [s for _, s in compared])
    include_ratio = t_single / t_string
    extra = t_checked - t_runtime
    print(f"\n{version}")
    print(f"  include <string> alone:          {t_string:6.3f} s")
    print(f"  include the single header:       {t_single:6.3f} s")
    print(f"    ratio single header / <string>: {include_ratio:5.2f}x  (target <= 3x: "
          f"{'met' if include_ratio <= 3 else 'NOT met'})")
    print(f"  include <objproc/literals.hpp>:  {t_literals:6.3f} s  ({t_literals / t_string:5.2f}x <string>)")
    for (name, _), t in zip(compared, t_others):
        print(f"  include {name + ':':<24}{t:6.3f} s  ({t / t_string:5.2f}x <string>)")
    print(f"  200 checked literals:            {t_checked:6.3f} s")
    print(f"  the same 200 strings at run time: {t_runtime:6.3f} s")
    print(f"    extra for 200 checked literals: {extra:6.3f} s  (target <= 0.3 s: "
          f"{'met' if extra <= 0.3 else 'NOT met'})")

# Which standard headers cost the most: -H lists every header opened (depth in dots).
cxx = compilers[0]
def header_count(source):
    out = subprocess.run(flags(cxx) + ["-H", source], capture_output=True, text=True).stderr
    return len({l.split(" ", 1)[1] for l in out.splitlines() if re.match(r"^\.+ ", l)})
print(f"\n{cxx} -H: <string> alone opens {header_count(string_tu)} headers, "
      f"the single header {header_count(single_tu)}, <objproc/literals.hpp> {header_count(literals_tu)}")
with open(f"{single_dir}/objproc/objproc.hpp") as f:
    std_headers = sorted(set(re.findall(r"^#include <([a-z_]+)>", f.read(), re.M)))
all_std, single = median_times(
    cxx, [write("std_all.cpp", "".join(f"#include <{h}>\n" for h in std_headers)), single_tu])
print(f"those {len(std_headers)} standard headers together: {all_std:.3f} s; the single header: "
      f"{single:.3f} s, so objproc's own code costs {single - all_std:.3f} s of it")
costs = []
for h in std_headers:
    costs.append((median_time(cxx, write(f"h_{h}.cpp", f"#include <{h}>\n")), h))
print(f"standard headers the single header includes, each alone ({cxx}), heaviest first:")
for t, h in sorted(costs, reverse=True):
    print(f"  <{h}>{'':<{16 - len(h)}}{t:6.3f} s")
PY
