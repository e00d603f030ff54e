#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reads the JSON of objproc_bench (--benchmark_format=json, with repetitions) and prints:
sign/floor ratios against their targets, allocations per call, and the thread scaling.
Medians over repetitions; CPU time, so that time spent descheduled on a busy machine is not
counted (a ratio is taken within one run: both sides see the same machine)."""
import json
import sys

# signer -> (target ratio with openssl, target ratio with portable); None: no target, reported.
RATIO_TARGETS = {  # issue 13's speed budget
    "oss_v4_sign_cached": (1.5, None),
    "oss_v4_sign": (None, None),
    "oss_v4_sign_cached_in_place": (1.5, None),  # an rvalue signed again: no copy
    "oss_v1_sign": (1.8, None),
    "oss_v1_sign_in_place": (1.8, None),
    "oss_presign_v4": (None, None),
    "oss_presign_to_v4": (None, None),
    "oss_presign_to_v4_cached": (None, None),
    "cos_sign": (1.8, None),
    "cos_sign_in_place": (1.8, None),
    "cos_presign": (None, None),
    "cos_presign_to": (None, None),
}
# signer -> the signer whose floor it shares (same hashing, other handling of the request).
FLOOR_OF = {
    "oss_v4_sign_cached_in_place": "oss_v4_sign_cached",
    "oss_v1_sign_in_place": "oss_v1_sign",
    "cos_sign_in_place": "cos_sign",
}
# benchmark prefix -> maximum allocations per call.
ALLOC_TARGETS = {
    "oss_v4_sign": 3,        # a full signed descriptor (cold key)
    "oss_v4_sign_cached": 3,  # a full signed descriptor (cached key)
    "oss_v1_sign": 3,
    "oss_presign_to_v4": 0,  # a presigned URL written into a caller's buffer
    "oss_presign_to_v4_cached": 0,
    "cos_presign_to": 0,
    "cos_sign": 3,           # a full signed descriptor (ci_image_process)
    "oss_v4_sign_cached_in_place": 0,  # a prepared request signed in place
    "oss_v1_sign_in_place": 0,
    "cos_sign_in_place": 0,
}


def medians(rows):
    """run_name -> median row (or the single row when run without repetitions)."""
    out = {}
    for r in rows:
        if r.get("run_type") == "aggregate":
            if r.get("aggregate_name") == "median":
                out[r["run_name"]] = r
        else:
            out.setdefault(r.get("run_name", r["name"]), r)
    return out


def main(path):
    with open(path) as f:
        data = json.load(f)
    rows = medians(data["benchmarks"])
    providers = sorted({name.rsplit("/", 1)[1] for name in rows
                        if name.endswith(("/portable", "/openssl"))})
    reps = max((r.get("repetitions", 1) for r in data["benchmarks"]), default=1)
    print(f"medians of {reps} repetitions, CPU time; context: {data['context'].get('num_cpus')} cpus,"
          f" load avg {data['context'].get('load_avg')}")

    print("\n== signer / floor (floor: the SHA and HMAC calls that signature needs, same inputs)")
    print(f"{'signer':<26}{'provider':<10}{'sign ns':>10}{'floor ns':>10}{'ratio':>8}  target")
    for signer, (t_ssl, t_port) in RATIO_TARGETS.items():
        for p in providers:
            floor = FLOOR_OF.get(signer, signer)
            s, f = rows.get(f"{signer}/{p}"), rows.get(f"{floor}_floor/{p}")
            if s is None or f is None:
                continue
            ratio = s["cpu_time"] / f["cpu_time"]
            target = t_ssl if p == "openssl" else t_port
            verdict = "" if target is None else f"<= {target}x: {'met' if ratio <= target else 'NOT met'}"
            print(f"{signer:<26}{p:<10}{s['cpu_time']:>10.0f}{f['cpu_time']:>10.0f}{ratio:>7.2f}x  {verdict}")

    for p in providers:
        hit, floor = rows.get(f"oss_v4_cache_hit/{p}"), rows.get(f"oss_v4_sign_cached_floor/{p}")
        if hit and floor:
            print(f"  v4_key_cache hit alone ({p}): {hit['cpu_time']:.0f} ns = "
                  f"{hit['cpu_time'] / floor['cpu_time']:.2f}x the cached floor")

    print("\n== allocations per call (operator new)")
    for name, r in rows.items():
        if "allocs" not in r or "_floor/" in name or name.startswith("threads_"):
            continue
        allocs = r["allocs"]
        base = name.split("/")[0]
        target = ALLOC_TARGETS.get(base)
        verdict = "" if target is None else f"target <= {target}: {'met' if allocs <= target + 1e-6 else 'NOT met'}"
        print(f"{name:<40}{allocs:>7.2f}  {verdict}")

    print("\n== thread scaling (shared credentials and request; items/s, real time)")
    for p in providers:
        one = rows.get(f"threads_oss_v4_sign_cached/{p}/real_time/threads:1")
        two = rows.get(f"threads_oss_v4_sign_cached/{p}/real_time/threads:2")
        if one and two:
            a, b = one["items_per_second"], two["items_per_second"]
            print(f"oss_v4_sign_cached {p:<9} 1 thread {a/1e3:8.1f}k/s   2 threads {b/1e3:8.1f}k/s   x{b/a:.2f}"
                  f"   (CPU per signature {one['cpu_time']:.0f} ns vs {two['cpu_time']:.0f} ns)")
    print("  (x2 needs two idle cores; equal CPU time per signature means no contention either way)")

    print("\n== parsers (bytes/s)")
    for name, r in rows.items():
        if "bytes_per_second" in r:
            print(f"{name:<32}{r['cpu_time']:>9.0f} ns {r['bytes_per_second']/1e6:>8.1f} MB/s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/dev/stdin")
