// SPDX-License-Identifier: MIT
// Tests objproc/core/result.hpp.
#include "objproc/core/result.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <type_traits>

using objproc::errc;
using objproc::error;
using objproc::result;

namespace {
result<std::string> parse_word(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == ' ') return error{errc::invalid_character, i, "space in a word"};
  return std::string(s);
}
}  // namespace

TEST_CASE("result holds a value or an error", "[core][result]") {
  auto ok = parse_word("abc");
  REQUIRE(ok.has_value());
  REQUIRE(static_cast<bool>(ok));
  CHECK(*ok == "abc");
  CHECK(ok->size() == 3);
  CHECK(ok.value() == "abc");

  auto bad = parse_word("a c");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().code == errc::invalid_character);
  CHECK(bad.error().offset == 1);
  CHECK(bad.error().detail == "space in a word");
  CHECK(bad.value_or("fallback") == "fallback");
}

TEST_CASE("result copies, moves and assigns across states", "[core][result]") {
  result<std::string> a = std::string(100, 'x');  // heap-allocated: ASan sees any leak
  result<std::string> b = error{errc::value_out_of_range};
  result<std::string> c = a;
  CHECK(*c == std::string(100, 'x'));
  c = b;  // value -> error destroys the string
  CHECK(c.error().code == errc::value_out_of_range);
  c = a;  // error -> value
  CHECK(c.value().size() == 100);
  result<std::string> d = std::move(c);
  CHECK(d.value().size() == 100);
  d = result<std::string>(std::string("y"));
  CHECK(*d == "y");
  CHECK(a == result<std::string>(std::string(100, 'x')));
  CHECK_FALSE(a == b);
  CHECK(b == result<std::string>(error{errc::value_out_of_range}));
}

TEST_CASE("result works with move-only values", "[core][result]") {
  result<std::unique_ptr<int>> p = std::make_unique<int>(7);
  auto q = std::move(p);
  REQUIRE(q.has_value());
  CHECK(**q == 7);
  std::unique_ptr<int> owned = std::move(q).value();
  CHECK(*owned == 7);
}

TEST_CASE("and_then and transform pass errors through", "[core][result]") {
  auto length = [](const std::string& s) { return s.size(); };
  CHECK(parse_word("abcd").transform(length).value() == 4);
  CHECK(parse_word("a b").transform(length).error().offset == 1);
  auto non_empty = [](const std::string& s) -> result<std::string> {
    if (s.empty()) return error{errc::invalid_argument, 0, "empty"};
    return s + "!";
  };
  CHECK(parse_word("hi").and_then(non_empty).value() == "hi!");
  CHECK(parse_word("").and_then(non_empty).error().detail == "empty");
  CHECK(parse_word("x y").and_then(non_empty).error().code == errc::invalid_character);
}

TEST_CASE("result<void>", "[core][result]") {
  result<void> ok;
  CHECK(ok.has_value());
  result<void> bad = error{errc::crypto_failed, error::no_offset, "digest", 42};
  CHECK_FALSE(bad.has_value());
  CHECK(bad.error().provider_code == 42);
  CHECK_FALSE(bad.error().has_offset());
  auto next = ok.and_then([]() -> result<int> { return 5; });
  CHECK(next.value() == 5);
  CHECK(bad.and_then([]() -> result<int> { return 5; }).error().code == errc::crypto_failed);
}

TEST_CASE("errors render without leaking input", "[core][result]") {
  const error e{errc::invalid_padding, 7, "wrong amount of '=' padding"};
  CHECK(objproc::to_string(e) == "invalid padding at offset 7: wrong amount of '=' padding");
  CHECK(objproc::to_string(error{errc::crypto_failed, error::no_offset, "hmac", 3}) ==
        "crypto provider failed: hmac (provider code 3)");
  CHECK(e.shifted(10).offset == 17);
  CHECK(error{errc::invalid_date}.shifted(10).offset == error::no_offset);
  // Every code has its own name.
  for (const errc code : objproc::all_errc) {
    CHECK(objproc::to_string(code) != "unknown error");
    CHECK(objproc::name(code) != "unknown_error");
  }
  CHECK(objproc::name(errc::invalid_padding) == "invalid_padding");
  CHECK(objproc::to_string(errc::none) == "unknown error");
}

TEST_CASE("an error names the input field it belongs to", "[core][result]") {
  const error bare{errc::invalid_object_key, 0, "cannot start with '/'"};
  CHECK(bare.field.empty());
  const error keyed = bare.in_field(objproc::fields::key);
  CHECK(keyed.field == "key");
  CHECK(keyed.code == bare.code);
  CHECK(keyed.offset == bare.offset);
  CHECK(keyed.detail == bare.detail);
  CHECK_FALSE(keyed == bare);  // the field is part of the value
  CHECK(keyed.in_field("save_as.key").field == "save_as.key");
  // An operation tagging its own checks keeps the field a deeper check named.
  CHECK(keyed.in_field_unless_set(objproc::fields::process).field == "key");
  CHECK(bare.in_field_unless_set(objproc::fields::process).field == "process");
  CHECK(keyed.shifted(3).field == "key");
  // The text form names the field first, and only its name.
  CHECK(objproc::to_string(keyed) == "key: invalid object key at offset 0: cannot start with '/'");
  CHECK(objproc::to_string(error{errc::value_out_of_range, error::no_offset, "must be positive"}
                               .in_field(objproc::fields::expires)) ==
        "expires: value out of range: must be positive");
  // Returned by value everywhere: two words more than code, offset, detail and provider code.
  static_assert(sizeof(error) <= 7 * sizeof(void*));
  static_assert(std::is_trivially_copyable_v<error>);
  constexpr error at_compile_time = error{errc::invalid_region}.in_field(objproc::fields::region);
  static_assert(at_compile_time.field == "region");
}

#if OBJPROC_USE_EXCEPTIONS
TEST_CASE("value() on an error throws bad_result_access when exceptions are on", "[core][result]") {
  const result<int> bad = error{errc::truncated_input, 2, "short"};
  try {
    (void)bad.value();
    FAIL("value() returned");
  } catch (const objproc::bad_result_access& e) {
    CHECK(e.error().code == errc::truncated_input);
    CHECK(std::string(e.what()).find("objproc") != std::string::npos);
  }
  const result<void> bad_void = error{errc::truncated_input};
  CHECK_THROWS_AS(bad_void.value(), objproc::bad_result_access);
}
#endif

TEST_CASE("noexcept where it must hold", "[core][result]") {
  STATIC_REQUIRE(noexcept(std::declval<const result<int>&>().has_value()));
  STATIC_REQUIRE(noexcept(std::declval<const result<int>&>().error()));
  STATIC_REQUIRE(noexcept(result<int>(error{})));
  STATIC_REQUIRE(std::is_nothrow_move_constructible_v<result<std::string>>);
  STATIC_REQUIRE(std::is_trivially_copyable_v<error>);
}
