// SPDX-License-Identifier: MIT
// objproc/core/scan.hpp - the small constexpr scanning pieces the grammars share (OSS styles,
// COS rules): comparing, finding, word lists and strict decimal integers.
//
// Plain loops rather than std::string_view's own comparison and search: in constant evaluation
// every library layer is interpreted step by step, and these run for every checked literal
// (bench/compile_cost.sh measures it).
#ifndef OBJPROC_CORE_SCAN_HPP
#define OBJPROC_CORE_SCAN_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace detail {

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
[[nodiscard]] constexpr bool is_alpha(char c) noexcept {
  return is_lower(c) || (c >= 'A' && c <= 'Z');
}

/// a == b.
[[nodiscard]] constexpr bool same(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

/// s starts with prefix.
[[nodiscard]] constexpr bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && same(s.substr(0, prefix.size()), prefix);
}

/// The first `c` at or after `from`, or npos.
[[nodiscard]] constexpr std::size_t find_char(std::string_view s, char c,
                                              std::size_t from = 0) noexcept {
  for (std::size_t i = from; i < s.size(); ++i)
    if (s[i] == c) return i;
  return std::string_view::npos;
}

/// The first `c` at or after `from`, or the end of `s`: where a field that starts at `from` ends.
[[nodiscard]] constexpr std::size_t end_of_field(std::string_view s, char c,
                                                 std::size_t from) noexcept {
  const std::size_t at = find_char(s, c, from);
  return at == std::string_view::npos ? s.size() : at;
}

/// True when `word` is one of the space-separated `words`.
[[nodiscard]] constexpr bool in_word_list(std::string_view words, std::string_view word) noexcept {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= words.size(); ++i) {
    if (i == words.size() || words[i] == ' ') {
      if (same(words.substr(start, i - start), word)) return true;
      start = i + 1;
    }
  }
  return false;
}

/// A strict decimal integer: optional '-', digits, no leading zeros, no "-0", at most 18
/// digits. Error offsets are relative to `v`.
[[nodiscard]] constexpr result<std::int64_t> parse_integer(std::string_view v) noexcept {
  std::size_t i = 0;
  const bool negative = !v.empty() && v[0] == '-';
  if (negative) ++i;
  if (i == v.size()) return error{errc::invalid_number, i, "expected digits"};
  if (v[i] == '0' && (v.size() > i + 1 || negative))
    return error{errc::invalid_number, i, "no leading zeros"};
  std::int64_t n = 0;
  for (; i < v.size(); ++i) {
    if (!is_digit(v[i])) return error{errc::invalid_number, i, "expected digits"};
    if (n > 99'999'999'999'999'999) return error{errc::value_out_of_range, 0, "number too large"};
    n = n * 10 + (v[i] - '0');
  }
  return negative ? -n : n;
}

/// Where a parser writes canonical text. With no buffer it only counts, which is all a
/// compile-time check needs; the capacity still applies, so a literal that checks is one that
/// also fits the value it becomes.
struct text_writer {
  char* data = nullptr;
  std::size_t capacity = static_cast<std::size_t>(-1);
  std::size_t size = 0;

  constexpr void put(char c) noexcept {
    if (data != nullptr && size < capacity) data[size] = c;
    ++size;
  }
  constexpr void put(std::string_view s) noexcept {
    if (data == nullptr) {  // counting only: the common case of a compile-time check
      size += s.size();
      return;
    }
    for (const char c : s) put(c);
  }
  [[nodiscard]] constexpr bool overflowed() const noexcept { return size > capacity; }
};

}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_SCAN_HPP
