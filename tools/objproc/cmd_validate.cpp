// SPDX-License-Identifier: MIT
// tools/objproc/cmd_validate.cpp - `objproc validate oss|ci STRING`: the canonical form, or a
// caret diagnostic pointing at the offending byte.
#include <cstdio>
#include <string>
#include <string_view>

#include <objproc/objproc.hpp>

#include "args.hpp"
#include "commands.hpp"

namespace objproc_cli {

namespace {
constexpr std::string_view usage = "validate oss|ci STRING";
constexpr std::string_view summary =
    "Checks an OSS process string (oss) or a Tencent CI rule (ci) against the grammar.\n"
    "Prints the canonical form and exits 0, or prints a caret diagnostic and exits 1.\n\n"
    "  objproc validate oss 'image/resize,m_fixed,w_100,h_100'\n"
    "  objproc validate ci 'imageMogr2/thumbnail/!50p|imageView2/format/png'";
}  // namespace

int run_validate(std::span<char* const> args) {
  std::string problem;
  const auto parsed = parse_args(args, {}, 2, problem);
  if (!parsed) return usage_error("validate", problem);
  if (parsed->help) {
    std::fputs(help_text(usage, summary, {}).c_str(), stdout);
    return exit_ok;
  }
  if (parsed->positionals.size() != 2)
    return usage_error("validate", "expected a kind (oss or ci) and a string");
  const std::string_view kind = parsed->positionals[0];
  const std::string_view text = parsed->positionals[1];
  if (kind != "oss" && kind != "ci" && kind != "cos")
    return usage_error("validate", "the kind is oss or ci, not '" + std::string(kind) + "'");

  objproc::error failure;
  std::string canonical;
  if (kind == "oss") {
    const auto style = objproc::oss::parse_style(text);
    if (style)
      canonical = style->view();
    else
      failure = style.error();
  } else {
    const auto rule = objproc::cos::parse_rule(text);
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
