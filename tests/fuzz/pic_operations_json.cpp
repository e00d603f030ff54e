// SPDX-License-Identifier: MIT
// libFuzzer target for the JSON reader (core/json.hpp) and the Pic-Operations reader
// (cos/pic_operations.hpp).
// Properties: parsing never crashes (ASan/UBSan watch) and error offsets point into the input;
// an accepted JSON text re-serialises to compact text that parses to an equal value; accepted
// Pic-Operations re-serialise with to_json (which must succeed) and parse back to an equal value,
// and to_json is a fixed point from there.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "objproc/core/json.hpp"
#include "objproc/cos/pic_operations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace cos = objproc::cos;
  namespace json = objproc::json;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto doc = json::parse(text); doc) {
    const std::string compact = json::to_string(*doc);
    const auto again = json::parse(compact);
    if (!again || !(*again == *doc) || json::to_string(*again) != compact) std::abort();
  } else if (doc.error().has_offset() && doc.error().offset > text.size()) {
    std::abort();
  }

  const auto ops = cos::parse_pic_operations(text);
  if (!ops) {
    if (ops.error().has_offset() && ops.error().offset > text.size()) std::abort();
    return 0;
  }
  if (ops->rules.size() > cos::max_pic_rules) std::abort();
  const auto out = cos::to_json(*ops);
  if (!out) std::abort();
  const auto back = cos::parse_pic_operations(*out);
  if (!back || !(*back == *ops)) std::abort();
  const auto out2 = cos::to_json(*back);
  if (!out2 || *out2 != *out) std::abort();
  return 0;
}
