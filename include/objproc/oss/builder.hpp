// SPDX-License-Identifier: MIT
// objproc/oss/builder.hpp - what every typed OSS operation builder shares.
//
// A builder is an aggregate with named fields that renders its own `op,key_value,...` text; the
// text is then checked by the one parser (oss/style.hpp), so a typed value can never produce a
// string that a typed-in literal could not. Composition:
//   image::resize{.w = 100} / image::quality{.q = 90}      -> style
//   "image/resize,w_100/quality,q_90" style / image::format{.type = image_format::webp}      ->
//   style
// Operations of different services do not compose (a compile error); a value out of range is a
// compile error in a constant expression and a style holding the error at run time.
#ifndef OBJPROC_OSS_BUILDER_HPP
#define OBJPROC_OSS_BUILDER_HPP

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/render.hpp"
#include "objproc/core/text.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// Compass positions used by crop and watermark (`g_`).
enum class gravity : std::uint8_t { nw, north, ne, west, center, east, sw, south, se };

namespace detail {

[[nodiscard]] constexpr std::string_view gravity_name(gravity g) noexcept {
  constexpr std::string_view names[] = {"nw",   "north", "ne",    "west", "center",
                                        "east", "sw",    "south", "se"};
  return names[static_cast<std::size_t>(g)];
}

// Renders one operation's text ("resize,w_100"): the shared buffer plus the OSS ",key_value"
// syntax.
class op_writer : public objproc::detail::render_buffer<style_capacity> {
 public:
  /// ",key_value" when the value is present.
  constexpr void param(std::string_view key, const std::optional<std::int64_t>& v) noexcept {
    if (v) number_param(key, *v);
  }
  constexpr void number_param(std::string_view key, std::int64_t v) noexcept {
    put(',');
    put(key);
    put('_');
    number(v);
  }
  constexpr void param(std::string_view key, std::string_view v) noexcept {
    put(',');
    put(key);
    put('_');
    put(v);
  }
  constexpr void flag(std::string_view key, const std::optional<bool>& v) noexcept {
    if (v) param(key, *v ? "1" : "0");
  }
  /// ",key_<URL-safe base64 of text, no padding>" when text is set (a user never hand-encodes).
  constexpr void encoded(std::string_view key, std::optional<std::string_view> text) noexcept {
    if (!text) return;
    put(',');
    put(key);
    put('_');
    encode(*text);
  }
  /// ",key_RRGGBB" (plain upper-case hex) when set.
  constexpr void color(std::string_view key, const std::optional<std::uint32_t>& rgb) noexcept {
    if (!rgb) return;
    put(',');
    put(key);
    put('_');
    if (*rgb > 0xFFFFFF) {
      put("out-of-range");  // the parser reports invalid_color at this value
      return;
    }
    for (int shift = 20; shift >= 0; shift -= 4)
      put(objproc::detail::upper_hex_digits[(*rgb >> shift) & 0xF]);
  }
};

}  // namespace detail

/// A typed operation: names its service and renders its own text.
template <class Op>
concept operation = requires(const Op& op, detail::op_writer& w) {
  { Op::service } -> std::convertible_to<std::string_view>;
  op.render(w);
};

/// pre,o_,ss_,t_ / sur,o_,ss_,t_: an input of video/concat or audio/concat, placed before
/// (pre) or after (sur) the source object. Valid only right after concat, pre or sur, so it has
/// no str() of its own: compose it with '/'. Aliased as video::pre, audio::sur, ...
template <fixed_string Service, fixed_string Name>
struct concat_input {
  static constexpr std::string_view service = Service.view();
  std::string_view o = {};           // object key (same bucket), plain text: encoded here
  std::optional<std::int64_t> ss{};  // start, ms
  std::optional<std::int64_t> t{};   // duration, ms (0: to the end)

  constexpr void render(detail::op_writer& w) const noexcept {
    w.name(Name.view());
    w.encoded("o", o);
    w.param("ss", ss);
    w.param("t", t);
  }
};

/// The operation as a one-operation style: "image/" + its text.
template <class Op>
[[nodiscard]] constexpr style to_style(const Op& op) noexcept {
  static_assert(operation<Op>,
                "objproc::oss::to_style requires an oss operation (see oss/builder.hpp)");
  detail::op_writer w;
  op.render(w);
  if (w.overflowed())
    return style::failed(
        error{errc::style_too_long, error::no_offset, "longer than OBJPROC_OSS_STYLE_CAPACITY"});
  return style{}.appended(Op::service, "/", w.text());
}

/// style / operation: appends the operation (same service; not after a system part).
template <operation Op>
[[nodiscard]] constexpr style operator/(const style& s, const Op& op) noexcept {
  if (s.has_error()) return s;
  if (s.empty()) return to_style(op);
  detail::op_writer w;
  op.render(w);
  if (w.overflowed())
    return style::failed(
        error{errc::style_too_long, error::no_offset, "longer than OBJPROC_OSS_STYLE_CAPACITY"});
  if (s.has_save_as() || s.has_notify())
    return style::failed(
        error{errc::misplaced_operation, s.main().size(), "operations go before the system part"});
  if (s.is_reference())
    return style::failed(
        error{errc::misplaced_operation, s.view().size(), "a style reference stands alone"});
  if (s.service() != Op::service)
    return style::failed(
        error{errc::mixed_services, s.view().size(), "one service per process string"});
  return s.appended("/", w.text());
}

/// operation / operation: both of one service (checked at compile time).
template <operation A, operation B>
[[nodiscard]] constexpr style operator/(const A& a, const B& b) noexcept {
  static_assert(std::string_view(A::service) == std::string_view(B::service),
                "objproc::oss: operations of different services do not compose (one service per "
                "process string)");
  return to_style(a) / b;
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_BUILDER_HPP
