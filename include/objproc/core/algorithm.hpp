// SPDX-License-Identifier: MIT
// objproc/core/algorithm.hpp - the few generic algorithms the headers use, as plain loops.
//
// In place of <algorithm>: in C++20, libstdc++ 12's <algorithm> also brings every ranges
// algorithm and the parallel algorithms' declarations, which every includer would compile
// (bench/README.md "Compile cost"). The inputs here are short (at most a few dozen header or
// query names), so a simple loop is as fast as the general ones (http/fields.hpp has the
// signers' insertion sort, stable_sort_in_place).
#ifndef OBJPROC_CORE_ALGORITHM_HPP
#define OBJPROC_CORE_ALGORITHM_HPP

#include <cstddef>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace detail {

/// The smaller of a and b; a when they are equal (as std::min).
template <class T>
[[nodiscard]] constexpr const T& min_of(const T& a, const T& b) noexcept {
  return b < a ? b : a;
}

/// The larger of a and b; a when they are equal (as std::max).
template <class T>
[[nodiscard]] constexpr const T& max_of(const T& a, const T& b) noexcept {
  return a < b ? b : a;
}

/// True when some element x of `range` has pred(x).
template <class Range, class Pred>
[[nodiscard]] constexpr bool any_element(const Range& range, Pred pred) {
  for (const auto& x : range)
    if (pred(x)) return true;
  return false;
}

/// True when some element of `range` equals `value`.
template <class Range, class T>
[[nodiscard]] constexpr bool contains(const Range& range, const T& value) {
  for (const auto& x : range)
    if (x == value) return true;
  return false;
}

/// True when sorted (ascending) `range` holds `value`: a binary search (as std::binary_search).
template <class Range, class T>
[[nodiscard]] constexpr bool contains_sorted(const Range& range, const T& value) {
  std::size_t low = 0;
  std::size_t high = range.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (range[middle] < value)
      low = middle + 1;
    else
      high = middle;
  }
  return low < range.size() && !(value < range[low]);
}

/// Same length and equal element by element (as std::ranges::equal).
template <class A, class B>
[[nodiscard]] constexpr bool equal_elements(const A& a, const B& b) {
  auto i = a.begin();
  auto j = b.begin();
  for (; i != a.end() && j != b.end(); ++i, ++j)
    if (!(*i == *j)) return false;
  return i == a.end() && j == b.end();
}

/// True when no element of `range` is less than the one before it (as std::is_sorted).
template <class Range>
[[nodiscard]] constexpr bool ascending(const Range& range) {
  for (std::size_t i = 1; i < range.size(); ++i)
    if (range[i] < range[i - 1]) return false;
  return true;
}

/// Drops every element equal (by `eq`) to the one kept before it from sorted [first, last);
/// returns the new end (as std::unique).
template <class T, class Eq>
[[nodiscard]] constexpr T* unique_sorted(T* first, T* last, Eq eq) {
  if (first == last) return last;
  T* kept = first;
  for (T* i = first + 1; i != last; ++i)
    if (!eq(*kept, *i)) *++kept = std::move(*i);
  return kept + 1;
}

/// Copies `text` to `out` (room for text.size() chars); returns the end of what was written.
constexpr char* copy_text(std::string_view text, char* out) noexcept {
  for (const char c : text) *out++ = c;
  return out;
}

}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_ALGORITHM_HPP
