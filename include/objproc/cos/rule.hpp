// SPDX-License-Identifier: MIT
// objproc/cos/rule.hpp - the Tencent Cloud CI rule grammar: one constexpr parser, and the
// grammar policy that makes cos::rule and cos::rule_string of core/checked_text.hpp.
//
//   parse_rule(text)         -> result<rule>   run time or compile time, any input
//   parse_rule(text, where)  the same for one carrier (rule_carrier::download_url, upload, ...)
//   unchecked_rule(text, where)   the explicit way past the vocabulary (structure and placement
//                            still checked; the rule remembers it: is_unchecked())
//   rule_string{"..."}       consteval: a bad literal is a compile error naming its errc
//   "..."_ci                 the same, in objproc::literals (always strict)
//   runtime_rule{text}       the explicit opt-out from compile-time checking
//   r.check_placement(where) whether the rule may run there, read from what the parse recorded
//                            (rule::facts()): no second parse
//
// Grammar (style-spec §7.2, §8; docs/vocabulary/cos.md): rules joined by '|' (at most 10),
// each one of
//   imageMogr2/<key>[/<value>]...        flags (auto-orient, strip, AIGCMetadata) take no value
//   imageView2[/<mode 1-5>]/<key>/<value>...
//   watermark/<1|2|3|4>/<key>/<value>...
//   QRcode/cover/<0|1>[/<key>/<value>]...   upload only, alone
//   imageSlim                            alone
//   imageInfo | exif | imageAve          download URL only, alone
//   style/<name>                         Pic-Operations only
// Inside a rule everything is separated by '/', so a value can never contain '/': base64
// values use the URL-safe alphabet. Every operation, key, value syntax and carrier is in the
// tables of cos/spec.hpp.
//
// Canonical text: base64 values lose their '=' padding, gravity names are lower case and one
// trailing '/' after a complete rule (documented examples end with one) is dropped; all else
// stays as written, so parse(to_string(x)) == x.
#ifndef OBJPROC_COS_RULE_HPP
#define OBJPROC_COS_RULE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/checked_text.hpp"
#include "objproc/core/diagnostic.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/scan.hpp"
#include "objproc/core/text.hpp"
#include "objproc/cos/spec.hpp"

// The longest canonical CI rule (pipeline) a cos::rule holds inline.
// Changes sizeof(cos::rule): define it the same way in every translation unit.
#ifndef OBJPROC_COS_RULE_CAPACITY
#  define OBJPROC_COS_RULE_CAPACITY 2048
#endif

OBJPROC_NAMESPACE_BEGIN

namespace cos {

inline constexpr std::size_t rule_capacity = OBJPROC_COS_RULE_CAPACITY;
inline constexpr std::size_t max_pipeline_rules = 10;  // "up to 10 pipeline levels" (§7.2)

/// What parsing a rule records, so that the placement check (rule::check_placement) reads it
/// instead of parsing again. Offsets are into the canonical text. (Zero is "nothing recorded",
/// as in oss::style_facts.)
struct rule_facts {
  /// For each set of carrier bits: the `refused` bits of the carriers that refuse it.
  static constexpr std::array<std::uint8_t, 8> refusing = [] {
    std::array<std::uint8_t, 8> bits{};
    for (unsigned carriers = 0; carriers < bits.size(); ++carriers)
      for (unsigned i = 0; i < 4; ++i)
        if ((carriers & spec::carrier_mask(static_cast<rule_carrier>(i + 1))) == 0)
          bits[carriers] = static_cast<std::uint8_t>(bits[carriers] | 1U << i);
    return bits;
  }();

  std::uint8_t count = 0;  // rules in the pipeline
  /// Bit i: something may not run in carrier i + 1 (download_url, upload, cloud_process,
  /// persistent, in rule_carrier's order).
  std::uint8_t refused = 0;
  /// Per bit set in `refused`: where the first operation, key or value that may not run there
  /// starts.
  std::array<std::uint16_t, 4> refused_at{};

