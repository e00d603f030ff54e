// SPDX-License-Identifier: MIT
// libFuzzer target for the CI rule parser (cos/rule.hpp) and the pipeline operator
// (cos/builder.hpp). Properties: parsing never crashes (ASan/UBSan watch); error offsets point
// into the input; accepted input re-parses from its canonical text to an equal rule, whose text
// is itself canonical; joining an accepted rule with itself gives the rule of the joined text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "objproc/cos/builder.hpp"
#include "objproc/cos/rule.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ci = objproc::cos;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // unchecked_rule: offsets point into the input; its text is a fixed point and stays unchecked.
  if (const auto loose = ci::unchecked_rule(text); !loose) {
    if (loose.error().has_offset() && loose.error().offset > text.size()) std::abort();
  } else {
    const auto again = ci::unchecked_rule(loose->view());
    if (!again || !(*again == *loose) || !again->is_unchecked()) std::abort();
  }
  const auto parsed = ci::parse_rule(text);
  if (!parsed) {
    const auto e = parsed.error();
    if (e.code == objproc::errc::none) std::abort();
    if (e.has_offset() && e.offset > text.size()) std::abort();  // offsets point into the input
    return 0;
  }
  const ci::rule& r = *parsed;
  if (r.has_error() || r.empty() || r.rules() == 0 || r.rules() > ci::max_pipeline_rules)
    std::abort();
  const auto again = ci::parse_rule(r.view());
  if (!again || !(*again == r) || again->rules() != r.rules()) std::abort();
  if (again->view() != r.view()) std::abort();  // the canonical text is a fixed point

  // '|' on rules agrees with parsing the joined text.
  const ci::rule joined = r | r;
  const std::string twice = std::string(r.view()) + "|" + std::string(r.view());
  const auto expected = ci::parse_rule(twice);
  if (expected.has_value() != !joined.has_error()) std::abort();
  if (expected && !(*expected == joined)) std::abort();
  // Both fail: for the same reason, except that text beyond the capacity may be refused as
  // too long before the parser sees it (e.g. 14 long rules: style_too_long, not too_many_rules).
  if (!expected && expected.error().code != joined.error().code &&
      !(twice.size() > ci::rule_capacity && joined.error().code == objproc::errc::style_too_long))
    std::abort();
  return 0;
}
