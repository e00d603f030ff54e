#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Package scenarios that need more than one CMake call; each is a ctest test (package/CMakeLists).

  scenarios.py pkg-config    PREFIX CXX CONSUMER_CPP WORKDIR VERSION
      compile and run the consumer with nothing but `pkg-config --cflags/--libs` of the
      installed objproc.pc (and objproc-openssl.pc / objproc-curl.pc when installed)
  scenarios.py fetch-content SOURCE WORKDIR GENERATOR CXX CONSUMER_DIR
      make a git repository of SOURCE's files, then build and run a project that gets objproc
      with FetchContent from its file:// URL
  scenarios.py headers-only  SOURCE WORKDIR GENERATOR
      the documented header-only install: configure with OBJPROC_HEADERS_ONLY=ON, install with
      no build; check what was installed and that nothing was compiled
"""
import os
import pathlib
import shutil
import subprocess
import sys


def run(*args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], check=True, **kwargs)


def fresh(path: pathlib.Path) -> pathlib.Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def pkg_config(prefix, cxx, consumer, workdir, version):
    env = dict(os.environ, PKG_CONFIG_PATH=str(pathlib.Path(prefix) / "share" / "pkgconfig"))
    env.pop("PKG_CONFIG_LIBDIR", None)
    got = subprocess.run(["pkg-config", "--modversion", "objproc"], env=env, check=True,
                         capture_output=True, text=True).stdout.strip()
    if got != version:
        sys.exit(f"pkg-config says objproc {got}, expected {version}")
    modules, defines = ["objproc"], []
    for adapter, define in (("openssl", "CONSUMER_WITH_OPENSSL"), ("curl", "CONSUMER_WITH_CURL")):
        if subprocess.run(["pkg-config", "--exists", f"objproc-{adapter}"], env=env).returncode == 0:
            modules.append(f"objproc-{adapter}")
            defines.append(f"-D{define}")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", *modules], env=env, check=True,
                           capture_output=True, text=True).stdout.split()
    if not any(f.startswith("-I") and f.endswith("include") for f in flags):
        sys.exit(f"pkg-config --cflags gave no include directory: {flags}")
    out = fresh(pathlib.Path(workdir)) / "consumer"
    run(cxx, "-std=c++20", *defines, consumer, *flags, "-o", out)
    run(out)
    print("pkg-config modules used:", " ".join(modules))


def fetch_content(source, workdir, generator, cxx, consumer_dir):
    source, work = pathlib.Path(source), fresh(pathlib.Path(workdir))
    repo = work / "objproc.git"
    listed = subprocess.run(["git", "-C", source, "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True)
    if listed.returncode == 0:
        names = sorted({n for n in listed.stdout.decode().split("\0") if n})
    else:  # not a git checkout: everything but build trees
        names = [str(p.relative_to(source)) for p in source.rglob("*")
                 if p.is_file() and not p.relative_to(source).parts[0].startswith(("build", ".git"))]
    for name in names:
        if (source / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, repo / name)
    git = ["git", "-C", repo, "-c", "user.name=objproc tests", "-c", "user.email=tests@localhost",
           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    run(*git, "init", "-q")
    run(*git, "add", "-A")
    run(*git, "commit", "-q", "-m", "objproc under test")
    run("cmake", "-S", consumer_dir, "-B", work / "build", "-G", generator,
        f"-DCMAKE_CXX_COMPILER={cxx}", f"-DOBJPROC_GIT_URL=file://{repo}", "-DOBJPROC_GIT_TAG=main")
    run("cmake", "--build", work / "build")
    run(work / "build" / "consumer")


def headers_only(source, workdir, generator):
    work = fresh(pathlib.Path(workdir))
    build, prefix = work / "build", work / "prefix"
    # The README's command, verbatim in shape.
    run("cmake", "-S", source, "-B", build, "-G", generator, "-DOBJPROC_HEADERS_ONLY=ON")
    run("cmake", "--install", build, "--prefix", prefix)
    expected = ["include/objproc/objproc.hpp", "include/objproc/oss/style.hpp",
                "share/cmake/objproc/objproc-config.cmake", "share/pkgconfig/objproc.pc",
                "share/objproc/single_include/objproc/objproc.hpp", "share/doc/objproc/LICENSE"]
    missing = [e for e in expected if not (prefix / e).is_file()]
    if missing:
        sys.exit(f"not installed: {missing}")
    if (prefix / "bin").exists():
        sys.exit(f"a header-only install installed programs: {list((prefix / 'bin').iterdir())}")
    built = [p for p in build.rglob("*") if p.suffix in (".o", ".a", ".so") or
             (p.is_file() and os.access(p, os.X_OK) and p.suffix == "" and "CMakeFiles" not in p.parts)]
    if built:
        sys.exit(f"a header-only configure built something: {built[:5]}")
    print("header-only install: ok")


if __name__ == "__main__":
    commands = {"pkg-config": pkg_config, "fetch-content": fetch_content,
                "headers-only": headers_only}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
