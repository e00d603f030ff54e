// SPDX-License-Identifier: MIT
// <objproc/literals.hpp> alone gives the checked literals and both parsers (compiled by
// tests/CMakeLists.txt against the split headers, with the strict warning set), and stays the
// cheap include: none of the signing, HTTP or client headers come with it.
#include <objproc/literals.hpp>

#if defined(OBJPROC_CLIENT_HPP) || defined(OBJPROC_HTTP_REQUEST_HPP) || \
    defined(OBJPROC_OSS_OPERATIONS_HPP) || defined(OBJPROC_COS_OPERATIONS_HPP) ||   \
    defined(OBJPROC_OSS_BUILDER_HPP) || defined(OBJPROC_COS_BUILDER_HPP)
#  error "objproc/literals.hpp must not include the builders, signing, HTTP or client headers"
#endif

using namespace objproc::literals;

constexpr objproc::oss::style_string style = "image/resize,w_100/quality,q_90"_oss;
constexpr objproc::cos::rule_string rule = "imageMogr2/thumbnail/!50p"_ci;
static_assert(style.view() == "image/resize,w_100/quality,q_90");
static_assert(rule.view() == "imageMogr2/thumbnail/!50p");
// The parsers, at compile time: a bad string is an error, not a crash.
static_assert(!objproc::oss::parse_style("image/resize,w_0").has_value());
static_assert(!objproc::cos::parse_rule("imageMogr2/thumbnail/").has_value());

int main() {
  const objproc::oss::runtime_style at_run_time{"image/resize,w_100"};
  return objproc::oss::parse_style(at_run_time.text).has_value() ? 0 : 1;
}
