// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/http/fields.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace {

namespace http = objproc::http;
using http::detail::span_writer;

// The byte loops the fast paths replace, as the reference they must agree with.
std::size_t reference_line_break(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0') return i;
  return std::string_view::npos;
}
bool reference_control(std::string_view s, bool tab_allowed) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && !(tab_allowed && c == '\t')) || u == 0x7F) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("find_line_break and has_control agree with a byte loop, every byte at every place",
          "[http][fields]") {
  // Lengths across the eight-byte steps and their tails; every byte value at each position, on
  // backgrounds next to the bytes searched for (0x1F, 0x7E, 0x80) and of tabs.
  int mismatches = 0;
  for (const char background : {'a', '\x1f', '~', '\x80', '\t'}) {
    for (std::size_t length = 0; length <= 19; ++length) {
      std::string s(length, background);
      const auto agree = [&] {
        const bool ok = http::detail::find_line_break(s) == reference_line_break(s) &&
                        http::detail::has_control(s, true) == reference_control(s, true) &&
                        http::detail::has_control(s, false) == reference_control(s, false);
        if (!ok && mismatches++ == 0) UNSCOPED_INFO("first mismatch on \"" << s << "\"");
      };
      agree();
      for (std::size_t at = 0; at < length; ++at) {
        for (int odd = 0; odd < 256; ++odd) {
          s[at] = static_cast<char>(odd);
          agree();
        }
        s[at] = background;
      }
    }
  }
  CHECK(mismatches == 0);
  STATIC_REQUIRE(http::detail::find_line_break("ab\ncd") == 2);  // the constexpr path
  STATIC_REQUIRE(http::detail::has_control("a\tb", false));
  STATIC_REQUIRE_FALSE(http::detail::has_control("a\tb", true));
}

TEST_CASE("iequals_lower lowercases only its first argument", "[http][fields]") {
  CHECK(http::detail::iequals_lower("Content-Type", "content-type"));
  CHECK(http::detail::iequals_lower("X-OSS-DATE", "x-oss-date"));
  CHECK_FALSE(http::detail::iequals_lower("content-type", "Content-Type"));  // not lowercase
  CHECK_FALSE(http::detail::iequals_lower("content-typ", "content-type"));
  CHECK(http::detail::istarts_with("X-Oss-Meta-A", "x-oss-"));
  CHECK_FALSE(http::detail::istarts_with("X-Os", "x-oss-"));
}

TEST_CASE("span_writer: short and long pieces, overflow cuts and counts", "[http][fields]") {
  // Every length around the inline copy's cases (1, 2-3, 4-7, 8-16, more).
  const std::string source = "0123456789abcdefghijklmnopqrstuvwxyz";
  for (std::size_t n = 0; n <= source.size(); ++n) {
    std::array<char, 64> buffer{};
    span_writer out(buffer);
    out.put('<');
    out.put(std::string_view(source).substr(0, n));
    out.put('>');
    CHECK(out.text() == "<" + source.substr(0, n) + ">");
  }
  std::array<char, 8> small{};
  span_writer out(small);
  out.put("0123456");
  out.put("789");  // does not fit: cut, counted
  CHECK(out.overflowed());
  CHECK(out.text() == "0123456");
  CHECK(out.needed() == 10);

  std::array<char, 32> digits{};
  span_writer numbers(digits);
  numbers.put_number(0);
  numbers.put(' ');
  numbers.put_number(18446744073709551615U);
  CHECK(numbers.text() == "0 18446744073709551615");

  std::array<char, 16> lower{};
  span_writer lowered(lower);
  lowered.put_lower("X-Oss-Date");
  lowered.put("AB");
  lowered.lower_from(10);
  CHECK(lowered.text() == "x-oss-dateab");
}

TEST_CASE("span_writer::put_encoded: the table encoder and the exact-fit path agree",
          "[http][fields]") {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (const auto set :
       {objproc::percent_set::component, objproc::percent_set::path, objproc::percent_set::form}) {
    const std::string expected = objproc::to_percent_encoded(all, set);
    // Roomy: the table encoder (needs two bytes of slack). Exact: the checked byte loop.
    std::string roomy(expected.size() + 3 * all.size() + 2, '\0');
    span_writer a(roomy);
    a.put_encoded(all, set);
    CHECK(a.text() == expected);
    std::string exact(expected.size(), '\0');
    span_writer b(exact);
    b.put_encoded(all, set);
    CHECK_FALSE(b.overflowed());
    CHECK(b.text() == expected);
    std::string short_by_one(expected.size() - 1, '\0');
    span_writer c(short_by_one);
    c.put_encoded(all, set);
    CHECK(c.overflowed());
    CHECK(c.needed() == expected.size());
  }
}

TEST_CASE("field_list: copies and moves hold exactly the fields pushed", "[http][fields]") {
  http::field_list<http::header_field, 64> views;  // trivially copyable: uninitialised room
  views.push_back({"a", "1"});
  CHECK(views.try_push_back({"b", "2"}));
  http::field_list<http::header_field, 64> copy = views;
  CHECK(copy == views);
  CHECK(copy.size() == 2);
  CHECK(copy[1].value == "2");
  copy.push_back({"c", "3"});
  views = copy;
  CHECK(views.span().size() == 3);
  CHECK(views[2].name == "c");

  http::field_list<http::added_header, 2> owned;  // owned strings: a value-initialised array
  owned.push_back({"x", std::string(40, 'v')});
  http::field_list<http::added_header, 2> moved = std::move(owned);
  CHECK(moved.size() == 1);
  CHECK(moved[0].value == std::string(40, 'v'));
  CHECK(moved.try_push_back({"y", "w"}));
  CHECK_FALSE(moved.try_push_back({"z", "full"}));

  http::detail::uninitialized_array<http::query_field, 4> room;
  room[0] = {"k", std::nullopt};
  CHECK(room.span().size() == 4);
  CHECK_FALSE(room[0].value.has_value());
}