  /// Records a placement rule: what starts at `at` runs only in `carriers` (spec::carrier_bits).
  constexpr void note(std::uint8_t carriers, std::size_t at) noexcept {
    if (carriers == spec::everywhere) return;  // most rows
    // The carriers refusing it that refused nothing before.
    const unsigned first = refusing[carriers & spec::everywhere] & ~unsigned{refused};
    if (first == 0) return;
    refused = static_cast<std::uint8_t>(refused | first);
    for (std::size_t i = 0; i < refused_at.size(); ++i)
      if ((first >> i & 1U) != 0)  // at most 65535 (checked_text); longer text fails the parse
        refused_at[i] = static_cast<std::uint16_t>(at);
  }
  /// Where the first thing that may not run in `where` starts, or error::no_offset.
  [[nodiscard]] constexpr std::size_t first_refusal(rule_carrier where) const noexcept {
    if (where == rule_carrier::any) return error::no_offset;
    const auto i = static_cast<std::size_t>(where) - 1;
    return (refused >> i & 1U) != 0 ? refused_at[i] : error::no_offset;
  }
};

namespace detail {

using objproc::detail::end_of_field;
using objproc::detail::find_char;
using objproc::detail::is_digit;
using objproc::detail::parse_integer;
using objproc::detail::same;
using objproc::detail::starts_with;
using objproc::detail::text_writer;

// A positive integer field of a geometry (no sign, no leading zero); offsets relative to `v`.
[[nodiscard]] constexpr result<std::int64_t> positive(std::string_view v,
                                                      std::int64_t min) noexcept {
  if (!v.empty() && v[0] == '-')
    return error{errc::invalid_dimensions, 0, "expected a positive number"};
  auto n = parse_integer(v);
  if (!n) return error{errc::invalid_dimensions, n.error().offset, "expected a number"};
  if (*n < min) return error{errc::value_out_of_range, 0, "too small"};
  return n;
}

// A width or height: positive, and at most spec::max_side (the service would clamp it).
[[nodiscard]] constexpr result<std::int64_t> side(std::string_view v, std::int64_t min) noexcept {
  auto n = positive(v, min);
  if (n && *n > spec::max_side)
    return error{errc::value_out_of_range, 0, "a side is at most 10000 (larger is clamped)"};
  return n;
}

// "AxB" with both parts (or one part, when `allow_missing`) positive.
[[nodiscard]] constexpr result<void> check_box(std::string_view v, bool allow_missing,
                                               std::int64_t min) noexcept {
  const std::size_t x = find_char(v, 'x');
  if (x == std::string_view::npos) return error{errc::invalid_dimensions, v.size(), "expected WxH"};
  const std::string_view w = v.substr(0, x);
  const std::string_view h = v.substr(x + 1);
  if (w.empty() && h.empty()) return error{errc::invalid_dimensions, x, "expected WxH"};
  if (!w.empty() || !allow_missing)
    if (auto r = side(w, min); !r) return r.error();
  if (!h.empty() || !allow_missing)
    if (auto r = side(h, min); !r) return r.error().shifted(x + 1);
  return {};
}

// thumbnail geometries (§8.1)
[[nodiscard]] constexpr result<void> check_thumbnail(std::string_view v) noexcept {
  if (v.empty()) return error{errc::invalid_dimensions, 0, "empty geometry"};
  if (v.back() == '@') {  // <Area>@
    if (auto r = positive(v.substr(0, v.size() - 1), 1); !r) return r.error();
    return {};
  }
  if (v[0] == '!') {
    const std::string_view rest = v.substr(1);
    if (!rest.empty() && rest.back() == 'r') {  // !<W>x<H>r
      if (auto r = check_box(rest.substr(0, rest.size() - 1), false, 1); !r)
        return r.error().shifted(1);
      return {};
    }
    std::string_view number;
    std::size_t at = 1;
    if (rest.size() >= 2 && rest[0] == 'x' && rest.back() == 'p') {  // !x<S>p
      number = rest.substr(1, rest.size() - 2);
      at = 2;
    } else if (rest.size() >= 2 && same(rest.substr(rest.size() - 2), "px")) {  // !<S>px
      number = rest.substr(0, rest.size() - 2);
    } else if (!rest.empty() && rest.back() == 'p') {  // !<S>p
      number = rest.substr(0, rest.size() - 1);
    } else {
      return error{errc::invalid_dimensions, v.size() - 1, "expected p, px or r after '!'"};
    }
    if (auto r = positive(number, 1); !r) return r.error().shifted(at);
    return {};
  }
  std::string_view box = v;
  if (box.back() == '>' || box.back() == '<' || box.back() == '!') {  // shrink/enlarge/exact
    box.remove_suffix(1);
    return check_box(box, false, 1);
  }
  return check_box(box, true, 1);  // <W>x, x<H>, <W>x<H>
}

// Base64 parameter values: decode, check what they hold, write them unpadded.
[[nodiscard]] constexpr result<void> check_base64_value(std::string_view v, spec::value_kind kind,
                                                        text_writer& out) noexcept {
  std::array<char, 1536> buffer;  // decode_base64_text writes [0, n) before anything reads it
  auto value = objproc::detail::decode_base64_text(v, buffer);
  if (!value) return value.error();
  const std::string_view text = value->text;
  if (kind == spec::value_kind::base64_color) {
    bool ok = text.size() == 7 && text[0] == '#';
    for (std::size_t i = 1; ok && i < 7; ++i) ok = objproc::detail::hex_value(text[i]) >= 0;
    if (!ok) return error{errc::invalid_color, 0, "must encode #RRGGBB"};
  } else if (kind == spec::value_kind::base64_url) {
    // The documented form: an http:// COS origin URL (https and CDN domains are refused).
    if (!starts_with(text, "http://") || text.size() == 7)
      return error{errc::invalid_base64_value, 0, "must encode an http:// URL"};
  }
  out.put(value->unpadded);
  return {};
}

[[nodiscard]] constexpr result<void> check_value(std::string_view v, const spec::param_spec& p,
                                                 text_writer& out) noexcept {
  using spec::value_kind;
  switch (p.kind) {
    case value_kind::flag:
      return {};
    case value_kind::integer: {
      auto n = parse_integer(v);
      if (!n) return n.error();
      // [T]/[?] rows: the syntax only, never guessed limits.
      if (p.source != confidence::documented && p.source != confidence::sdk) break;
      if (*n < p.min) return error{errc::value_out_of_range, 0, "below the minimum"};
      if (*n > p.max) return error{errc::value_out_of_range, 0, "above the maximum"};
      break;
    }
    case value_kind::enumeration:
      if (!objproc::detail::in_word_list(p.choices, v))
        return error{errc::invalid_enum_value, 0, p.choices};
      break;
    case value_kind::gravity: {
      constexpr std::string_view names =
          "northwest north northeast west center east southwest south southeast";
      std::array<char, 16> lower{};
      if (v.size() > lower.size()) return error{errc::invalid_enum_value, 0, names};
      for (std::size_t i = 0; i < v.size(); ++i)
        lower[i] = v[i] >= 'A' && v[i] <= 'Z' ? static_cast<char>(v[i] - 'A' + 'a') : v[i];
      const std::string_view name(lower.data(), v.size());
      if (!objproc::detail::in_word_list(names, name))
        return error{errc::invalid_enum_value, 0, names};
      out.put(name);
      return {};
    }
    case value_kind::quality: {
      const std::string_view number = !v.empty() && v.back() == '!' ? v.substr(0, v.size() - 1) : v;
      auto n = parse_integer(number);
      if (!n) return n.error();
      if (*n < 0 || *n > 100) return error{errc::value_out_of_range, 0, "quality is 0-100"};
      break;
    }
    case value_kind::thumbnail:
      if (auto r = check_thumbnail(v); !r) return r;
      break;
    case value_kind::cut: {  // WxHxDXxDY (offsets may be 0, style-spec §9 #16), or WxH [S]
      std::size_t from = 0;
      for (int field = 0; field < 4; ++field) {
        const std::size_t end = end_of_field(v, 'x', from);
        if (end == v.size() && (field == 0 || field == 2))
          return error{errc::invalid_dimensions, v.size(), "expected WxHxDXxDY or WxH"};
        if (end != v.size() && field == 3)
          return error{errc::invalid_dimensions, end, "expected WxHxDXxDY"};
        const std::string_view number = v.substr(from, end - from);
        if (auto r = field < 2 ? side(number, 1) : positive(number, 0); !r)
          return r.error().shifted(from);
        if (end == v.size()) break;  // after H: the two-field form
        from = end + 1;
      }
      break;
    }
    case value_kind::crop:
      if (!v.empty() && v[0] == '!') {  // legacy !WxHa<dx>a<dy>, offsets signed with 'a' or '-'
        std::size_t at = 1;
        const std::size_t box_end = [&] {
          for (std::size_t i = 1; i < v.size(); ++i)
            if (v[i] == 'a' || (v[i] == '-' && i > 1)) return i;
          return v.size();
        }();
        if (auto r = check_box(v.substr(at, box_end - at), false, 1); !r)
          return r.error().shifted(at);
        std::size_t offsets = 0;
        for (at = box_end; at < v.size(); ++offsets) {
          std::size_t end = at + 1;
          while (end < v.size() && is_digit(v[end])) ++end;
          if (end == at + 1 || offsets == 2)
            return error{errc::invalid_dimensions, at, "expected a<dx>a<dy>"};
          at = end;
        }
        if (offsets != 2) return error{errc::invalid_dimensions, v.size(), "expected a<dx>a<dy>"};
        break;
      }
      if (auto r = check_box(v, true, 1); !r) return r;
      break;
    case value_kind::box:
      if (auto r = check_box(v, false, 1); !r) return r;
      break;
    case value_kind::blur: {
      const std::size_t x = find_char(v, 'x');
      if (x == std::string_view::npos)
        return error{errc::invalid_dimensions, v.size(), "expected <radius>x<sigma>"};
      auto radius = positive(v.substr(0, x), 1);
      if (!radius) return radius.error();
      if (*radius > 50) return error{errc::value_out_of_range, 0, "radius is 1-50"};
      if (auto sigma = positive(v.substr(x + 1), 1); !sigma) return sigma.error().shifted(x + 1);
      break;
    }
    case value_kind::size_limit: {
      std::string_view number = !v.empty() && v.back() == '!' ? v.substr(0, v.size() - 1) : v;
      if (number.empty() || (number.back() != 'k' && number.back() != 'm'))
        return error{errc::invalid_dimensions, number.empty() ? 0 : number.size() - 1,
                     "expected <n>k or <n>m"};
      if (auto r = positive(number.substr(0, number.size() - 1), 1); !r) return r.error();
      break;
    }
    case value_kind::base64_text:
    case value_kind::base64_color:
    case value_kind::base64_url:
      return check_base64_value(v, p.kind, out);
  }
  out.put(v);
  return {};
}

// What parse_one_rule returns for a style reference (not an index of spec::operations).
inline constexpr std::size_t style_rule = spec::not_found - 1;

// One rule (no '|'), starting at offset `base`, for the carrier `where`; writes its canonical
// text and returns the index of its operation in spec::operations (style_rule for style/).
[[nodiscard]] constexpr result<std::size_t> parse_one_rule(std::string_view r, std::size_t base,
                                                           rule_carrier where, text_writer& out,
                                                           rule_facts& facts) noexcept {
  const std::uint8_t mask = spec::carrier_mask(where);
  // Every placement rule: recorded for check_placement (at its canonical offset, where the
  // writer is), and applied now to `where` (at its input offset).
  const auto placed = [&](std::uint8_t carriers, std::size_t input_at,
                          std::size_t canonical_at) -> result<void> {
    facts.note(carriers, canonical_at);
    if ((carriers & mask) == 0)
      return error{errc::misplaced_operation, input_at, spec::carrier_refusal(where)};
    return {};
  };
  if (r.empty()) return error{errc::empty_operation, base, "empty rule"};
  if (starts_with(r, "style/")) {
    const std::string_view name = r.substr(6);
    if (name.empty()) return error{errc::invalid_style_name, base + 6, "empty style name"};
    for (std::size_t i = 0; i < name.size(); ++i) {
      const char c = name[i];
      if (c == '/')
        return error{errc::misplaced_operation, base + 6 + i, "a style reference stands alone"};
      if (!(is_digit(c) || objproc::detail::is_alpha(c) || c == '-' || c == '_' || c == '.'))
        return error{errc::invalid_style_name, base + 6 + i,
                     "only letters, digits, '-', '_' and '.'"};
    }
    if (auto p = placed(spec::style_carriers, base, out.size); !p) return p.error();
    out.put(r);
    return style_rule;
  }
  // The operation: the first segment, or "watermark/<n>".
  std::size_t at = end_of_field(r, '/', 0);
  std::string_view name = r.substr(0, at);
  if (same(name, "watermark")) {
    at = end_of_field(r, '/', at + 1);
    name = r.substr(0, at);
  }
  const std::size_t op_index = spec::find_operation(name);
  if (op_index == spec::not_found) {
    if (starts_with(r, "watermark/"))
      return error{errc::invalid_enum_value, base + 10, "watermark type is 1, 2, 3 or 4"};
    return error{errc::unknown_operation, base,
                 "expected imageMogr2, imageView2, watermark/<n>, QRcode, imageSlim, imageInfo, "
                 "exif, imageAve or style/"};
  }
  const spec::op_spec& op = spec::operations[op_index];
  if (auto p = placed(op.carriers, base, out.size); !p) return p.error();
  out.put(name);
  const std::size_t params_from = at;

  // imageView2's mode: an optional first bare segment 1-5 (mode-less imageView2/format/png is
  // in the official persistent-processing example).
  if (op.form == spec::op_form::view2 && at < r.size()) {
    const std::size_t end = end_of_field(r, '/', at + 1);
    const std::string_view mode = r.substr(at + 1, end - (at + 1));
    if (!mode.empty() && (is_digit(mode[0]) || mode[0] == '-')) {
      if (mode.size() != 1 || mode[0] < '1' || mode[0] > '5')
        return error{errc::invalid_enum_value, base + at + 1, "imageView2 mode is 1-5"};
      out.put('/');
      out.put(mode);
      at = end;
    }
  }

  std::uint64_t seen_bits = 0;
  std::array<std::size_t, 64> key_at;  // entry i is written with seen bit i, read only then
  std::size_t format_at = 0;           // imageMogr2's "format" key in the canonical text
  // An operation with nothing to do: imageMogr2 and the mode-less imageView2 need a parameter.
  if (at >= r.size() &&
      (op_index == spec::op_image_mogr2 || (op.form == spec::op_form::view2 && same(name, r))))
    return error{errc::missing_parameter, base + r.size(), "the operation needs a parameter"};
  while (at < r.size()) {
    const std::size_t key_start = at + 1;
    // One trailing '/' after a complete rule (documented examples end with one): dropped.
    if (key_start == r.size() && at != params_from) break;
    const std::size_t key_end = end_of_field(r, '/', key_start);
    const std::string_view key = r.substr(key_start, key_end - key_start);
    if (key.empty()) return error{errc::empty_operation, base + key_start, "empty segment"};
    const std::size_t index = spec::find_param(op_index, key);
    if (index == spec::not_found)
      return error{errc::unknown_parameter, base + key_start, "not a parameter of this operation"};
    if ((seen_bits >> index & 1U) != 0)
      return error{errc::duplicate_parameter, base + key_start, "given twice"};
    const spec::param_spec& p = op.params.data()[index];  // (operator[]: a call more)
    if (auto placement = placed(p.carriers, base + key_start, out.size + 1); !placement)
      return placement.error();
    if (op_index == spec::op_image_mogr2 && same(key, "format")) format_at = out.size + 1;
    seen_bits |= std::uint64_t{1} << index;
    key_at[index] = base + key_start;
    out.put('/');
    out.put(key);
    if (p.kind == spec::value_kind::flag) {
      at = key_end;
      continue;
    }
    if (key_end >= r.size()) return error{errc::missing_value, base + r.size(), "value missing"};
    const std::size_t value_end = end_of_field(r, '/', key_end + 1);
    const std::string_view value = r.substr(key_end + 1, value_end - (key_end + 1));
    if (value.empty()) return error{errc::missing_value, base + key_end + 1, "empty value"};
    out.put('/');
    if (auto c = check_value(value, p, out); !c) return c.error().shifted(base + key_end + 1);
    at = value_end;
  }

  const auto present = [&](std::string_view key) {
    const std::size_t i = spec::find_param(op_index, key);
    return i != spec::not_found && (seen_bits >> i & 1U) != 0;
  };
  // Through data(): span's operator[] is a call per row in constant evaluation.
  const spec::param_spec* const params = op.params.data();
  for (std::size_t i = 0, count = op.params.size(); i < count; ++i) {
    const spec::param_spec& p = params[i];
    const bool seen = (seen_bits >> i & 1U) != 0;
    if (!seen) {
      if (p.required) return error{errc::missing_parameter, base, p.key};
      continue;
    }
    for (std::size_t from = 0; from < p.requires_keys.size();
         from = end_of_field(p.requires_keys, ' ', from) + 1)
      if (!present(p.requires_keys.substr(from, end_of_field(p.requires_keys, ' ', from) - from)))
        return error{errc::missing_parameter, key_at[i], p.requires_keys};
  }
  // Rules that depend on a value.
  const auto value_of = [&](std::string_view key) -> std::string_view {
    const std::size_t i = spec::find_param(op_index, key);
    if (i == spec::not_found || (seen_bits >> i & 1U) == 0) return {};
    const std::size_t from = key_at[i] - base + key.size() + 1;
    return r.substr(from, end_of_field(r, '/', from) - from);
  };
  const auto at_key = [&](std::string_view key) { return key_at[spec::find_param(op_index, key)]; };
  if (op_index == spec::op_image_watermark && same(value_of("scatype"), "3") && present("spcent")) {
    auto n = parse_integer(value_of("spcent"));
    if (n && *n > 250)
      return error{errc::value_out_of_range, at_key("spcent"), "spcent is 1-250 with scatype 3"};
  }
  // psd: "only through persistent processing"; the offset is the value's, after "format/".
  if (op_index == spec::op_image_mogr2 && same(value_of("format"), "psd"))
    if (auto p = placed(spec::in_persistent, at_key("format") + 7, format_at + 7); !p)
      return p.error();
  if (op_index == spec::op_blind_watermark || op_index == spec::op_extract_blind_watermark) {
    // Versions per type (COS 图片盲水印 version table): 1 none, 2 1.0/2.0, 3 1.0/2.0/3.0.
    const std::string_view type = value_of("type");
    const std::string_view version = value_of("version");
    if (same(type, "1") && present("version"))
      return error{errc::conflicting_parameters, at_key("version"), "type 1 has no version"};
    if (same(type, "2") && same(version, "3.0"))
      return error{errc::conflicting_parameters, at_key("version"), "type 2 is version 1.0 or 2.0"};
    // Extraction: type 1 needs the original image, type 2 the watermark image.
    if (!same(type, "3") && !present("image")) return error{errc::missing_parameter, base, "image"};
    if (op_index == spec::op_blind_watermark) {
      if (same(type, "3") && !present("text")) return error{errc::missing_parameter, base, "text"};
      // level: type 2 v1.0 (the version the older pages describe, also when left out) and
      // type 3 v2.0/v3.0 (named: the default version is not documented).
      const bool level_allowed =
          (same(type, "2") && !same(version, "2.0")) ||
          (same(type, "3") && (same(version, "2.0") || same(version, "3.0")));
      if (present("level") && !level_allowed)
        return error{errc::conflicting_parameters, at_key("level"),
                     "level only with type 2 (v1.0) or type 3 (version 2.0 or 3.0)"};
    }
  }
  if (op_index == spec::op_qr_code && present("size") && !same(value_of("segment"), "1"))
    return error{errc::conflicting_parameters, at_key("size"), "size only with segment 1"};
  return op_index;
}

// A pipeline: rules joined by '|'. Returns what check_placement needs (and the number of rules).
[[nodiscard]] constexpr result<rule_facts> parse_pipeline(std::string_view in, text_writer& out,
                                                          rule_carrier where) noexcept {
  if (in.empty()) return error{errc::empty_style, 0, "empty rule"};
  rule_facts facts;
  std::size_t count = 0;
  std::size_t alone_at = spec::not_found;  // the first rule that must stand alone
  for (std::size_t from = 0;;) {
    const std::size_t end = end_of_field(in, '|', from);
    if (++count > max_pipeline_rules)
      return error{errc::too_many_rules, from, "at most 10 rules in a pipeline"};
    if (count > 1) out.put('|');
    auto op = parse_one_rule(in.substr(from, end - from), from, where, out, facts);
    if (!op) return op.error();
    if (*op < std::size(spec::operations) && spec::operations[*op].standalone &&
        alone_at == spec::not_found)
      alone_at = from;
    if (end == in.size()) break;
    from = end + 1;
  }
  if (count > 1 && alone_at != spec::not_found)
    return error{errc::misplaced_operation, alone_at, "this operation stands alone"};
  if (out.overflowed())
    return error{errc::style_too_long, out.capacity, "longer than OBJPROC_COS_RULE_CAPACITY"};
  facts.count = static_cast<std::uint8_t>(count);
  return facts;
}

// The structure of a pipeline without the vocabulary (cos::unchecked_rule): printable ASCII
// without spaces, '|'-joined rules of non-empty '/'-separated segments, at most 10 rules, and
// the placement of the operations the vocabulary knows. One trailing '/' per rule is dropped.
[[nodiscard]] constexpr result<rule_facts> parse_unchecked_pipeline(std::string_view in,
                                                                    text_writer& out,
                                                                    rule_carrier where) noexcept {
  if (in.empty()) return error{errc::empty_style, 0, "empty rule"};
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '\r' || c == '\n' || c == '\0')
      return error{errc::unexpected_value, i, "CR, LF or NUL in a rule"};
    if (c <= ' ' || c > '~')
      return error{errc::unexpected_value, i, "a rule is printable ASCII without spaces"};
  }
  const std::uint8_t mask = spec::carrier_mask(where);
  rule_facts facts;
  std::size_t count = 0;
  for (std::size_t from = 0;;) {
    const std::size_t end = end_of_field(in, '|', from);
    if (++count > max_pipeline_rules)
      return error{errc::too_many_rules, from, "at most 10 rules in a pipeline"};
    std::string_view r = in.substr(from, end - from);
    if (r.empty()) return error{errc::empty_operation, from, "empty rule"};
    if (r.size() > 1 && r.back() == '/') r.remove_suffix(1);
    for (std::size_t s = 0;;) {
      const std::size_t e = end_of_field(r, '/', s);
      if (e == s) return error{errc::empty_operation, from + s, "empty segment"};
      if (e == r.size()) break;
      s = e + 1;
    }
    std::size_t at = end_of_field(r, '/', 0);
    if (same(r.substr(0, at), "watermark") && at < r.size()) at = end_of_field(r, '/', at + 1);
    const std::size_t op = spec::find_operation(r.substr(0, at));
    const std::uint8_t carriers = op != spec::not_found      ? spec::operations[op].carriers
                                  : starts_with(r, "style/") ? spec::style_carriers
                                                             : std::uint8_t{spec::everywhere};
    if ((carriers & mask) == 0)
      return error{errc::misplaced_operation, from, spec::carrier_refusal(where)};
    if (count > 1) out.put('|');
    facts.note(carriers, out.size);
    out.put(r);
    if (end == in.size()) break;
    from = end + 1;
  }
  if (out.overflowed())
    return error{errc::style_too_long, out.capacity, "longer than OBJPROC_COS_RULE_CAPACITY"};
  facts.count = static_cast<std::uint8_t>(count);
  return facts;
}

}  // namespace detail

