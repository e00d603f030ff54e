// SPDX-License-Identifier: MIT
// objproc/core/scan.hpp - the small constexpr scanning pieces the grammars share (OSS styles,
// COS rules): comparing, finding, word lists, strict decimal integers and the name codes the
// vocabulary lookups compare.
//
// Plain loops rather than std::string_view's own comparison and search, and over data() rather
// than operator[] (a call, with its assertion, per character): in constant evaluation every
// library layer is interpreted step by step, and these run for every checked literal
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
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* pa = a.data();
  const char* pb = b.data();
  for (std::size_t i = 0; i < n; ++i)
    if (pa[i] != pb[i]) return false;
  return true;
}

/// s starts with prefix.
[[nodiscard]] constexpr bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && same({s.data(), prefix.size()}, prefix);
}

/// The first `c` at or after `from`, or npos.
[[nodiscard]] constexpr std::size_t find_char(std::string_view s, char c,
                                              std::size_t from = 0) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  for (std::size_t i = from; i < n; ++i)
    if (p[i] == c) return i;
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
  const char* p = words.data();
  const std::size_t n = words.size();
  std::size_t start = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    if (i == n || p[i] == ' ') {
      if (same({p + start, i - start}, word)) return true;
      start = i + 1;
    }
  }
  return false;
}

/// A name reduced to one integer: its length, first and last bytes. Equal names have equal
/// codes, so a lookup compares codes and calls same() only when they match: in constant
/// evaluation a string comparison per table row costs several interpreted calls. (Three bytes:
/// every table row's code is computed in each translation unit that includes the table.)
[[nodiscard]] constexpr std::uint32_t name_code(std::string_view name) noexcept {
  const std::size_t n = name.size();
  if (n == 0) return 0;
  const char* p = name.data();
  return static_cast<std::uint32_t>(n & 0xFF) |
         std::uint32_t{static_cast<unsigned char>(p[0])} << 8 |
         std::uint32_t{static_cast<unsigned char>(p[n - 1])} << 16;
}

/// The name_codes of a vocabulary table (rows with `name` and `params`, rows with `key`): what
/// its lookups compare. Raw arrays: std::array's operator[] is one more call per row in constant
/// evaluation.
template <std::size_t Operations, std::size_t Params>
struct vocabulary_codes {
  std::uint32_t operation[Operations] = {};
  std::uint32_t param[Params] = {};
  std::size_t params_from[Operations + 1] = {};  // operation i: from params_from[i] to [i + 1]

  template <class Operation>
  [[nodiscard]] static constexpr vocabulary_codes of(
      const Operation (&operations)[Operations]) noexcept {
    vocabulary_codes codes;
    std::size_t row = 0;
    for (std::size_t i = 0; i < Operations; ++i) {
      codes.operation[i] = name_code(operations[i].name);
      codes.params_from[i] = row;
      const auto* params = operations[i].params.data();  // (span's iterators: calls per row)
      for (std::size_t j = 0, n = operations[i].params.size(); j < n; ++j)
        codes.param[row++] = name_code(params[j].key);
    }
    codes.params_from[Operations] = row;
    return codes;
  }

  /// The row of `key` in the parameters of `operations[op]` (as given to of()), or npos.
  template <class Operation>
  [[nodiscard]] constexpr std::size_t find_param(const Operation (&operations)[Operations],
                                                 std::size_t op,
                                                 std::string_view key) const noexcept {
    const std::uint32_t code = name_code(key);
    const std::size_t from = params_from[op];
    for (std::size_t row = from; row < params_from[op + 1]; ++row)
      if (param[row] == code && same(operations[op].params[row - from].key, key)) return row - from;
    return std::string_view::npos;
  }
};

/// The number of parameter rows of a vocabulary table, for vocabulary_codes.
template <class Operation, std::size_t N>
[[nodiscard]] constexpr std::size_t param_rows(const Operation (&operations)[N]) noexcept {
  std::size_t n = 0;
  for (const Operation& op : operations) n += op.params.size();
  return n;
}

/// A strict decimal integer: optional '-', digits, no leading zeros, no "-0", at most 18
/// digits. Error offsets are relative to `v`.
[[nodiscard]] constexpr result<std::int64_t> parse_integer(std::string_view v) noexcept {
  const char* p = v.data();
  const std::size_t size = v.size();
  std::size_t i = 0;
  const bool negative = size != 0 && p[0] == '-';
  if (negative) ++i;
  if (i == size) return error{errc::invalid_number, i, "expected digits"};
  if (p[i] == '0' && (size > i + 1 || negative))
    return error{errc::invalid_number, i, "no leading zeros"};
  std::int64_t n = 0;
  for (; i < size; ++i) {
    if (p[i] < '0' || p[i] > '9') return error{errc::invalid_number, i, "expected digits"};
    if (n > 99'999'999'999'999'999) return error{errc::value_out_of_range, 0, "number too large"};
    n = n * 10 + (p[i] - '0');
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
    const std::size_t n = s.size();
    if (data != nullptr) {  // (a loop without calls: a checked literal's parse writes too)
      const char* from = s.data();
      for (std::size_t i = 0; i < n && size + i < capacity; ++i) data[size + i] = from[i];
    }
    size += n;
  }
  [[nodiscard]] constexpr bool overflowed() const noexcept { return size > capacity; }
};

}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_SCAN_HPP
