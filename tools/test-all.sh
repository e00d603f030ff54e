#!/usr/bin/env bash
# Runs every objproc test on a fresh Debian 12 machine, from a clean clone:
#   1. installs the missing Debian packages with apt-get (when run as root);
#   2. builds and runs ctest four times through the CMake workflow presets:
#      ci-gcc (g++ 12, -Werror, tests also against the single header, package consumers),
#      ci-clang (clang, -Werror), ci-noexcept (tests built with -fno-exceptions),
#      ci-sanitize (ASan + UBSan).
# Usage: tools/test-all.sh [preset...]   (default: all four)
set -euo pipefail
cd "$(dirname "$0")/.."

# libclang-rt-14-dev: libFuzzer and the sanitizer runtimes for clang (fuzz targets in ci-clang).
packages=(cmake ninja-build g++ clang libclang-rt-14-dev python3 catch2 libssl-dev libcurl4-openssl-dev libbenchmark-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "== installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "missing Debian packages: ${missing[*]}" >&2
    echo "run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

presets=("$@")
((${#presets[@]})) || presets=(ci-gcc ci-clang ci-noexcept ci-sanitize)
for preset in "${presets[@]}"; do
  echo "== workflow ${preset}"
  start=$SECONDS
  rm -rf "build/${preset}"  # every run starts from a clean build tree
  cmake --workflow --preset "${preset}"
  echo "== ${preset} passed in $((SECONDS - start)) s"
done
echo "== all test workflows passed: ${presets[*]}"
