#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The objproc demo: builds the command-line tool with nothing but a C++20 compiler and CMake (no
# Catch2, OpenSSL, libcurl or Google Benchmark), then runs the seed scenarios as dry runs: the
# signed requests of OSS ProcessObject / AsyncProcessObject and COS + CI upload / image_process,
# a presigned URL, a JSON-lines batch, and the caret diagnostic of a bad style. Nothing is sent.
#
# Usage: tools/demo.sh            (builds into build/demo)
#   OBJPROC_DEMO_BUILD_DIR=dir    build somewhere else
#   OBJPROC_CLI=path/to/objproc   skip the build and use this binary
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [[ -z "${OBJPROC_CLI:-}" ]]; then
  build="${OBJPROC_DEMO_BUILD_DIR:-$root/build/demo}"
  generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  log="$(mktemp "${TMPDIR:-/tmp}/objproc-demo-build-XXXXXX.log")"
  # Quiet when it works; the whole log, and where it is, when it does not.
  quietly() {
    if ! "$@" >"$log" 2>&1; then
      cat "$log" >&2
      echo "demo: '$*' failed (log: $log)" >&2
      exit 1
    fi
  }
  echo "== configuring $build (tests, examples, benchmarks and adapters off: no dependency)"
  quietly cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DOBJPROC_BUILD_TESTS=OFF -DOBJPROC_BUILD_EXAMPLES=OFF -DOBJPROC_BUILD_BENCH=OFF \
    -DOBJPROC_BUILD_TOOLS=ON -DOBJPROC_WITH_OPENSSL=OFF -DOBJPROC_WITH_CURL=OFF \
    -DOBJPROC_INSTALL=OFF
  echo "== building the objproc command-line tool"
  quietly cmake --build "$build" --target objproc-cli --parallel "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
  rm -f "$log"
  OBJPROC_CLI="$build/tools/objproc/objproc"
fi

# No vendor keys: the tool signs with the documentation's example keys and says so, and a dry
# run never sends. A fixed time makes the output match tests/vectors/signing.json.
objproc() {
  env -u OSS_ACCESS_KEY_ID -u OSS_ACCESS_KEY_SECRET -u OSS_SESSION_TOKEN \
      -u COS_SECRET_ID -u COS_SECRET_KEY -u COS_SESSION_TOKEN \
      -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY -u TENCENTCLOUD_SESSION_TOKEN \
      "$OBJPROC_CLI" "$@" 2>&1
}
time=1795248000  # 2026-11-21T08:00:00Z
bold='' plain=''
if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; fi
step() { printf '\n%s== %s%s\n$ objproc %s\n' "$bold" "$1" "$plain" "$2"; }

step "OSS ProcessObject: resize and save as (sys/saveas)" \
  "process --region cn-hangzhou --bucket examplebucket --key exampledir/example.jpg --style image/resize,m_fixed,w_100,h_100 --target_image exampledir/resized.jpg --target_bucket targetbucket --dry-run"
objproc process --region cn-hangzhou --bucket examplebucket --key exampledir/example.jpg \
  --style image/resize,m_fixed,w_100,h_100 --target_image exampledir/resized.jpg \
  --target_bucket targetbucket --time "$time" --dry-run

step "OSS AsyncProcessObject: convert a document, save, notify" \
  "async-process --region cn-hangzhou --bucket examplebucket --key docs/example.docx --style doc/convert,target_png,source_docx --target_key dest.png --target_bucket examplebucket --notify-topic test-topic --dry-run"
objproc async-process --region cn-hangzhou --bucket examplebucket --key docs/example.docx \
  --style doc/convert,target_png,source_docx --target_key dest.png \
  --target_bucket examplebucket --notify-topic test-topic --time "$time" --dry-run

upload="$(mktemp "${TMPDIR:-/tmp}/objproc-demo-XXXXXX.jpg")"
trap 'rm -f "$upload"' EXIT
printf 'fakejpegbytes' >"$upload"
step "COS + CI upload with processing (Pic-Operations)" \
  "ci-put --region ap-guangzhou --bucket examplebucket-1250000000 --key local.jpg --file local.jpg --content-type image/jpeg --rule imageView2/format/png --fileid format.png --dry-run"
objproc ci-put --region ap-guangzhou --bucket examplebucket-1250000000 --key local.jpg \
  --file "$upload" --content-type image/jpeg --rule imageView2/format/png --fileid format.png \
  --time "$time" --dry-run

step "COS + CI processing of a stored object (POST ?image_process)" \
  "ci-process --region ap-guangzhou --bucket examplebucket-1250000000 --key local.jpg --rule imageView2/format/png --fileid format.png --dry-run"
objproc ci-process --region ap-guangzhou --bucket examplebucket-1250000000 --key local.jpg \
  --rule imageView2/format/png --fileid format.png --time "$time" --dry-run

step "A presigned GET URL that resizes on download" \
  "presign oss --region cn-hangzhou --bucket examplebucket --key 'photos/猫 cat+1.jpg' --style image/resize,m_fill,w_200,h_200/quality,q_80/format,webp"
objproc presign oss --region cn-hangzhou --bucket examplebucket --key 'photos/猫 cat+1.jpg' \
  --style image/resize,m_fill,w_200,h_200/quality,q_80/format,webp --time "$time"

step "JSON lines in, signed requests out (one good line, one bad)" "sign --jsonl"
keys='"credentials":{"access_key_id":"LTAI5tExampleAK","access_key_secret":"ExampleSecretKey123"}'
printf '%s\n' \
  '{"id":1,"provider":"oss","op":"process_object","region":"cn-hangzhou","bucket":"examplebucket","key":"exampledir/example.jpg","style":"image/resize,m_fixed,w_100,h_100","save_as":{"bucket":"targetbucket","key":"exampledir/resized.jpg"},"time":1795248000,'"$keys"'}' \
  '{"id":2,"provider":"oss","op":"process_object","region":"cn-hangzhou","bucket":"examplebucket","key":"a.jpg","style":"image/resize,w_0","time":1795248000,'"$keys"'}' |
  objproc sign --jsonl

step "A bad style: the caret points at the problem (exit status 1)" \
  "validate oss 'image/resize,w_100,m_abc'"
status=0
objproc validate oss 'image/resize,w_100,m_abc' || status=$?
if [[ $status -ne 1 ]]; then
  echo "demo: expected exit status 1 for a bad style, got $status" >&2
  exit 1
fi
printf '\n== demo done: every request above was signed and none was sent\n'
