// SPDX-License-Identifier: MIT
// objproc/core/diagnostic.hpp - turning an error into something a person can act on.
//
//   render_diagnostic(input, error)   a two-line caret diagnostic for text the user wrote:
//       image/resize,w_100,m_abc
//                            ^ invalid enum value: not one of lfit mfit fill pad fixed
//   detail::fail_constant_evaluation(error)
//       used by the consteval checked literals (fmt's technique): it calls a deliberately
//       non-constexpr function named after the errc, so the compiler's own message names the
//       problem ("call to non-'constexpr' function '... compile_time_error::invalid_enum_value'")
//       and shows the offset in the constexpr frame above it.
//   detail::reject_literal<Text, code, offset, detail>()
//       used by the "..."_oss / "..."_ci literal operators, whose text is a template argument:
//       the function the compiler quotes in its first line carries the errc, the byte offset,
//       the field of the literal the offset points into and the detail, e.g. (g++ 12)
//         call to non-'constexpr' function 'void ...::literal_rejected() [with errc Code =
//         errc::invalid_enum_value; long unsigned int ByteOffset = 21; ... Field =
//         fixed_string<5>{"m_abc"}; ... Detail = fixed_string<24>{"lfit mfit fill pad fixed"}]'
#ifndef OBJPROC_CORE_DIAGNOSTIC_HPP
#define OBJPROC_CORE_DIAGNOSTIC_HPP

#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

/// The input on one line and, under it, a caret at the error offset followed by the message.
/// Control characters in the input are shown as '?' so the caret stays aligned; the caret column
/// counts UTF-8 characters, not bytes.
[[nodiscard]] inline std::string render_diagnostic(std::string_view input, const error& e) {
  std::string message(to_string(e.code));
  if (!e.detail.empty()) {
    message += ": ";
    message += e.detail;
  }
  if (!e.has_offset()) return message;
  std::string out;
  out.reserve(2 * input.size() + message.size() + 8);
  for (const char c : input) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  out += '\n';
  const std::size_t end = e.offset < input.size() ? e.offset : input.size();
  for (std::size_t i = 0; i < end; ++i)
    if ((static_cast<unsigned char>(input[i]) & 0xC0) != 0x80) out += ' ';  // one per character
  out += "^ ";
  out += message;
  return out;
}

namespace detail {
namespace compile_time_error {
// Never called at run time; each exists so that a failing constant evaluation names its errc.
#define OBJPROC_DETAIL_ERRC_SINK(id, text) \
  inline void id(std::size_t /*offset*/) noexcept { std::abort(); }
OBJPROC_DETAIL_ERRC_LIST(OBJPROC_DETAIL_ERRC_SINK)
#undef OBJPROC_DETAIL_ERRC_SINK
}  // namespace compile_time_error

namespace compile_time_error {
// Never called at run time: its template arguments are the compiler's message for a rejected
// literal (the errc, the byte offset, the field around it, the detail).
template <errc Code, std::size_t ByteOffset, fixed_string Field, fixed_string Detail>
inline void literal_rejected() noexcept {
  std::abort();
}
// clang prints a fixed_string argument as numbers; it prints characters as characters.
template <char... Text>
struct characters {};
template <errc Code, std::size_t ByteOffset, class Field, class Detail>
inline void literal_rejected() noexcept {
  std::abort();
}
}  // namespace compile_time_error

template <fixed_string S, std::size_t... I>
[[nodiscard]] consteval auto as_characters(std::index_sequence<I...>) noexcept {
  return compile_time_error::characters<S.data[I]...>{};
}
template <fixed_string S>
using characters_of = decltype(as_characters<S>(std::make_index_sequence<S.size()>{}));

/// `text` as a fixed_string of N characters (N <= text.size()). constexpr rather than consteval:
/// it is used in constant expressions only, and an immediate call in a variable's initializer
/// is evaluated twice by clang (core/checked_text.hpp, keep).
template <std::size_t N>
[[nodiscard]] constexpr fixed_string<N> fixed_copy(std::string_view text) noexcept {
  fixed_string<N> out;
  const char* from = text.data();  // not text[i]: a call per character in constant evaluation
  for (std::size_t i = 0; i < N; ++i) out.data[i] = from[i];
  return out;
}

/// The field of a processing string an offset points into: from just after the last ',', '/'
/// or '|' before it to the next one (the offset's whole "key_value" or segment).
[[nodiscard]] constexpr std::string_view field_at(std::string_view text,
                                                  std::size_t offset) noexcept {
  if (offset > text.size()) return {};
  const auto separator = [](char c) { return c == ',' || c == '/' || c == '|'; };
  std::size_t begin = offset < text.size() && separator(text[offset]) ? offset + 1 : offset;
  if (begin > text.size()) begin = text.size();
  while (begin > 0 && !separator(text[begin - 1])) --begin;
  std::size_t end = begin;
  while (end < text.size() && !separator(text[end])) ++end;
  return text.substr(begin, end - begin);
}

/// Fails the constant evaluation of the checked literal `Text` (see compile_time_error above).
template <fixed_string Text, errc Code, std::size_t ByteOffset, fixed_string Detail>
consteval void reject_literal() noexcept {
  constexpr std::string_view field = field_at(Text.view(), ByteOffset);
  constexpr fixed_string<field.size()> field_text = fixed_copy<field.size()>(field);
#if defined(__clang__)
  compile_time_error::literal_rejected<Code, ByteOffset, characters_of<field_text>,
                                       characters_of<Detail>>();
#else
  compile_time_error::literal_rejected<Code, ByteOffset, field_text, Detail>();
#endif
}

/// In a constant evaluation, makes the evaluation fail with the errc's name in the diagnostic.
/// At run time it does nothing (callers return the error normally).
constexpr void fail_constant_evaluation(const error& e) noexcept {
  if (!std::is_constant_evaluated()) return;
  switch (e.code) {
#define OBJPROC_DETAIL_ERRC_CALL(id, text) \
  case errc::id:                           \
    compile_time_error::id(e.offset);      \
    break;
    OBJPROC_DETAIL_ERRC_LIST(OBJPROC_DETAIL_ERRC_CALL)
#undef OBJPROC_DETAIL_ERRC_CALL
    case errc::none:
      break;
  }
}

}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_DIAGNOSTIC_HPP
