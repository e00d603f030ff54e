// SPDX-License-Identifier: MIT
// The builders of issue 12's vocabulary (image AI, smart documents, blur g/p, video/snapshot
// l/s), checked at compile time (and at run time in the runtime twin of this executable).
#include <catch2/catch.hpp>

#include <string_view>

#include "objproc/oss/directives.hpp"
#include "objproc/oss/doc.hpp"
#include "objproc/oss/image.hpp"
#include "objproc/oss/video.hpp"

namespace oss = objproc::oss;
namespace image = objproc::oss::image;
namespace doc = objproc::oss::doc;
using namespace std::string_view_literals;

TEST_CASE("image intelligence builders", "[constexpr][oss][image]") {
  STATIC_REQUIRE(image::faces{}.str() == "image/faces"sv);
  STATIC_REQUIRE(image::bodies{}.str() == "image/bodies"sv);
  STATIC_REQUIRE(image::cars{}.str() == "image/cars"sv);
  STATIC_REQUIRE(image::codes{}.str() == "image/codes"sv);
  STATIC_REQUIRE(image::labels{}.str() == "image/labels"sv);
  STATIC_REQUIRE(image::score{}.str() == "image/score"sv);
  STATIC_REQUIRE((image::resize{.w = 100} / image::score{}).view() == "image/resize,w_100/score"sv);
  STATIC_REQUIRE(image::blur{.r = 25, .s = 50, .g = oss::blur_faces::face, .p = 50}.str() ==
                 "image/blur,r_25,s_50,g_face,p_50"sv);
  STATIC_REQUIRE(image::blur{.r = 3, .s = 2, .g = oss::blur_faces::faces}.str() ==
                 "image/blur,r_3,s_2,g_faces"sv);
  STATIC_REQUIRE(
      oss::video::snapshot{.t = 3000, .f = oss::frame_format::jpg, .l = 800, .s = 600}.str() ==
      "video/snapshot,t_3000,f_jpg,l_800,s_600"sv);
}

TEST_CASE("smart-document builders encode their text", "[constexpr][oss][doc]") {
  STATIC_REQUIRE(
      doc::translate{.language = oss::doc_language::en_US, .content = "四月的天气很好"}.str() ==
      "doc/translate,language_en_US,content_5Zub5pyI55qE5aSp5rCU5b6I5aW9"sv);
  STATIC_REQUIRE(doc::translate{.language = oss::doc_language::ja_JP,
                                .content = "Hello",
                                .format = oss::doc_answer_format::event_stream}
                     .str() ==
                 "doc/translate,language_ja_JP,content_SGVsbG8,format_event-stream"sv);
  STATIC_REQUIRE(doc::rephrase{.tone = oss::doc_tone::straightforward, .content = "Hello"}.str() ==
                 "doc/rephrase,tone_straightforward,content_SGVsbG8"sv);
  STATIC_REQUIRE(doc::polish{.content = "Hello"}.str() == "doc/polish,content_SGVsbG8"sv);
  STATIC_REQUIRE(doc::summarize{.content = "Hello", .format = oss::doc_answer_format::json}.str() ==
                 "doc/summarize,content_SGVsbG8,format_json"sv);
  STATIC_REQUIRE(doc::enrich{.content = "ok"}.str() == "doc/enrich,content_b2s"sv);
  STATIC_REQUIRE(doc::continuation{.content = "Hello", .history = "ok"}.str() ==
                 "doc/continue,content_SGVsbG8,history_b2s"sv);
  // POST ProcessObject only.
  STATIC_REQUIRE(oss::check_carrier(doc::polish{.content = "ok"}.str(), oss::carrier::sync_process)
                     .has_value());
  STATIC_REQUIRE_FALSE(
      oss::check_carrier(doc::polish{.content = "ok"}.str(), oss::carrier::get_url).has_value());
}

TEST_CASE("new builders report errors at run time", "[oss][doc][image]") {
  volatile std::int64_t zero = 0;
  CHECK(doc::polish{}.str().error().code == objproc::errc::missing_value);  // no content
  CHECK(image::blur{.r = 3, .s = 2, .p = 50 + zero}.str().error().code ==
        objproc::errc::missing_parameter);  // p needs g
  CHECK(
      image::blur{.r = 3, .s = 2, .g = oss::blur_faces::face, .p = 201 + zero}.str().error().code ==
      objproc::errc::value_out_of_range);
  CHECK(oss::video::snapshot{.l = -1 + zero}.str().error().code ==
        objproc::errc::value_out_of_range);
}
