// SPDX-License-Identifier: MIT
// Tests objproc/oss/doc.hpp: canonical text at compile time (style-spec §4.3, §4.4, §5 samples),
// bad values at run time, round trips, the preview watermark and carrier rules.
#include "objproc/oss/doc.hpp"

#include <catch2/catch.hpp>

#include <string_view>

#include "objproc/oss/directives.hpp"

namespace oss = objproc::oss;
namespace doc = objproc::oss::doc;
using namespace std::string_view_literals;
using objproc::errc;
using oss::carrier;

namespace {

constexpr bool parses(std::string_view text) { return oss::parse_style(text).has_value(); }

constexpr bool round_trips(const oss::style& s) {
  const auto parsed = oss::parse_style(s.view());
  return !s.has_error() && parsed.has_value() && *parsed == s;
}

errc code_of(const oss::style& s) { return s.has_error() ? s.error().code : errc::none; }

// The third-party doc/preview sample (style-spec §4.4).
constexpr oss::style preview_sample() {
  return doc::preview{.allow_export = true, .allow_print = true, .allow_copy = true} /
         doc::watermark{.text = "内部资料", .size = 30, .t = 60, .color = 0xFF0000, .rotate = 45};
}

}  // namespace

TEST_CASE("doc/convert renders canonical text", "[oss][doc]") {
  STATIC_REQUIRE(
      doc::convert{.target = oss::doc_target::png, .source = oss::doc_source::docx}.str() ==
      "doc/convert,target_png,source_docx"sv);
  // The page list is always encoded: a raw "1,2,4-10" would split the arguments.
  STATIC_REQUIRE(doc::convert{.target = oss::doc_target::jpg, .pages = "1,2,4-10"}.str() ==
                 "doc/convert,target_jpg,pages_MSwyLDQtMTA"sv);
  STATIC_REQUIRE(
      doc::convert{.target = oss::doc_target::txt, .source = oss::doc_source::pptx, .pages = "3"}
          .str() == "doc/convert,target_txt,source_pptx,pages_Mw"sv);
  STATIC_REQUIRE(doc::convert{}.str() == "doc/convert,target_pdf"sv);  // target always written
  STATIC_REQUIRE(doc::convert{.source = oss::doc_source::et}.str() ==
                 "doc/convert,target_pdf,source_et"sv);
  STATIC_REQUIRE(doc::convert{.source = oss::doc_source::html}.str() ==
                 "doc/convert,target_pdf,source_html"sv);
  STATIC_REQUIRE(doc::convert{.source = oss::doc_source::dpss}.str() ==
                 "doc/convert,target_pdf,source_dpss"sv);
  STATIC_REQUIRE(doc::convert{.source = oss::doc_source::ets}.str() ==
                 "doc/convert,target_pdf,source_ets"sv);
  STATIC_REQUIRE(
      doc::convert{.target = oss::doc_target::png, .source = oss::doc_source::pdf}.str() ==
      "doc/convert,target_png,source_pdf"sv);
  // The documented async sample (style-spec §5, [D A-notify]): the directives' canonical order
  // puts o_ before b_, which is also what the parser makes of the sample.
  constexpr auto sample =
      "doc/convert,target_png,source_docx|sys/saveas,b_dGVzdC1idWNrZXQ,"
      "o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw"sv;
  STATIC_REQUIRE(parses(sample));
  STATIC_REQUIRE((doc::convert{.target = oss::doc_target::png, .source = oss::doc_source::docx} |
                  oss::save_as{.bucket = "test-bucket", .key = "doc_images/{index}.png"} |
                  oss::notify{.topic = "test-topic"}) == oss::parse_style(sample).value());
}

TEST_CASE("doc/snapshot renders canonical text", "[oss][doc]") {
  // The documented sample (style-spec §4.3), in the table order it already uses.
  STATIC_REQUIRE(parses("doc/snapshot,target_jpg,source_docx,page_2"));
  STATIC_REQUIRE(doc::snapshot{.target = oss::doc_snapshot_format::jpg,
                               .source = oss::doc_source::docx,
                               .page = 2}
                     .str() == "doc/snapshot,target_jpg,source_docx,page_2"sv);
  STATIC_REQUIRE(doc::snapshot{.target = oss::doc_snapshot_format::png, .page = 1}.str() ==
                 "doc/snapshot,target_png,page_1"sv);
  STATIC_REQUIRE(doc::snapshot{.source = oss::doc_source::xls}.str() ==
                 "doc/snapshot,source_xls"sv);
  STATIC_REQUIRE(doc::snapshot{}.str() == "doc/snapshot"sv);
  STATIC_REQUIRE(round_trips(doc::snapshot{.page = 10}.str()));
}

