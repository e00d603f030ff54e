// SPDX-License-Identifier: MIT
// libFuzzer target for the OSS process-string parser (oss/style.hpp).
// Properties: parsing never crashes (ASan/UBSan watch), and accepted input re-serialises to
// itself: parse(to_string(parse(x))) == parse(x), in every carrier; the same for
// unchecked_style, which accepts everything parse_style accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "objproc/oss/style.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace oss = objproc::oss;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto where : {oss::carrier::any, oss::carrier::get_url, oss::carrier::sync_process,
                           oss::carrier::async_process}) {
    const auto parsed = oss::parse_style(text, where);
    if (!parsed) {
      const auto e = parsed.error();
      if (e.has_offset() && e.offset > text.size()) std::abort();  // offsets point into the input
      continue;
    }
    const auto again = oss::parse_style(parsed->view(), where);
    if (!again || !(*again == *parsed)) std::abort();
    if (!oss::check_carrier(*parsed, where)) std::abort();
  }
  // Unchecked mode: the same properties, and whatever strict accepts, unchecked accepts.
  for (const auto where : {oss::carrier::any, oss::carrier::get_url, oss::carrier::sync_process,
                           oss::carrier::async_process}) {
    const auto parsed = oss::unchecked_style(text, where);
    if (!parsed) {
      const auto e = parsed.error();
      if (e.has_offset() && e.offset > text.size()) std::abort();
      // (Unchecked keeps base64 padding in the main part, so only it can outgrow the capacity.)
      if (e.code != objproc::errc::style_too_long && oss::parse_style(text, where)) std::abort();
      continue;
    }
    if (!parsed->is_unchecked()) std::abort();
    const auto again = oss::unchecked_style(parsed->view(), where);
    if (!again || !(*again == *parsed)) std::abort();
    if (!oss::check_carrier(*parsed, where)) std::abort();
  }
  return 0;
}
