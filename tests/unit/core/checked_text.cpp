// SPDX-License-Identifier: MIT
// Tests objproc/core/checked_text.hpp with a grammar of its own (the template knows no vendor):
// parsing strict and unchecked, the recorded facts, errors held by builders, appended() in the
// value's own mode, the capacity, and the compile-time checked string.
#include "objproc/core/checked_text.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

using objproc::errc;

namespace {

enum class room : std::uint8_t { any, library };

struct number_facts {
  std::uint8_t count = 0;
  std::uint16_t first_loud_at = 0xFFFF;  // the first number above 50: refused in the library
};

// ','-separated numbers 0-99 (unchecked: any number); a leading '+' is dropped.
struct numbers {
  using place = room;
  using facts = number_facts;
  static constexpr std::size_t capacity = 8;
  static constexpr std::string_view empty_detail = "no numbers";
  static constexpr std::string_view too_long_detail = "more than 8 bytes";
  static constexpr bool literal_converts_to_string = false;

  static constexpr objproc::result<number_facts> parse(std::string_view in,
                                                       objproc::detail::text_writer& out,
                                                       room where, bool unchecked) noexcept {
    if (in.empty()) return objproc::error{errc::empty_style, 0, "empty"};
    number_facts f;
    for (std::size_t at = 0; at <= in.size();) {
      // Not in.find(','): libstdc++'s find compares a pointer with null, which g++ under
      // -fsanitize=undefined cannot do in a constant expression for a literal's static text.
      std::size_t end = at;
      while (end < in.size() && in[end] != ',') ++end;
      std::size_t from = at < end && in[at] == '+' ? at + 1 : at;
      auto n = objproc::detail::parse_integer(in.substr(from, end - from));
      if (!n) return n.error().shifted(from);
      if (!unchecked && *n > 99) return objproc::error{errc::value_out_of_range, from, "0-99"};
      if (f.count++ > 0) out.put(',');
      if (*n > 50 && f.first_loud_at == 0xFFFF) {
        f.first_loud_at = static_cast<std::uint16_t>(out.size);
        if (where == room::library)
          return objproc::error{errc::misplaced_operation, from, "too loud"};
      }
      out.put(in.substr(from, end - from));
      at = end + 1;
    }
    if (out.overflowed()) return objproc::error{errc::style_too_long, out.capacity, "too long"};
    return f;
  }

  template <class Self>
  class accessors {
   public:
    [[nodiscard]] constexpr std::size_t count() const noexcept {
      return static_cast<const Self&>(*this).facts().count;
    }
  };
};

using number_text = objproc::checked_text<numbers>;
using number_string = objproc::checked_string<numbers>;

// numbers, counting the parses that run at run time (not in a constant evaluation).
struct counted_numbers : numbers {
  static inline int runtime_parses = 0;

  static constexpr objproc::result<number_facts> parse(std::string_view in,
                                                       objproc::detail::text_writer& out,
                                                       room where, bool unchecked) noexcept {
    if (!std::is_constant_evaluated()) ++runtime_parses;
    return numbers::parse(in, out, where, unchecked);
  }
};

}  // namespace

TEST_CASE("checked_text holds canonical text and what its parse recorded", "[core][checked]") {
  constexpr auto two = number_text::parse("+1,70").value();
  STATIC_REQUIRE(two.view() == "1,70");
  STATIC_REQUIRE(two.count() == 2);
  STATIC_REQUIRE(two.facts().first_loud_at == 2);  // into the canonical text, not the input
  STATIC_REQUIRE(!two.is_unchecked());
  STATIC_REQUIRE(two == std::string_view("1,70"));
  STATIC_REQUIRE(two == number_text::parse("1,70").value());
  CHECK(number_text::parse("1,70", room::library).error() ==
        objproc::error{errc::misplaced_operation, 2, "too loud"});
  CHECK(number_text::parse("1,100").error().code == errc::value_out_of_range);
  // Unchecked is its own spelling, and the value remembers it.
  const auto loose = number_text::parse_unchecked("100").value();
  CHECK(loose.is_unchecked());
  CHECK_FALSE(loose == number_text{});
  CHECK(loose.checked().value() == loose);
}

