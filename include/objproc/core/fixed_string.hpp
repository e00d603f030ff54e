// SPDX-License-Identifier: MIT
// objproc/core/fixed_string.hpp - fixed_string<N>: a string literal usable as a template argument.
//
// A structural aggregate (public members, no pointers) so that `template <fixed_string S>` works
// in C++20; also the return type of the fixed-width formatters (core/time.hpp), which need no heap.
//   fixed_string s = "abc";            // fixed_string<3>, deduced from the literal
//   template <objproc::fixed_string S> struct tag {};  tag<"image/resize,w_100"> t;
#ifndef OBJPROC_CORE_FIXED_STRING_HPP
#define OBJPROC_CORE_FIXED_STRING_HPP

#include <cstddef>
#include <string_view>

#include "objproc/config.hpp"

OBJPROC_NAMESPACE_BEGIN

template <std::size_t N>
struct fixed_string {
  // Public so the type is structural; always NUL-terminated at data[N].
  char data[N + 1] = {};

  constexpr fixed_string() noexcept = default;
  // NOLINTNEXTLINE(google-explicit-constructor): implicit, so literals convert at call sites.
  constexpr fixed_string(const char (&text)[N + 1]) noexcept {
    for (std::size_t i = 0; i < N; ++i) data[i] = text[i];
  }

  [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }
  [[nodiscard]] static constexpr bool empty() noexcept { return N == 0; }
  [[nodiscard]] constexpr const char* c_str() const noexcept { return data; }
  [[nodiscard]] constexpr const char* begin() const noexcept { return data; }
  [[nodiscard]] constexpr const char* end() const noexcept { return data + N; }
  [[nodiscard]] constexpr char* begin() noexcept { return data; }
  [[nodiscard]] constexpr char* end() noexcept { return data + N; }
  [[nodiscard]] constexpr char operator[](std::size_t i) const noexcept { return data[i]; }
  [[nodiscard]] constexpr char& operator[](std::size_t i) noexcept { return data[i]; }
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {data, N}; }
  constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT

  template <std::size_t M>
  friend constexpr bool operator==(const fixed_string& a, const fixed_string<M>& b) noexcept {
    return a.view() == b.view();
  }
  friend constexpr bool operator==(const fixed_string& a, std::string_view b) noexcept {
    return a.view() == b;
  }
};

template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N - 1>;

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_FIXED_STRING_HPP
