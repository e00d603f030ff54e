// SPDX-License-Identifier: MIT
// The builders of issue 12's vocabulary (image AI, smart documents, blur g/p, video/snapshot
// l/s), and what a style's parse records for check_carrier, checked at compile time (and at run
// time in the runtime twin of this executable).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>

#include "objproc/oss/directives.hpp"
#include "objproc/oss/doc.hpp"
#include "objproc/oss/image.hpp"
#include "objproc/oss/style.hpp"
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

TEST_CASE("the parse records what check_carrier needs; check_carrier reads it",
          "[constexpr][oss][facts]") {
  using oss::carrier;
  using objproc::errc;
  constexpr std::uint16_t none = oss::style_facts::none;
  constexpr std::uint8_t sync_carriers = oss::in_get_url | oss::in_sync_process;
  // A GET-URL / ProcessObject operation: refused asynchronously, at its name.
  constexpr auto resize = oss::parse_style("image/resize,w_100").value();
  STATIC_REQUIRE(resize.facts().main_size == 18);
  STATIC_REQUIRE(resize.main() == "image/resize,w_100"sv);
  STATIC_REQUIRE(resize.facts().operation_carriers() == sync_carriers);
  STATIC_REQUIRE(resize.facts().refused == oss::in_async_process);
  STATIC_REQUIRE(resize.facts().refused_at[2] == 6);
  STATIC_REQUIRE(oss::check_carrier(resize, carrier::async_process).error() ==
                 objproc::error{errc::sync_only_operation, 6, "needs process_object or a GET URL"});
  STATIC_REQUIRE(oss::check_carrier(resize, carrier::get_url).has_value());
  // An asynchronous media operation: its result must be saved.
  constexpr auto convert = oss::parse_style("video/convert,f_mp4|sys/saveas,o_YS5tcDQ").value();
  STATIC_REQUIRE(convert.facts().operation_carriers() == oss::in_async_process);
  STATIC_REQUIRE(convert.facts().needs_save_as_at == 6);
  STATIC_REQUIRE(convert.facts().needs_notify_at == none);
  STATIC_REQUIRE(convert.has_save_as());
  STATIC_REQUIRE(convert.main() == "video/convert,f_mp4"sv);
  STATIC_REQUIRE(oss::check_carrier(convert, carrier::async_process).has_value());
  STATIC_REQUIRE(oss::check_carrier(convert, carrier::get_url).error().code ==
                 errc::async_only_operation);
  STATIC_REQUIRE(oss::check_carrier(oss::parse_style("video/convert,f_mp4").value(),
                                    carrier::async_process)
                     .error() == objproc::error{objproc::oss::saveas_required, 6,
                                                "the result must be saved: add sys/saveas"});
  // Offsets are into the canonical text ("SGk=" -> "SGk"), as when it was parsed again.
  constexpr std::string_view padded = "image/watermark,text_SGk=|sys/saveas,o_YQ";
  constexpr auto saved = oss::parse_style(padded).value();
  STATIC_REQUIRE(saved.facts().main_size == 24);
  STATIC_REQUIRE(oss::check_carrier(saved, carrier::get_url).error() ==
                 oss::parse_style(saved.view(), carrier::get_url).error());
  STATIC_REQUIRE(oss::check_carrier(saved, carrier::get_url).error().offset == 25);
  STATIC_REQUIRE(oss::parse_style(padded, carrier::get_url).error().offset == 26);
  // Unchecked styles record no operation; the system part is checked as before.
  constexpr auto loose = oss::unchecked_style("image/facesx,w_1|sys/saveas,o_YQ").value();
  STATIC_REQUIRE(loose.facts().operation_carriers() == 7);
  STATIC_REQUIRE(oss::check_carrier(loose, carrier::async_process).has_value());
  STATIC_REQUIRE(oss::check_carrier(loose, carrier::get_url).error().code ==
                 objproc::oss::saveas_not_allowed);
  // A reference runs anywhere; an empty style is an error, as parsing "" is.
  STATIC_REQUIRE(oss::parse_style("style/thumb")->is_reference());
  STATIC_REQUIRE(oss::parse_style("style/thumb")->facts().operation_carriers() == 7);
  STATIC_REQUIRE(oss::check_carrier(oss::style{}, carrier::any).error() ==
                 oss::parse_style("").error());
}
