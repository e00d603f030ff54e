// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/cos/names.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace ci = objproc::cos;
using objproc::errc;

TEST_CASE("cos names: object keys, Tencent COS \"Object key\" (doc 436/13324)", "[cos][names]") {
  CHECK(ci::check_object_key("dir/a.jpg").has_value());
  CHECK(ci::check_object_key("猫/图 1.png").has_value());
  CHECK(ci::check_object_key(std::string(850, 'k')).has_value());
  const auto too_long = ci::check_object_key(std::string(851, 'k'));
  REQUIRE_FALSE(too_long.has_value());
  CHECK(too_long.error().code == errc::invalid_object_key);
  CHECK(too_long.error().offset == 850);
  // 850 bytes, not characters: 284 three-byte characters are 852 bytes.
  std::string wide;
  for (int i = 0; i < 284; ++i) wide += "猫";
  CHECK_FALSE(ci::check_object_key(wide).has_value());
  CHECK(ci::check_object_key("").error().code == errc::invalid_object_key);
  CHECK(ci::check_object_key("/a.jpg").error().offset == 0);
  CHECK(ci::check_object_key("\\a.jpg").error().offset == 0);
  for (const char* bad : {"a\rb", "a\nb", "a\tb", "a\x1b[0mb", "a\x7f"}) {
    INFO(bad);
    const auto r = ci::check_object_key(bad);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_object_key);
    CHECK(r.error().offset == 1);
  }
  CHECK(ci::check_object_key(std::string("a\0b", 3)).error().offset == 1);
  CHECK(ci::check_object_key("a\xff").error().code == errc::invalid_object_key);
  static_assert(ci::check_object_key("a.jpg").has_value());
}

TEST_CASE("cos names: every refusal belongs to its field", "[cos][names]") {
  for (const std::string_view bad : {"", "/a", "\\a", "a\rb", "a\xc3"}) {
    INFO(bad);
    CHECK(ci::check_object_key(bad).error().field == objproc::fields::key);
  }
  CHECK(ci::check_object_key(std::string(851, 'k')).error().field == "key");
  for (const std::string_view bad :
       {"", "examplebucket", "examplebucket-", "-1250000000", "Example-1250000000",
        "example-12500x0000", "a--1250000000"}) {
    INFO(bad);
    CHECK(ci::check_bucket_name(bad).error().field == objproc::fields::bucket);
  }
  CHECK(ci::check_bucket_name(std::string(64, 'a') + "-1").error().field == "bucket");
}
