// SPDX-License-Identifier: MIT
// tools/objproc/cmd_sign.cpp - `objproc sign --jsonl`: the batch signer for scripts.
#include <cstdio>
#include <string>
#include <string_view>

#include "args.hpp"
#include "commands.hpp"
#include "jsonl.hpp"

namespace objproc_cli {

namespace {
constexpr std::string_view usage = "sign --jsonl < operations.jsonl";
constexpr std::string_view summary =
    "Reads one JSON operation per line on stdin and writes one JSON result per line on\n"
    "stdout, in order, each as soon as its line has been read (a coprocess can write a line\n"
    "and wait for its answer), flushing each; a bad line gives {\"ok\":false,...} and the\n"
    "stream goes on. Lines are at most 1 MiB. Blank lines are skipped. Nothing is sent. Exit\n"
    "status 0 once the input is consumed (per-line errors are in the output), 1 when reading\n"
    "fails, 3 when writing fails (a closed pipe, a full disk).\n\n"
    "Input fields: id (echoed), provider (oss|cos), op (oss: process_object,\n"
    "async_process_object, presign_get; cos: ci_put_object, ci_image_process, presign_get),\n"
    "region, bucket, key, endpoint? (not empty), time? (unix seconds, default now),\n"
    "credentials? "
    "{access_key_id, access_key_secret, security_token?} (default: the environment);\n"
    "oss: style, save_as? {bucket?, key}, notify_topic? (async), signature? (v4|v1),\n"
    "request_payer? (\"requester\") and content_md5? (true: computed over the body sent) on\n"
    "process_object and async_process_object, expires? (presign); cos: pic_operations\n"
    "{is_pic_info?, rules: [{bucket?, fileid, rule}]}, rule? (presign), expires? (default 3600);\n"
    "ci_put_object also body_base64?, content_type?, acl?, grant_read?, grant_read_acp?,\n"
    "grant_write_acp?, grant_full_control? (id=\"UIN\",...), storage_class?, expires_at? (the\n"
    "Expires header: unix seconds, or an RFC 1123 date string), cache_control?,\n"
    "content_disposition?, content_encoding?, content_language?, content_md5? (the base64\n"
    "value, or true to compute it from the body), meta? {\"key\": \"value\", ...}\n"
    "(x-cos-meta-key), traffic_limit? (integer, bit/s).\n"
    "Unknown fields, and fields the operation does not use, are errors.\n\n"
    "Output: "
    "{\"id\",\"ok\":true,\"method\",\"url\",\"headers\":[[name,value],...],\"body_base64\"}\n"
    "with every header to send (signed values; never the secret key), or\n"
    "{\"id\",\"ok\":false,\"error\":{\"code\",\"message\",\"offset\"}} (offset: a byte offset "
    "into\n"
    "the input line, or null).";
constexpr flag_spec flags[] = {{"jsonl", "", "JSON lines in, JSON lines out (required)"}};
}  // namespace

int run_sign(std::span<char* const> args) {
  std::string problem;
  const auto parsed = parse_args(args, flags, 0, problem);
  if (!parsed) return usage_error("sign", problem);
  if (parsed->help) {
    std::fputs(help_text(usage, summary, flags).c_str(), stdout);
    return exit_ok;
  }
  if (!parsed->has("jsonl")) return usage_error("sign", "--jsonl is required (the only format)");
  return run_jsonl(stdin, stdout);
}

}  // namespace objproc_cli
