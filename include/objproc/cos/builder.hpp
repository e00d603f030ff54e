// SPDX-License-Identifier: MIT
// objproc/cos/builder.hpp - what every typed CI rule builder shares (style-spec §7-§8).
//
// A builder is an aggregate with named fields (cos::image_mogr2, cos::image_view2, the four
// watermarks) that renders its own `op/key/value/...` text; the text is then checked by the one
// parser (cos/rule.hpp), so a typed value can never produce a rule that a typed-in literal could
// not. Every field's `{}` default means "absent": an unset field renders nothing.
//
//   cos::image_mogr2{.thumbnail = cos::thumbnail::percent(50)} |
//       cos::text_watermark{.text = "数据万象", .fill = 0xFFFFFF}          -> cos::rule
//
// `a | b` joins rules into a pipeline (at most 10 rules: errc::too_many_rules) for any mix of
// builders and cos::rule. A value out of range is a compile error in a constant expression and a
// rule holding the error at run time; errors are sticky through `|`. Text values (watermark
// text, font name, URLs) and colours are base64-encoded by the builders, so a value can never
// carry a '/' or '|' into the rule.
#ifndef OBJPROC_COS_BUILDER_HPP
#define OBJPROC_COS_BUILDER_HPP

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/render.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/cos/rule.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// The nine-grid position (`gravity/<g>`) of crops and watermarks.
enum class gravity : std::uint8_t {
  northwest,
  north,
  northeast,
  west,
  center,
  east,
  southwest,
  south,
  southeast
};

/// `quality/<Q>[!]`, `q/<Q>[!]`: absolute quality 0-100; `forced` writes Q even when the source
/// has a lower quality. Rendered when `value` is set (a `forced` without a value is an error).
struct quality_value {
  std::optional<std::int64_t> value{};
  bool forced{};
  [[nodiscard]] constexpr bool present() const noexcept { return value.has_value() || forced; }
};

namespace detail {

// Where a rule builder renders its text (core/render.hpp); the "/key/value" helpers follow.
using op_writer = objproc::detail::render_buffer<rule_capacity>;

/// names[i]; a value outside the enumeration (a cast) renders "?", which the parser refuses
/// (errc::invalid_enum_value) instead of reading past the table.
template <std::size_t N>
[[nodiscard]] constexpr std::string_view name_at(const std::string_view (&names)[N],
                                                 std::size_t i) noexcept {
  return i < N ? names[i] : std::string_view("?");
}

[[nodiscard]] constexpr std::string_view name_of(gravity g) noexcept {
  constexpr std::string_view names[] = {"northwest", "north",     "northeast", "west",     "center",
                                        "east",      "southwest", "south",     "southeast"};
  return name_at(names, static_cast<std::size_t>(g));
}

/// "/key"
constexpr void key(op_writer& w, std::string_view k) noexcept {
  w.put('/');
  w.put(k);
}
/// "/key/<decimal>" when set.
constexpr void param(op_writer& w, std::string_view k,
                     const std::optional<std::int64_t>& v) noexcept {
  if (!v) return;
  key(w, k);
  w.put('/');
  w.number(*v);
}
/// "/key/<word>" (enumerations: the caller passes name_of(value)).
constexpr void word(op_writer& w, std::string_view k, std::string_view v) noexcept {
  key(w, k);
  w.put('/');
  w.put(v);
}
/// "/key/<0|1>" when set.
constexpr void boolean(op_writer& w, std::string_view k, const std::optional<bool>& v) noexcept {
  if (!v) return;
  key(w, k);
  w.put(*v ? "/1" : "/0");
}
/// "/key/1" when on (batch, ignore-error: "1" is their only value).
constexpr void on(op_writer& w, std::string_view k, bool v) noexcept {
  if (!v) return;
  key(w, k);
  w.put("/1");
}
/// "/key" when on (the value-less flags auto-orient and strip).
constexpr void flag(op_writer& w, std::string_view k, bool v) noexcept {
  if (v) key(w, k);
}
/// "/key/<URL-safe base64 of text, unpadded>" when text is not empty (users never hand-encode).
constexpr void encoded(op_writer& w, std::string_view k, std::string_view text) noexcept {
  if (text.empty()) return;
  key(w, k);
  w.put('/');
  w.encode(text);
}
/// "/key/<base64 of "#RRGGBB">" when set. A value above 0xFFFFFF renders all its digits, which
/// the parser refuses (errc::invalid_color).
constexpr void color(op_writer& w, std::string_view k,
                     const std::optional<std::uint32_t>& rgb) noexcept {
  if (!rgb) return;
  char text[9] = {'#'};
  std::size_t n = 1;
  int shift = 28;
  while (shift > 20 && ((*rgb >> shift) & 0xF) == 0) shift -= 4;
  for (; shift >= 0; shift -= 4)
    text[n++] = objproc::detail::upper_hex_digits[(*rgb >> shift) & 0xF];
  key(w, k);
  w.put('/');
  w.encode(std::string_view(text, n));
}
/// "/key/<value>[!]" when present.
constexpr void quality(op_writer& w, std::string_view k, const quality_value& q) noexcept {
  if (!q.present()) return;
  key(w, k);
  w.put('/');
  if (q.value) w.number(*q.value);
  if (q.forced) w.put('!');
}
/// A possibly missing number inside a geometry: missing renders nothing (the parser says where).
constexpr void number_or_nothing(op_writer& w, const std::optional<std::int64_t>& v) noexcept {
  if (v) w.number(*v);
}

}  // namespace detail

/// A typed CI rule builder: renders `op/key/value...` and has str() -> cos::rule.
template <class Op>
concept rule_builder = requires(const Op& op, detail::op_writer& w) {
  op.render(w);
  { op.str() } -> std::same_as<rule>;
};

/// The builder's text as a one-rule cos::rule, checked by the parser.
template <class Op>
[[nodiscard]] constexpr rule to_rule(const Op& op) noexcept {
  detail::op_writer w;
  op.render(w);
  if (w.overflowed())
    return rule::failed(
        error{errc::style_too_long, error::no_offset, "longer than OBJPROC_COS_RULE_CAPACITY"});
  return rule{}.appended(w.text());
}

/// a | b: the pipeline "a|b" (at most 10 rules). An error in either side is kept (a's first);
/// an empty rule (rule{}) is the identity, so pipelines can be folded from rule{}.
[[nodiscard]] constexpr rule operator|(const rule& a, const rule& b) noexcept {
  if (a.has_error()) return a;
  if (b.has_error()) return b;
  if (a.empty()) return b;
  if (b.empty()) return a;
  // Joined with an unchecked rule, the pipeline is unchecked (the explicit opt-out covers it);
  // two strict rules stay strict.
  if (b.is_unchecked() && !a.is_unchecked()) {
    auto loose = unchecked_rule(a.view());
    if (!loose) return rule::failed(loose.error());
    return loose->appended("|", b.view());
  }
  return a.appended("|", b.view());
}
template <rule_builder B>
[[nodiscard]] constexpr rule operator|(const rule& a, const B& b) noexcept {
  if (a.has_error()) return a;
  return a | b.str();
}
template <rule_builder A>
[[nodiscard]] constexpr rule operator|(const A& a, const rule& b) noexcept {
  return a.str() | b;
}
template <rule_builder A, rule_builder B>
[[nodiscard]] constexpr rule operator|(const A& a, const B& b) noexcept {
  return a.str() | b;
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_BUILDER_HPP
