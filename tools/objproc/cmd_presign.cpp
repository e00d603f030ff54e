// SPDX-License-Identifier: MIT
// tools/objproc/cmd_presign.cpp - `objproc presign oss|cos ...`: a presigned GET URL, with an
// OSS style or a CI rule applied on download.
#include <cstdio>
#include <string>
#include <string_view>

#include "args.hpp"
#include "commands.hpp"
#include "diagnose.hpp"
#include "environment.hpp"
#include "jsonl.hpp"
#include "operation.hpp"
#include "output.hpp"

namespace objproc_cli {

namespace {
constexpr std::string_view usage =
    "presign oss|cos --region R --bucket B --key K [--style S | --rule R] [options]";
constexpr std::string_view summary =
    "Prints a presigned GET URL. OSS takes a process string (--style, no sys/saveas),\n"
    "COS a CI rule (--rule). Keys come from OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET\n"
    "[/ OSS_SESSION_TOKEN] or COS_SECRET_ID / COS_SECRET_KEY [/ COS_SESSION_TOKEN]\n"
    "(TENCENTCLOUD_* also work); without them the URL is signed with example keys.\n\n"
    "  objproc presign oss --region cn-hangzhou --bucket examplebucket \\\n"
    "      --key photos/cat.jpg --style image/resize,w_200";
constexpr flag_spec flags[] = {
    {"region", "R", "region, e.g. cn-hangzhou or ap-guangzhou"},
    {"bucket", "B", "bucket (COS: BucketName-APPID)"},
    {"key", "K", "object key"},
    {"endpoint", "E", "a custom endpoint host instead of the region's (not empty)"},
    {"style", "S", "oss: process string applied on download"},
    {"rule", "R", "cos: CI rule applied on download"},
    {"expires", "SECONDS", "lifetime of the URL (default 3600)"},
    {"signature", "v4|v1", "oss: signature version (default v4)"},
    {"time", "UNIX", "signing time in unix seconds (default: now)"},
    {"unchecked", "", "check structure and placement only, not the vocabulary"},
    {"json", "", "print the URL as one JSON line (the sign --jsonl answer)"},
};
}  // namespace

int run_presign(std::span<char* const> args) {
  std::string problem;
  const auto parsed = parse_args(args, flags, 1, problem);
  if (!parsed) return usage_error("presign", problem);
  if (parsed->help) {
    std::fputs(help_text(usage, summary, flags).c_str(), stdout);
    return exit_ok;
  }
  if (parsed->positionals.size() != 1) return usage_error("presign", "expected oss or cos");
  operation_input in;
  in.kind = op_kind::presign_get;
  const std::string_view vendor = parsed->positionals[0];
  if (vendor == "oss") {
    in.vendor = provider::oss;
    if (parsed->has("rule")) return usage_error("presign", "--rule is for cos; oss takes --style");
  } else if (vendor == "cos") {
    in.vendor = provider::cos;
    if (parsed->has("style")) return usage_error("presign", "--style is for oss; cos takes --rule");
    if (parsed->has("signature")) return usage_error("presign", "--signature is for oss");
  } else {
    return usage_error("presign", "the provider is oss or cos, not '" + std::string(vendor) + "'");
  }
  for (const char* required : {"region", "bucket", "key"})
    if (!parsed->has(required))
      return usage_error("presign", "--" + std::string(required) + " is required");
  if (auto bad = read_common_flags(*parsed, in)) return usage_error("presign", *bad);
  in.unchecked = parsed->has("unchecked");
  if (auto s = parsed->get("style")) in.style = std::string(*s);
  if (auto r = parsed->get("rule")) in.rule = std::string(*r);
  if (auto e = parsed->get("expires")) {
    const auto seconds = parse_seconds(*e);
    if (!seconds) return usage_error("presign", "--expires takes a positive number of seconds");
    in.expires = *seconds;
  }
  auto keys = environment_credentials(in.vendor);
  if (!keys && keys.error().code != objproc::errc::missing_credentials) {
    // Keys that are set but unusable (a control character): never replaced by example keys.
    std::fprintf(stderr, "objproc presign: credentials: %s\n",
                 objproc::to_string(keys.error()).c_str());
    return exit_failed;
  }
  in.credentials = keys ? *keys : example_credentials(in.vendor);
  const build_result built = build(in);
  const bool json = parsed->has("json");
  if (!built.ok) {
    if (!json) return report_failure(built.failure);
    (void)write_all(stdout, json_failure_line(built.failure) + "\n");
    return exit_failed;
  }
  if (!keys) print_example_banner(in.vendor, false);
  if (json) {
    (void)write_all(stdout, json_success_line(*built.ok) + "\n");
    return exit_ok;
  }
  std::printf("%s\n", built.ok->url.c_str());
  return exit_ok;
}

}  // namespace objproc_cli