/// The CI rule grammar as a checked_text policy (core/checked_text.hpp).
struct rule_grammar {
  using place = rule_carrier;
  using facts = rule_facts;
  static constexpr std::size_t capacity = rule_capacity;
  static constexpr std::string_view empty_detail = "empty rule";
  static constexpr std::string_view too_long_detail = "longer than OBJPROC_COS_RULE_CAPACITY";
  /// A checked literal goes where rule text is expected too: pic_rule{.rule = "..."_ci}.
  static constexpr bool literal_converts_to_string = true;

  [[nodiscard]] static constexpr result<rule_facts> parse(std::string_view text,
                                                          objproc::detail::text_writer& out,
                                                          rule_carrier where,
                                                          bool unchecked) noexcept {
    return unchecked ? detail::parse_unchecked_pipeline(text, out, where)
                     : detail::parse_pipeline(text, out, where);
  }

  /// What cos::rule has beyond checked_text.
  template <class Rule>
  class accessors {
   public:
    /// The number of rules in the pipeline.
    [[nodiscard]] constexpr std::size_t rules() const noexcept { return self().facts().count; }
    /// A style reference (style/<name>), usable in Pic-Operations but not in a URL.
    [[nodiscard]] constexpr bool is_reference() const noexcept {
      return objproc::detail::starts_with(self().view(), "style/");
    }
    /// Whether this rule may run in `where` (an empty rule may: nothing to run); the rule's
    /// error, or errc::misplaced_operation with the offset of the refused operation, key or
    /// value. Reads what the parse recorded: O(1), the same error as parsing the text for
    /// `where` (strictly, or as unchecked_rule does for an unchecked rule).
    [[nodiscard]] constexpr result<void> check_placement(rule_carrier where) const noexcept {
      const Rule& r = self();
      if (r.has_error()) return r.error();
      if (r.empty()) return {};
      const std::size_t at = r.facts().first_refusal(where);
      if (at == objproc::error::no_offset) return {};
      return objproc::error{errc::misplaced_operation, at, spec::carrier_refusal(where)};
    }

