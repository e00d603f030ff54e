#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compiles every ```cpp block of README.md (ctest: strict.readme_snippets), so the first code a
user copies is what the library accepts, under the strict warning set users build with.

Usage: compile_readme.py README.md WORKDIR -- COMPILER FLAGS...
A block that includes an adapter header is compiled only when that adapter's include
directory is among the flags.
"""
import pathlib
import re
import subprocess
import sys


def main() -> int:
    readme, workdir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    blocks = re.findall(r"```cpp\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    if not blocks:
        print("no ```cpp blocks in", readme)
        return 1
    workdir.mkdir(parents=True, exist_ok=True)
    failures = compiled = 0
    for number, block in enumerate(blocks):
        adapters = re.findall(r"#include <objproc/adapters/(\w+)\.hpp>", block)
        if any(not any(f.endswith(f"adapters/{a}/include") for f in command) for a in adapters):
            print(f"block {number}: skipped (needs the {', '.join(adapters)} adapter)")
            continue
        source = workdir / f"readme_{number}.cpp"
        source.write_text(block, encoding="utf-8")
        done = subprocess.run(command + ["-fsyntax-only", str(source)], capture_output=True,
                              text=True)
        compiled += 1
        if done.returncode != 0:
            failures += 1
            first = block.strip().splitlines()[0]
            print(f"block {number} ({first}) does not compile:\n{done.stderr[:3000]}")
    print(f"README.md: {compiled} block(s) compiled, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
