// SPDX-License-Identifier: MIT
// Tests objproc/core/fixed_string.hpp.
#include "objproc/core/fixed_string.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {
template <objproc::fixed_string Name>
struct named {
  static constexpr std::string_view name() { return Name.view(); }
};
}  // namespace

TEST_CASE("fixed_string is a template argument and a view", "[core][fixed_string]") {
  STATIC_REQUIRE(named<"image/resize,w_100">::name() == "image/resize,w_100");
  STATIC_REQUIRE(!std::is_same_v<named<"a">, named<"b">>);
  STATIC_REQUIRE(std::is_same_v<named<"a">, named<"a">>);

  constexpr objproc::fixed_string s = "hello";
  STATIC_REQUIRE(s.size() == 5);
  STATIC_REQUIRE(s == "hello");
  STATIC_REQUIRE(s == objproc::fixed_string("hello"));
  STATIC_REQUIRE(!(s == objproc::fixed_string("hell")));
  CHECK(std::string(s.c_str()) == "hello");  // NUL-terminated
  CHECK(std::string(s.begin(), s.end()) == "hello");
  objproc::fixed_string<3> empty;
  CHECK(empty.view() == std::string_view("\0\0\0", 3));
  constexpr objproc::fixed_string none = "";
  STATIC_REQUIRE(none.empty());
}
