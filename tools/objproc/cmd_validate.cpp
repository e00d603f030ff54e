// SPDX-License-Identifier: MIT
// tools/objproc/cmd_validate.cpp - `objproc validate oss|ci STRING`: the canonical form, or a
// caret diagnostic pointing at the offending byte.
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <objproc/objproc.hpp>

#include "args.hpp"
#include "commands.hpp"

namespace objproc_cli {

namespace {
constexpr std::string_view usage = "validate oss|ci [--unchecked] [--for WHERE] STRING";
constexpr std::string_view summary =
    "Checks an OSS process string (oss) or a Tencent CI rule (ci) against the grammar.\n"
    "Prints the canonical form and exits 0, or prints a caret diagnostic and exits 1.\n"
    "Without --for, a string passes when it can run somewhere; --for checks one place.\n"
    "--unchecked checks the structure, the placement and injection safety, not the\n"
    "vocabulary: for operations or parameters the vendor added after this release.\n\n"
    "  objproc validate oss 'image/resize,m_fixed,w_100,h_100'\n"
    "  objproc validate ci 'imageMogr2/thumbnail/!50p|imageView2/format/png'\n"
    "  objproc validate oss --unchecked 'image/newop,k_1'";
constexpr flag_spec flags[] = {
    {"unchecked", "", "check structure and placement only, not the vocabulary"},
    {"for", "WHERE",
     "oss: get-url, process or async-process; ci: download, upload or cloud-process"},
};

std::optional<objproc::oss::carrier> oss_carrier(std::string_view where) {
  using objproc::oss::carrier;
  if (where == "get-url") return carrier::get_url;
  if (where == "process") return carrier::sync_process;
  if (where == "async-process") return carrier::async_process;
  return std::nullopt;
}
std::optional<objproc::cos::rule_carrier> ci_carrier(std::string_view where) {
  using objproc::cos::rule_carrier;
  if (where == "download") return rule_carrier::download_url;
  if (where == "upload") return rule_carrier::upload;
  if (where == "cloud-process") return rule_carrier::cloud_process;
  return std::nullopt;
}
}  // namespace

int run_validate(std::span<char* const> args) {
  std::string problem;
  const auto parsed = parse_args(args, flags, 2, problem);
  if (!parsed) return usage_error("validate", problem);
  if (parsed->help) {
    std::fputs(help_text(usage, summary, flags).c_str(), stdout);
    return exit_ok;
  }
  if (parsed->positionals.size() != 2)
    return usage_error("validate", "expected a kind (oss or ci) and a string");
  const std::string_view kind = parsed->positionals[0];
  const std::string_view text = parsed->positionals[1];
  if (kind != "oss" && kind != "ci" && kind != "cos")
    return usage_error("validate", "the kind is oss or ci, not '" + std::string(kind) + "'");

  const bool unchecked = parsed->has("unchecked");
  const std::string_view where = parsed->get("for").value_or("");
  objproc::error failure;
  std::string canonical;
  if (kind == "oss") {
    auto carrier = objproc::oss::carrier::any;
    if (!where.empty()) {
      const auto c = oss_carrier(where);
      if (!c) return usage_error("validate", "--for is get-url, process or async-process for oss");
      carrier = *c;
    }
    const auto style = unchecked ? objproc::oss::unchecked_style(text, carrier)
                                 : objproc::oss::parse_style(text, carrier);
    if (style)
      canonical = style->view();
    else
      failure = style.error();
  } else {
    auto carrier = objproc::cos::rule_carrier::any;
    if (!where.empty()) {
      const auto c = ci_carrier(where);
      if (!c) return usage_error("validate", "--for is download, upload or cloud-process for ci");
      carrier = *c;
    }
    const auto rule = unchecked ? objproc::cos::unchecked_rule(text, carrier)
                                : objproc::cos::parse_rule(text, carrier);
    if (rule)
      canonical = rule->view();
    else
      failure = rule.error();
  }
  if (!canonical.empty()) {
    std::printf("%s\n", canonical.c_str());
    return exit_ok;
  }
  std::fprintf(stderr, "%s\n", objproc::render_diagnostic(text, failure).c_str());
  return exit_failed;
}

}  // namespace objproc_cli
