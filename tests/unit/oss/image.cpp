// SPDX-License-Identifier: MIT
// Tests objproc/oss/image.hpp at run time: bad values, round trips and a property test.
#include "objproc/oss/image.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "objproc/oss/directives.hpp"

namespace oss = objproc::oss;
namespace image = objproc::oss::image;
using objproc::errc;

TEST_CASE("out-of-range builder values give a style holding the error", "[oss][image]") {
  volatile std::int64_t zero = 0;  // a run-time value: no compile-time rejection
  const auto bad = image::resize{.w = zero}.str();
  REQUIRE(bad.has_error());
  CHECK(bad.error().code == errc::value_out_of_range);
  CHECK(bad.view().empty());
  CHECK(bad.checked().error().code == errc::value_out_of_range);
  CHECK(image::circle{.r = 5000 + zero}.str().error().code == errc::value_out_of_range);
  CHECK(image::bright{.value = 101 + zero}.str().error().code == errc::value_out_of_range);
  CHECK(image::resize{.w = 10 + zero, .color = 0x1000000}.str().error().code ==
        errc::invalid_color);
  CHECK(image::resize{}.str().error().code == errc::missing_parameter);
  CHECK(image::watermark{.t = 50 + zero}.str().error().code == errc::missing_parameter);
  CHECK(image::watermark{.text = std::string_view("\xff")}.str().error().code ==
        errc::invalid_base64_value);
  // An error is sticky through composition.
  const auto composed =
      bad / image::format{.type = oss::image_format::png} | oss::save_as{.key = "a.png"};
  CHECK(composed.error().code == errc::value_out_of_range);
}

TEST_CASE("directives validate bucket, key and placement", "[oss][image][directives]") {
  const auto base = image::resize{.w = 100}.str();
  CHECK((base | oss::save_as{.bucket = "Bad_Bucket", .key = "a.jpg"}).error().code ==
        errc::invalid_bucket_name);
  CHECK((base | oss::save_as{.key = "/abs.jpg"}).error().code == errc::invalid_object_key);
  CHECK((base | oss::save_as{.key = ""}).error().code == errc::invalid_object_key);
  CHECK((base | oss::save_as{.key = "a"} | oss::save_as{.key = "b"}).error().code ==
        errc::invalid_system_part);
  CHECK((base | oss::notify{.topic = ""}).error().code == errc::missing_value);
  // Operations cannot follow the system part; styles from text keep their service.
  CHECK(((base | oss::save_as{.key = "a"}) / image::info{}).error().code ==
        errc::misplaced_operation);
  const auto video = oss::parse_style("video/snapshot,t_1000,f_jpg").value();
  CHECK((video / image::info{}).error().code == errc::mixed_services);
  const auto reference = oss::parse_style("style/thumb").value();
  CHECK((reference / image::info{}).error().code == errc::misplaced_operation);
  CHECK((reference | oss::save_as{.key = "t.jpg"}) ==
        std::string_view("style/thumb|sys/saveas,o_dC5qcGc"));
  // A notify added before saveas still renders saveas first.
  CHECK((base | oss::notify{.topic = "t"} | oss::save_as{.key = "a"}) ==
        std::string_view("image/resize,w_100|sys/saveas,o_YQ/notify,topic_dA"));
}

TEST_CASE("directives name the directive's field, not the operation's", "[oss][image][directives]") {
  const auto base = image::resize{.w = 100}.str();
  CHECK((base | oss::save_as{.bucket = "Bad_Bucket", .key = "a.jpg"}).error().field ==
        objproc::oss::fields::save_as_bucket);
  CHECK((base | oss::save_as{.key = "/abs.jpg"}).error().field == "save_as.key");
  CHECK((base | oss::save_as{.key = ""}).error().field == "save_as.key");
  CHECK((base | oss::notify{.topic = ""}).error().field == "notify.topic");
  CHECK((base | oss::notify{.topic = "t\r\n"}).error().field == "notify.topic");
  CHECK((base | oss::notify{.topic = "t\xff"}).error().field == "notify.topic");
  // What the style itself got wrong has no directive field.
  CHECK((base | oss::save_as{.key = "a"} | oss::save_as{.key = "b"}).error().field.empty());
}

TEST_CASE("directives compose with checked literals", "[oss][image][directives]") {
  using namespace objproc::literals;
  STATIC_REQUIRE(("image/resize,w_100"_oss | oss::save_as{.key = "a"}) ==
                 std::string_view("image/resize,w_100|sys/saveas,o_YQ"));
  CHECK(("video/convert,f_mp4,vcodec_h264"_oss | oss::notify{.topic = "t"}) ==
        std::string_view("video/convert,f_mp4,vcodec_h264|sys/notify,topic_dA"));
  CHECK(("image/resize,w_100"_oss | oss::save_as{.key = ""}).error().code ==
        errc::invalid_object_key);
}

TEST_CASE("property: random typed values render, parse and compare equal", "[oss][image]") {
  std::mt19937_64 rng(42);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
  };
  const char* words[] = {"a", "dir/key.jpg", "猫 1.png", "x,y/z|w", "Hello World", "=?&#%"};
  for (int i = 0; i < 2000; ++i) {
    oss::style s =
        image::resize{.m = static_cast<oss::resize_mode>(pick(0, 4)),
                      .w = pick(1, 16384),
                      .h = rng() % 2 ? std::optional<std::int64_t>(pick(1, 16384)) : std::nullopt,
                      .limit = rng() % 2 == 0,
                      .color = static_cast<std::uint32_t>(pick(0, 0xFFFFFF))}
            .str();
    s = s / image::crop{.w = pick(0, 16384),
                        .x = pick(0, 30000),
                        .g = static_cast<oss::crop_gravity>(pick(0, 10))};
    s = s / image::rotate{.degrees = pick(0, 360)} / image::bright{.value = pick(-100, 100)};
    s = s / image::quality{.q = pick(1, 100)} /
        image::format{.type = static_cast<oss::image_format>(pick(0, 7))};
    s = s / image::watermark{.t = pick(0, 100),
                             .g = static_cast<oss::gravity>(pick(0, 8)),
                             .voffset = pick(-1000, 1000),
                             .text = words[pick(0, 5)],
                             .color = static_cast<std::uint32_t>(pick(0, 0xFFFFFF))};
    if (rng() % 2)
      s = s | oss::save_as{.bucket = rng() % 2 ? "target-bucket" : "", .key = words[pick(0, 5)]};
    INFO(objproc::to_string(s.error()));
    REQUIRE_FALSE(s.has_error());
    const auto parsed = oss::parse_style(s.view());
    REQUIRE(parsed.has_value());
    REQUIRE(*parsed == s);
    REQUIRE(oss::to_string(*parsed) == oss::to_string(s));
  }
}
