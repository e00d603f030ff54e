// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/oss/names.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace oss = objproc::oss;
using objproc::errc;

TEST_CASE("oss names: object keys, Alibaba \"Object naming conventions\"", "[oss][names]") {
  CHECK(oss::check_object_key("dir/a.jpg").has_value());
  CHECK(oss::check_object_key(std::string(1023, 'k')).has_value());
  CHECK(oss::check_object_key(std::string(1024, 'k')).error().offset == 1023);
  std::string wide;  // 1023 bytes is the limit, not 1023 characters
  for (int i = 0; i < 342; ++i) wide += "猫";
  CHECK(oss::check_object_key(wide).error().code == errc::invalid_object_key);
  CHECK(oss::check_object_key("/a").error().offset == 0);
  CHECK(oss::check_object_key("\\a").error().offset == 0);
  CHECK(oss::check_object_key("").error().code == errc::invalid_object_key);
  CHECK(oss::check_object_key("a\xc3").error().code == errc::invalid_object_key);
}

TEST_CASE("oss names: every refusal belongs to its field", "[oss][names]") {
  for (const std::string_view bad : {"", "/a", "\\a", "a\xc3"}) {
    INFO(bad);
    CHECK(oss::check_object_key(bad).error().field == objproc::fields::key);
  }
  CHECK(oss::check_object_key(std::string(1024, 'k')).error().field == "key");
  for (const std::string_view bad : {"ab", "Abc", "-abc", "abc-"}) {
    INFO(bad);
    CHECK(oss::check_bucket_name(bad).error().field == objproc::fields::bucket);
  }
}
