#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Repository hygiene, as a ctest test (repository.hygiene):
  - every source file carries `SPDX-License-Identifier: MIT` in its first lines, LICENSE is MIT,
    and the single header opens with the licence notice (users copy that file alone);
  - nothing refers to files outside the repository (the design and references live in docs/);
  - the vendor-neutral layers (include/objproc/core, include/objproc/http) name no vendor:
    no vendor header prefix, signature scheme or vendor name, in code or comments (issue 13:
    vendor knowledge lives in oss/ and cos/).
Data files (JSON vectors, fuzz corpora) carry no comment syntax and are exempt from the first.
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPDX = "SPDX-License-Identifier: MIT"
SOURCE_SUFFIXES = {".hpp", ".cpp", ".py", ".sh", ".cmake", ".md", ".in", ".txt"}
SOURCE_NAMES = {"CMakeLists.txt", "run", ".clang-format", ".gitignore"}
# A path that leaves the repository: the sibling directory the design and research came from
# (spelt in pieces, so this file does not name it), or a design file beside the checkout.
SIBLING = "sha" + "red"
OUTSIDE = re.compile(r"\.\./" + SIBLING + r"|(?<![\w/])" + SIBLING +
                     r"/(?:reference|vectors|DESIGN)|\.\./DESIGN\.md")
# The layers every vendor builds on, and what would show one vendor's knowledge in them.
NEUTRAL_DIRS = ("include/objproc/core/", "include/objproc/http/")
VENDOR_WORDS = re.compile(r"x-oss-|x-cos-|x-ci-|q-sign|OSS4-|aliyun|tencent", re.IGNORECASE)


def tracked() -> list[pathlib.Path]:
    listed = subprocess.run(["git", "-C", ROOT, "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True)
    if listed.returncode == 0:
        names = {n for n in listed.stdout.decode().split("\0") if n}
        return sorted(ROOT / n for n in names if (ROOT / n).is_file())
    return sorted(p for p in ROOT.rglob("*") if p.is_file() and not any(
        part.startswith(("build", ".git")) for part in p.relative_to(ROOT).parts))


def main() -> int:
    problems = []
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    if not licence.startswith("MIT License"):
        problems.append("LICENSE: not the MIT licence")
    single = (ROOT / "single_include/objproc/objproc.hpp").read_text(encoding="utf-8")
    if not single.startswith(f"// {SPDX}\n") or "// MIT License" not in single[:600]:
        problems.append("single_include/objproc/objproc.hpp: no licence notice at the top")
    for path in tracked():
        rel = path.relative_to(ROOT)
        text = path.read_text(encoding="utf-8", errors="replace")
        is_data = "corpus" in rel.parts or rel.suffix == ".json" or rel.name.startswith("seed_")
        is_source = rel.suffix in SOURCE_SUFFIXES or rel.name in SOURCE_NAMES
        if is_source and not is_data and rel.name != "LICENSE":
            head = "\n".join(text.splitlines()[:3])
            if SPDX not in head:
                problems.append(f"{rel}: no '{SPDX}' line at the top")
        neutral = rel.as_posix().startswith(NEUTRAL_DIRS)
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                problems.append(f"{rel}:{number}: refers outside the repository: {line.strip()[:90]}")
            if neutral and (found := VENDOR_WORDS.search(line)):
                problems.append(f"{rel}:{number}: vendor knowledge in a vendor-neutral layer "
                                f"({found.group(0)!r}): {line.strip()[:90]}")
    for problem in problems:
        print(problem)
    print(f"repository hygiene: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
