#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
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
# pkgconf and git: the pkg-config and FetchContent package tests. libboost-dev: Boost.Asio for
# the objproc::beast adapter (headers only); openssl (the command): the self-signed certificate
# of the TLS interop tests (without it they are skipped).
packages=(cmake ninja-build g++ clang libclang-rt-14-dev python3 catch2 libssl-dev libcurl4-openssl-dev libbenchmark-dev libboost-dev openssl pkgconf git)
# What each package provides, to check machines without dpkg (command, or header under /usr).
declare -A provides=([cmake]=cmake [ninja-build]=ninja [g++]=g++ [clang]=clang++ [python3]=python3
  [pkgconf]=pkg-config [git]=git [catch2]=include/catch2/catch.hpp [libssl-dev]=include/openssl/evp.h
  [libcurl4-openssl-dev]=include/curl/curl.h [libbenchmark-dev]=include/benchmark/benchmark.h
  [libboost-dev]=include/boost/beast.hpp [openssl]=openssl
  [libclang-rt-14-dev]=lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a)
have() {
  if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
  elif [[ ${provides[$1]} == */* ]]; then
    [[ -e /usr/${provides[$1]} || -e /usr/local/${provides[$1]} ]]
  else
    command -v "${provides[$1]}" >/dev/null 2>&1
  fi
}
missing_packages() {
  missing=()
  for package in "${packages[@]}"; do have "$package" || missing+=("$package"); done
}
missing_packages
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } || true
    missing_packages
  fi
  if ((${#missing[@]})); then
    echo "test-all.sh: cannot run the tests: missing Debian packages: ${missing[*]}" >&2
    if [[ $(id -u) -eq 0 ]]; then
      echo "  apt-get could not install them (no network or no apt?)" >&2
    else
      echo "  run as root to install them, or: sudo apt-get install ${missing[*]}" >&2
    fi
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
