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
#ifndef OBJPROC_CORE_DIAGNOSTIC_HPP
#define OBJPROC_CORE_DIAGNOSTIC_HPP

#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>

#include "objproc/config.hpp"
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