TEST_CASE("checked_text: errors held, appended in the value's mode, the capacity",
          "[core][checked]") {
  const auto held = number_text::failed({errc::invalid_number, 3, "held"});
  CHECK(held.has_error());
  CHECK(held.view().empty());
  CHECK(held.checked().error() == objproc::error{errc::invalid_number, 3, "held"});
  CHECK(held.appended(",1").error() == held.error());  // the first error stays
  CHECK_FALSE(held == std::string_view(""));
  CHECK(number_text{}.checked().error() ==
        objproc::error{errc::empty_style, objproc::error::no_offset, "no numbers"});
  // appended(): the whole text parsed again, strictly for a strict value...
  CHECK(number_text::parse("1").value().appended(",", "+2").view() == "1,2");
  CHECK(number_text::parse("1").value().appended(",200").error().code == errc::value_out_of_range);
  // ... and unchecked for an unchecked one.
  const auto loose = number_text::parse_unchecked("100").value().appended(",200");
  CHECK(loose.view() == "100,200");
  CHECK(loose.is_unchecked());
  // Past the capacity: refused, never truncated.
  CHECK(number_text::parse("1,2,3").value().appended(",4,5").error() ==
        objproc::error{errc::style_too_long, 8, "more than 8 bytes"});
  CHECK(number_text::parse("1,2,3,4,5").error().code == errc::style_too_long);
}

TEST_CASE("checked_string checks at compile time and becomes the value", "[core][checked]") {
  constexpr number_string literal = "+3,4";
  STATIC_REQUIRE(literal.view() == "+3,4");
  STATIC_REQUIRE(literal.get() == std::string_view("3,4"));
  constexpr number_text converted = literal;
  STATIC_REQUIRE(converted.count() == 2);
  constexpr auto from_operator = objproc::detail::checked_literal<numbers, "5">();
  STATIC_REQUIRE(from_operator.get() == std::string_view("5"));
  STATIC_REQUIRE(objproc::detail::first_error<numbers>("1,x").code == errc::invalid_number);
  STATIC_REQUIRE(objproc::detail::first_error<numbers>("1,2").code == errc::none);
  // The text conversion exists only for grammars that ask for it.
  STATIC_REQUIRE_FALSE(std::is_convertible_v<number_string, std::string>);
  STATIC_REQUIRE(std::is_convertible_v<number_string, number_text>);
}

TEST_CASE("a checked literal becomes its value without parsing again", "[core][checked]") {
  using counted_text = objproc::checked_text<counted_numbers>;
  // Not constexpr: the conversions below run at run time.
  objproc::checked_string<counted_numbers> literal =
      objproc::detail::checked_literal<counted_numbers, "+3,70">();
  const int parses_before = counted_numbers::runtime_parses;
  const counted_text converted = literal;
  const counted_text got = literal.get();
  CHECK(counted_numbers::runtime_parses == parses_before);
  // The value the compile-time parse produced: the same as a parse at run time gives.
  const counted_text parsed = counted_text::parse("+3,70").value();
  CHECK(counted_numbers::runtime_parses == parses_before + 1);
  CHECK(converted == parsed);
  CHECK(got == parsed);
  CHECK(converted.view() == "3,70");
  CHECK(converted.count() == 2);
  CHECK(converted.facts().first_loud_at == parsed.facts().first_loud_at);
  CHECK(converted.checked().has_value());
  CHECK(literal.view() == "+3,70");  // the text as written
  // The conversion is still a constant expression.
  constexpr auto at_compile_time = objproc::detail::checked_literal<counted_numbers, "+3,70">();
  STATIC_REQUIRE(at_compile_time.get() == std::string_view("3,70"));
  STATIC_REQUIRE(at_compile_time.get().facts().first_loud_at == 2);
}