TEST_CASE("doc/preview and its watermark render canonical text", "[oss][doc]") {
  STATIC_REQUIRE(
      parses("doc/preview,export_1,print_1,copy_1/watermark,text_5YaF6YOo6LWE5paZ,"
             "size_30,t_60,color_FF0000,rotate_45"));
  STATIC_REQUIRE(preview_sample() ==
                 "doc/preview,export_1,print_1,copy_1/watermark,text_5YaF6YOo6LWE5paZ,size_30,"
                 "t_60,color_FF0000,rotate_45"sv);
  STATIC_REQUIRE(round_trips(preview_sample()));
  STATIC_REQUIRE(doc::preview{.allow_export = false, .allow_copy = false}.str() ==
                 "doc/preview,export_0,copy_0"sv);
  STATIC_REQUIRE(doc::preview{.allow_print = false}.str() == "doc/preview,print_0"sv);
  STATIC_REQUIRE(doc::preview{}.str() == "doc/preview"sv);
  STATIC_REQUIRE((doc::preview{} /
                  doc::watermark{.text = "Hello World", .color = 0x00A0ff, .font = "wqy-zenhei"}) ==
                 "doc/preview/watermark,text_SGVsbG8gV29ybGQ,color_00A0FF,type_d3F5LXplbmhlaQ"sv);
  // A ',', '/' or '|' in the text stays inside its parameter.
  STATIC_REQUIRE((doc::preview{} / doc::watermark{.text = "a,b/c|d"}) ==
                 "doc/preview/watermark,text_YSxiL2N8ZA"sv);
  const auto parsed = oss::parse_style("doc/preview,copy_0").value();
  CHECK((parsed / doc::watermark{.t = 50}) == "doc/preview,copy_0/watermark,t_50"sv);
}

TEST_CASE("the preview watermark is valid only right after preview", "[oss][doc]") {
  CHECK(code_of(oss::to_style(doc::watermark{.text = "x"})) == errc::misplaced_operation);
  CHECK(code_of(doc::snapshot{.page = 1} / doc::watermark{.text = "x"}) ==
        errc::misplaced_operation);
  CHECK(code_of(doc::preview{} / doc::watermark{.text = "x"} / doc::watermark{.text = "y"}) ==
        errc::misplaced_operation);
}

TEST_CASE("out-of-range doc values give a style holding the error", "[oss][doc]") {
  volatile std::int64_t zero = 0;  // a run-time value: no compile-time rejection
  const auto bad = doc::snapshot{.page = zero}.str();
  REQUIRE(bad.has_error());
  CHECK(bad.error().code == errc::value_out_of_range);
  // doc/snapshot takes fewer source types than doc/convert.
  CHECK(code_of(doc::snapshot{.source = oss::doc_source::wps}.str()) == errc::invalid_enum_value);
  CHECK(code_of(doc::snapshot{.source = oss::doc_source::csv}.str()) == errc::invalid_enum_value);
  CHECK(code_of(doc::convert{.pages = ""}.str()) == errc::missing_value);
  CHECK(code_of(doc::convert{.pages = std::string_view("\xff")}.str()) ==
        errc::invalid_base64_value);
  // doc/preview and its watermark are known from third-party code only ([T]): ranges unchecked.
  CHECK_FALSE((doc::preview{} / doc::watermark{.t = 101 + zero}).has_error());
  CHECK_FALSE((doc::preview{} / doc::watermark{.size = -1 + zero}).has_error());
  CHECK_FALSE((doc::preview{} / doc::watermark{.rotate = 361 + zero}).has_error());
  CHECK(code_of(doc::preview{} / doc::watermark{.color = 0x1000000}) == errc::invalid_color);
  CHECK(code_of(doc::preview{} / doc::watermark{.text = ""}) == errc::missing_value);
  CHECK(code_of(doc::preview{} / doc::watermark{.font = std::string_view("\xc3")}) ==
        errc::invalid_base64_value);
}

TEST_CASE("doc builders round-trip through the parser", "[oss][doc]") {
  const oss::style styles[] = {
      doc::convert{.target = oss::doc_target::png, .source = oss::doc_source::xlsx}.str(),
      doc::convert{.pages = "1,2,4-10"}.str(),
      doc::snapshot{.target = oss::doc_snapshot_format::jpg, .page = 3}.str(),
      doc::preview{.allow_copy = false}.str(),
      preview_sample(),
  };
  for (const auto& s : styles) {
    INFO(s.view());
    REQUIRE_FALSE(s.has_error());
    CHECK(oss::parse_style(s.view()).value() == s);
    CHECK(round_trips(s));
    CHECK(s.service() == "doc");
  }
}

TEST_CASE("a doc style does not take operations of another service", "[oss][doc]") {
  // At compile time, `doc::snapshot{} / image::info{}` is a static_assert (oss/builder.hpp).
  const auto image = oss::parse_style("image/info").value();
  CHECK(code_of(image / doc::snapshot{.page = 1}) == errc::mixed_services);
  CHECK(code_of(image / doc::watermark{.text = "x"}) == errc::mixed_services);
  const auto video = oss::parse_style("video/info").value();
  CHECK(code_of(video / doc::convert{}) == errc::mixed_services);
}

TEST_CASE("doc carrier rules", "[oss][doc]") {
  const auto convert = doc::convert{.target = oss::doc_target::pdf}.str();
  CHECK(oss::check_carrier(convert, carrier::sync_process).error().code ==
        errc::async_only_operation);
  CHECK(oss::check_carrier(convert, carrier::get_url).error().code == errc::async_only_operation);
  CHECK(oss::check_carrier(convert, carrier::async_process).error().code == oss::saveas_required);
  CHECK(oss::check_carrier(convert | oss::save_as{.key = "out.pdf"}, carrier::async_process)
            .has_value());
  for (const auto& sync : {doc::snapshot{.page = 1}.str(), preview_sample()}) {
    INFO(sync.view());
    CHECK(oss::check_carrier(sync, carrier::get_url).has_value());
    CHECK(oss::check_carrier(sync, carrier::sync_process).has_value());
    CHECK(oss::check_carrier(sync, carrier::async_process).error().code ==
          errc::sync_only_operation);
  }
}
