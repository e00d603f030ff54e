// SPDX-License-Identifier: MIT
// Tests objproc/core/algorithm.hpp: the loops that stand in for <algorithm> give the answers the
// standard algorithms give.
#include "objproc/core/algorithm.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <string_view>
#include <vector>

namespace detail = objproc::detail;
using namespace std::string_view_literals;

TEST_CASE("min_of and max_of pick as std::min and std::max", "[core][algorithm]") {
  STATIC_REQUIRE(detail::min_of(3, 5) == 3);
  STATIC_REQUIRE(detail::max_of(3, 5) == 5);
  // Ties: both return their first argument.
  struct keyed {
    int key;
    int tag;
    constexpr bool operator<(const keyed& o) const { return key < o.key; }
  };
  constexpr keyed a{1, 10}, b{1, 20};
  STATIC_REQUIRE(detail::min_of(a, b).tag == 10);
  STATIC_REQUIRE(detail::max_of(a, b).tag == 10);
}

TEST_CASE("contains, any_element and contains_sorted search", "[core][algorithm]") {
  constexpr std::array names = {"acl"sv, "cors"sv, "delete"sv, "tagging"sv};
  STATIC_REQUIRE(detail::contains(names, "cors"sv));
  STATIC_REQUIRE(!detail::contains(names, "Cors"sv));
  STATIC_REQUIRE(detail::any_element(names, [](std::string_view n) { return n.size() == 7; }));
  STATIC_REQUIRE(!detail::any_element(names, [](std::string_view n) { return n.empty(); }));
  STATIC_REQUIRE(!detail::contains(std::array<std::string_view, 0>{}, "acl"sv));
  // Binary search: every element found, and the gaps before, between and after them not.
  STATIC_REQUIRE(detail::ascending(names));
  for (const std::string_view n : names) CHECK(detail::contains_sorted(names, n));
  for (const std::string_view n : {"a"sv, "b"sv, "cor"sv, "d"sv, "tags"sv, "zzz"sv})
    CHECK_FALSE(detail::contains_sorted(names, n));
  CHECK_FALSE(detail::contains_sorted(std::array<std::string_view, 0>{}, "acl"sv));
}

TEST_CASE("ascending is std::is_sorted", "[core][algorithm]") {
  STATIC_REQUIRE(detail::ascending(std::array{1, 2, 2, 3}));
  STATIC_REQUIRE(!detail::ascending(std::array{1, 3, 2}));
  STATIC_REQUIRE(detail::ascending(std::array<int, 0>{}));
  STATIC_REQUIRE(detail::ascending(std::array{7}));
}

TEST_CASE("equal_elements compares length and elements", "[core][algorithm]") {
  const std::vector<int> a{1, 2, 3};
  CHECK(detail::equal_elements(a, std::vector<int>{1, 2, 3}));
  CHECK_FALSE(detail::equal_elements(a, std::vector<int>{1, 2}));
  CHECK_FALSE(detail::equal_elements(std::vector<int>{1, 2}, a));
  CHECK_FALSE(detail::equal_elements(a, std::vector<int>{1, 2, 4}));
  CHECK(detail::equal_elements(std::vector<int>{}, std::vector<int>{}));
}

TEST_CASE("unique_sorted keeps the first of each run, as std::unique", "[core][algorithm]") {
  std::array<int, 7> v{1, 1, 2, 3, 3, 3, 4};
  int* end =
      detail::unique_sorted(v.data(), v.data() + v.size(), [](int x, int y) { return x == y; });
  REQUIRE(end - v.data() == 4);
  CHECK(v[0] == 1);
  CHECK(v[1] == 2);
  CHECK(v[2] == 3);
  CHECK(v[3] == 4);
  int* none = nullptr;
  CHECK(detail::unique_sorted(none, none, [](int x, int y) { return x == y; }) == none);
}

TEST_CASE("copy_text writes the text and returns its end", "[core][algorithm]") {
  std::array<char, 8> out{};
  char* end = detail::copy_text("abc", out.data());
  end = detail::copy_text("de", end);
  CHECK(end - out.data() == 5);
  CHECK(std::string_view(out.data(), 5) == "abcde");
  CHECK(detail::copy_text("", out.data()) == out.data());
}