   private:
    [[nodiscard]] constexpr const Rule& self() const noexcept {
      return static_cast<const Rule&>(*this);
    }
  };
};

/// A validated CI rule (or pipeline of up to 10 rules) in canonical form, held inline. Made by
/// unchecked_rule (or from one), it is_unchecked(): only its structure and placement were
/// checked, and any re-validation (appended, Pic-Operations) stays unchecked.
using rule = checked_text<rule_grammar>;

/// A CI rule checked at compile time: a bad literal passed where a rule_string is expected
/// does not compile, and the diagnostic names the errc and its offset. It converts to the rule
/// it checked (presign_get{.process = "..."_ci}) and to its canonical text.
using rule_string = checked_string<rule_grammar>;

/// Parses and validates a CI rule or pipeline for the carrier `where`; the rule holds its
/// canonical form.
[[nodiscard]] constexpr result<rule> parse_rule(std::string_view text,
                                                rule_carrier where = rule_carrier::any) noexcept {
  return rule::parse(text, where);
}

/// The explicit way past the vocabulary: unknown operations and keys pass verbatim; the
/// structure (segments, at most 10 rules, printable ASCII without spaces, CR/LF/NUL) and the
/// placement of known operations are still checked. The rule is marked is_unchecked().
[[nodiscard]] constexpr result<rule> unchecked_rule(
    std::string_view text, rule_carrier where = rule_carrier::any) noexcept {
  return rule::parse_unchecked(text, where);
}

[[nodiscard]] inline std::string to_string(const rule& r) { return std::string(r.view()); }

/// The explicit opt-out from compile-time checking: parsed where it is used.
struct runtime_rule {
  std::string_view text;
};

}  // namespace cos

namespace literals {
/// "imageMogr2/thumbnail/!50p"_ci: a compile-time checked CI rule. As "..."_oss: the
/// compiler's message carries the errc, offset, field and detail.
template <fixed_string Text>
consteval cos::rule_string operator""_ci() noexcept {
  return objproc::detail::checked_literal<cos::rule_grammar, Text>();
}
}  // namespace literals

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_RULE_HPP
