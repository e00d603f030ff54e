// SPDX-License-Identifier: MIT
// Tests objproc/oss/style.hpp: the grammar, every conformance example of style-spec §10, errors
// with offsets, canonical text, carriers and diagnostics.
#include "objproc/oss/style.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "objproc/core/diagnostic.hpp"

using objproc::errc;
namespace oss = objproc::oss;
using objproc::oss::carrier;
using objproc::oss::check_carrier;
using objproc::oss::parse_style;

namespace {
std::string canonical(std::string_view text, carrier where = carrier::any) {
  auto s = parse_style(text, where);
  if (!s) return "error: " + objproc::render_diagnostic(text, s.error());
  return std::string(s->view());
}
void require_error(std::string_view text, errc code, std::size_t offset,
                   carrier where = carrier::any) {
  INFO(text);
  const auto s = parse_style(text, where);
  REQUIRE_FALSE(s.has_value());
  INFO(objproc::render_diagnostic(text, s.error()));
  CHECK(s.error().code == code);
  CHECK(s.error().offset == offset);
}
}  // namespace

TEST_CASE("style-spec §10: every valid OSS example parses and is canonical", "[oss][style]") {
  const char* sync_examples[] = {
      "image/resize,m_fixed,w_100,h_100",
      "image/resize,m_pad,h_100,w_100,color_FF0000",
      "image/resize,w_500,limit_0",
      "image/crop,x_10,y_10,w_200,h_200,g_se",
      "image/indexcrop,y_100,i_10",
      "image/circle,r_100/format,png",
      "image/crop,w_100,h_100/rounded-corners,r_10/format,png",
      "image/resize,w_100/auto-orient,1",
      "image/rotate,90",
      "image/bright,-50",
      "image/contrast,50",
      "image/sharpen,100",
      "image/blur,r_3,s_2",
      "image/resize,w_100/quality,Q_80",
      "image/format,jpg/interlace,1",
      "image/resize,w_300,h_300/watermark,type_d3F5LXplbmhlaQ,size_30,text_SGVsbG8gV29ybGQ,"
      "color_FFFFFF,shadow_50,t_100,g_se,x_10,y_10",
      "image/resize,w_300/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,"
      "t_90,g_se,x_10,y_10",
      "image/watermark,image_cGljcy9Lb2FsYS5qcGc_eC1vc3MtcHJvY2Vzcz1pbWFnZS9yZXNpemUsUF8yMA,g_se,"
      "x_10,y_10",
      "video/snapshot,t_7000,f_jpg,w_800,h_600,m_fast",
  };
  for (const char* text : sync_examples) {
    INFO(text);
    CHECK(canonical(text) == text);
    CHECK(canonical(text, carrier::get_url) == text);
    CHECK(canonical(text, carrier::sync_process) == text);
  }
  CHECK(canonical("image/resize,w_100|sys/saveas,o_dGVzdC5qcGc,b_dGVzdA", carrier::sync_process) ==
        "image/resize,w_100|sys/saveas,o_dGVzdC5qcGc,b_dGVzdA");
  CHECK(canonical("style/examplestyle|sys/saveas,o_dGVzdC5qcGc,b_dGVzdA", carrier::sync_process) ==
        "style/examplestyle|sys/saveas,o_dGVzdC5qcGc,b_dGVzdA");
  // Async examples: the documented b_ before o_ becomes o_ before b_.
  CHECK(canonical("doc/convert,target_png,source_docx|sys/saveas,b_dGVzdC1idWNrZXQ,"
                  "o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw",
                  carrier::async_process) ==
        "doc/convert,target_png,source_docx|sys/saveas,o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw,"
        "b_dGVzdC1idWNrZXQ/notify,topic_dGVzdC10b3BpYw");
  CHECK(canonical("video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,"
                  "ab_100000,sn_1|sys/saveas,o_dGVzdC5tcDQ,b_dGVzdA",
                  carrier::async_process)
            .rfind("video/convert,f_mp4", 0) == 0);
  CHECK(canonical("image/deblindwatermark,s_low,t_text|sys/notify,topic_dGVzdC10b3BpYw",
                  carrier::async_process) ==
        "image/deblindwatermark,s_low,t_text|sys/notify,topic_dGVzdC10b3BpYw");
}

TEST_CASE("style-spec §10: every invalid OSS example is refused", "[oss][style]") {
  require_error("image/resize,w_100,m_abc", errc::invalid_enum_value, 21);
  require_error("image/resize,m_fixed,w_20000,h_100", errc::value_out_of_range, 23);
  require_error("image/indexcrop,y_abc,i_0", errc::invalid_number, 18);
  require_error("image/indexcrop,x_0,i_0", errc::value_out_of_range, 18);
  require_error("image/circle,r_5000", errc::value_out_of_range, 15);
  require_error("image/rounded-corners,r_5000", errc::value_out_of_range, 24);
  require_error("image/resize,w_100/auto-orient,10", errc::invalid_enum_value, 31);
  require_error("video/convert,f_mp4|sys/saveas,o_dGVzdC5tcDQ", errc::async_only_operation, 6,
                carrier::sync_process);
  require_error("video/convert,f_mp4", oss::saveas_required, 6, carrier::async_process);
  require_error("style/" + std::string(64, 'a'), errc::invalid_style_name, 69);
  require_error("style/bad!name", errc::invalid_style_name, 9);
}

TEST_CASE("grammar errors carry the offset of the offending byte", "[oss][style]") {
  require_error("", errc::empty_style, 0);
  require_error("resize,w_100", errc::unknown_service, 0);
  require_error("picture/resize,w_100", errc::unknown_service, 0);
  require_error("image/", errc::empty_operation, 6);
  require_error("image/resize,w_100//format,png", errc::empty_operation, 19);
  require_error("image/enlarge,w_100", errc::unknown_operation, 6);
  require_error("image/resize,w_100,z_3", errc::unknown_parameter, 19);
  require_error("image/resize,w_100,w_200", errc::duplicate_parameter, 19);
  require_error("image/resize,w_", errc::missing_value, 15);
  require_error("image/resize,w100", errc::unknown_parameter, 13);
  require_error("image/resize,w_100,", errc::missing_value, 19);
  require_error("image/resize,", errc::missing_value, 13);
  require_error("image/resize", errc::missing_parameter, 6);
  CHECK(canonical("image/crop") == "image/crop");
  require_error("image/resize,m_fixed", errc::missing_parameter, 6);  // one of w h l s p
  require_error("image/resize,w_0100", errc::invalid_number, 15);
  require_error("image/resize,w_+100", errc::invalid_number, 15);
  require_error("image/resize,w_1 00", errc::invalid_number, 16);
  require_error("image/bright,-0", errc::invalid_number, 14);
  require_error("image/bright,-101", errc::value_out_of_range, 13);
  require_error("image/rotate", errc::missing_value, 12);
  require_error("image/rotate,90,1", errc::unexpected_value, 15);
  require_error("image/info,x_1", errc::unexpected_value, 10);
  require_error("image/resize,w_100,color_FF00", errc::invalid_color, 29);
  require_error("image/resize,w_100,color_GG0000", errc::invalid_color, 25);
  require_error("image/blur,r_3", errc::missing_parameter, 6);
  require_error("image/quality,Q_80,q_0", errc::value_out_of_range, 21);
  require_error("image/resize,P_30", errc::unknown_parameter, 13);    // only in a watermark image
  require_error("image/watermark,t_50", errc::missing_parameter, 6);  // text or image
  require_error("image/watermark,text_SGk,order_1", errc::missing_parameter, 25);  // needs image
  require_error("image/watermark,text_SGk,padx_5", errc::missing_parameter, 25);   // needs fill
  require_error("video/snapshot,t_1,f_gif", errc::invalid_enum_value, 21);
  require_error("audio/convert,f_mp3,aq_5,ab_64000", errc::conflicting_parameters, 20);
  require_error("video/convert,f_mp4,fps_240.5", errc::value_out_of_range, 24);
  require_error("video/convert,f_mp4,s_1279x720", errc::invalid_dimensions, 22);
  require_error("video/convert,f_mp4,s_32x720", errc::value_out_of_range, 22);
  require_error("video/pre,o_YS5tcDQ", errc::misplaced_operation, 6);
  require_error("image/resize,w_1|sys/saveas,o_YQ|sys/notify,topic_dA", errc::invalid_system_part,
                32);
  require_error("image/resize,w_1|saveas,o_YQ", errc::invalid_system_part, 17);
  require_error("image/resize,w_1|sys/saveas,b_YnVja2V0", errc::missing_parameter, 21);
  require_error("image/resize,w_1|sys/saveas,o_YQ,o_Yg", errc::duplicate_parameter, 33);
  require_error("image/resize,w_1|sys/saveas,o_YQ,x_Yg", errc::unknown_parameter, 33);
  require_error("image/resize,w_1|sys/move,o_YQ", errc::invalid_system_part, 21);
  require_error("image/resize,w_1|sys/saveas,o_YQ/saveas,o_Yg", errc::invalid_system_part, 33);
  require_error("style/a/resize,w_1", errc::misplaced_operation, 7);
  require_error("style/", errc::invalid_style_name, 6);
}

TEST_CASE("base64 parameters are strict and canonical", "[oss][style][base64]") {
  // Padding is accepted and dropped; the URL-safe alphabet is required.
  CHECK(canonical("image/resize,w_1|sys/saveas,o_dGVzdC5qcGc=,b_dGVzdA==") ==
        "image/resize,w_1|sys/saveas,o_dGVzdC5qcGc,b_dGVzdA");
  require_error("image/resize,w_1|sys/saveas,o_dGVz+C5qcGc", errc::invalid_base64_value, 34);
  require_error("image/watermark,text_SGk=A", errc::invalid_base64_value, 24);
  require_error("image/watermark,text_SGl", errc::invalid_base64_value, 23);  // trailing bits
  require_error("image/watermark,text_+w", errc::invalid_base64_value, 21);
  // '/' ends the operation: the error says it is standard base64 (the seeds of issue 12).
  require_error("image/watermark,text_/w", errc::invalid_base64_value, 21);
  require_error("image/watermark,text_wA", errc::invalid_base64_value, 21);  // not UTF-8
  // Decoded saveas values are a real object key and bucket name.
  require_error("image/resize,w_1|sys/saveas,o_L2Ficw" /* "/abs" */, errc::invalid_object_key, 30);
  require_error("image/resize,w_1|sys/saveas,o_YQ,b_QkFE" /* "BAD" */, errc::invalid_bucket_name,
                35);
  // Watermark text is bounded (64 encoded characters).
  const std::string long_text = "image/watermark,text_" + std::string(68, 'Q');
  require_error(long_text, errc::text_too_long, 21 + 64);
  // A watermark image's own pre-process is parsed too: circle is not allowed there.
  // "panda.png?x-oss-process=image/circle,r_10"
  require_error("image/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvY2lyY2xlLHJfMTA",
                errc::misplaced_operation, 22);
}

TEST_CASE("colours are upper case in canonical text", "[oss][style]") {
  CHECK(canonical("image/resize,m_pad,w_10,color_ff00aa") ==
        "image/resize,m_pad,w_10,color_FF00AA");
}

TEST_CASE("carriers: sync, async and GET URL rules of style-spec §1.1", "[oss][style][carrier]") {
  const auto get = carrier::get_url;
  const auto sync = carrier::sync_process;
  const auto async = carrier::async_process;
  // (a) async-only operations are refused in sync carriers, sync ones in async.
  require_error("doc/convert,target_pdf|sys/saveas,o_YQ", errc::async_only_operation, 4, sync);
  require_error("video/sprite,f_jpg", errc::async_only_operation, 6, get);
  require_error("image/resize,w_1|sys/saveas,o_YQ", errc::sync_only_operation, 6, async);
  // (b) async media operations need sys/saveas.
  require_error("audio/convert,f_mp3", oss::saveas_required, 6, async);
  // (c) deblindwatermark needs sys/notify.
  require_error("image/deblindwatermark,s_low,t_text", oss::notify_required, 6, async);
  // (d) notify only in async processing.
  require_error("image/resize,w_1|sys/notify,topic_dA", oss::notify_not_allowed, 17, sync);
  require_error("image/resize,w_1|sys/notify,topic_dA", oss::notify_not_allowed, 17, get);
  // (e) saveas never in a GET URL; blindwatermark only with saveas.
  require_error("image/resize,w_1|sys/saveas,o_YQ", oss::saveas_not_allowed, 17, get);
  require_error("image/blindwatermark,content_SGk", oss::saveas_required, 6, get);
  require_error("image/blindwatermark,content_SGk", oss::saveas_required, 6, sync);
  CHECK(parse_style("image/blindwatermark,content_SGk|sys/saveas,o_YQ", sync).has_value());
  // check_carrier re-checks a parsed style against a carrier.
  const auto s = parse_style("video/convert,f_mp4|sys/saveas,o_YS5tcDQ").value();
  CHECK(check_carrier(s, async).has_value());
  CHECK(check_carrier(s, sync).error().code == errc::async_only_operation);
  CHECK(check_carrier(s, get).error().code == errc::async_only_operation);
}

TEST_CASE("the directive codes: neutral in core, OSS's names and syntax in oss/", "[oss][style]") {
  STATIC_REQUIRE(oss::saveas_not_allowed == errc::saving_not_allowed);
  STATIC_REQUIRE(oss::saveas_required == errc::saving_required);
  STATIC_REQUIRE(oss::notify_not_allowed == errc::notification_not_allowed);
  STATIC_REQUIRE(oss::notify_required == errc::notification_required);
  const auto saved = parse_style("image/resize,w_1|sys/saveas,o_YQ").value();
  const auto e = check_carrier(saved, carrier::get_url).error();
  CHECK(objproc::name(e.code) == "saving_not_allowed");  // what the CLI's JSON reports
  CHECK(objproc::to_string(e) ==
        "saving the result not allowed here at offset 17: sys/saveas needs process_object (POST)");
  const auto notified = parse_style("image/resize,w_1|sys/notify,topic_dA").value();
  CHECK(objproc::to_string(check_carrier(notified, carrier::sync_process).error()) ==
        "notification not allowed here at offset 17: sys/notify is only for async processing");
}

TEST_CASE("concat inputs follow their parent", "[oss][style]") {
  const std::string text =
      "video/concat,ss_0,f_mp4,vcodec_h264,fps_25,vb_1000000,acodec_aac,ab_96000,ar_48000,ac_2,"
      "align_1/pre,o_Y29uY2F0MS5tcDQ/sur,o_Y29uY2F0Mi5tcDQ,t_0";
  CHECK(canonical(text) == text);
  CHECK(
      canonical("audio/concat,f_aac,ac_1,ar_44100,ab_96000,align_2/pre,o_c3JjMS5tcDM/pre,"
                "o_c3JjMi5tcDM,t_0") ==
      "audio/concat,f_aac,ac_1,ar_44100,ab_96000,align_2/pre,o_c3JjMS5tcDM/pre,o_c3JjMi5tcDM,t_0");
  require_error("video/concat,f_mp4/pre,ss_10", errc::missing_parameter, 19);
}

TEST_CASE("canonical text is a fixed point", "[oss][style]") {
  const char* inputs[] = {
      "image/resize,w_1|sys/saveas,b_dGVzdA==,o_dGVzdC5qcGc=",
      "doc/convert,target_png|sys/notify,topic_dGVzdA/saveas,o_YQ",
      "image/resize,m_pad,w_10,color_abcdef/format,webp",
  };
  for (const char* text : inputs) {
    const auto once = parse_style(text).value();
    const auto twice = parse_style(once.view()).value();
    CHECK(once == twice);
    CHECK(objproc::oss::to_string(once) == objproc::oss::to_string(twice));
  }
  CHECK(canonical("doc/convert,target_png|sys/notify,topic_dGVzdA/saveas,o_YQ") ==
        "doc/convert,target_png|sys/saveas,o_YQ/notify,topic_dGVzdA");
}

TEST_CASE("the caret diagnostic points at the offending byte", "[oss][style][diagnostic]") {
  const std::string_view text = "image/resize,w_100,m_abc";
  const auto e = parse_style(text).error();
  CHECK(objproc::render_diagnostic(text, e) ==
        "image/resize,w_100,m_abc\n"
        "                     ^ invalid enum value: lfit mfit fill pad fixed");
}

TEST_CASE("styles longer than the capacity are refused, not truncated", "[oss][style]") {
  std::string text = "image/resize,w_1";
  while (text.size() <= objproc::oss::style_capacity) text += "/rotate,90";
  require_error(text, errc::style_too_long, objproc::oss::style_capacity);
}

TEST_CASE("checked literals and runtime styles", "[oss][style][literal]") {
  using namespace objproc::literals;
  constexpr objproc::oss::style_string literal = "image/resize,w_100"_oss;
  STATIC_REQUIRE(literal.view() == "image/resize,w_100");
  STATIC_REQUIRE(literal.get() == std::string_view("image/resize,w_100"));
  constexpr objproc::oss::style_string direct = "image/crop,w_10,h_10/format,png";
  STATIC_REQUIRE(direct.get().service() == "image");
  const objproc::oss::runtime_style runtime{"image/resize,w_0"};
  CHECK(parse_style(runtime.text).error().code == errc::value_out_of_range);
}

TEST_CASE("unverified rules are not enforced, only the syntax", "[oss][style]") {
  // doc/preview's keys come from third-party sources only ([T]). (flip's value set is now the
  // documented "0"; 1 and 2 go through oss::unchecked_style.)
  CHECK(canonical("doc/preview,export_2") == "doc/preview,export_2");
  // ab's range is unpublished ([?]): any integer; still an integer.
  CHECK(canonical("audio/convert,f_mp3,ab_0") == "audio/convert,f_mp3,ab_0");
  require_error("audio/convert,f_mp3,ab_x", errc::invalid_number, 23);
  require_error("doc/preview,export_1 ", errc::invalid_character, 20);
}

TEST_CASE("a checked literal is one that fits a style", "[oss][style][literal]") {
  // The compile-time check counts without a buffer; the capacity applies all the same (a
  // literal that checked but did not fit would make style_string::get() fail).
  std::string text = "image/resize,w_1";
  while (text.size() <= objproc::oss::style_capacity) text += "/rotate,90";
  objproc::detail::text_writer count{nullptr, objproc::oss::style_capacity, 0};
  const auto r = objproc::oss::detail::parse_process(text, count, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::style_too_long);
}

TEST_CASE("a checked literal converts to the style it checked", "[oss][style][literal]") {
  using namespace objproc::literals;
  constexpr objproc::oss::style converted = "image/resize,w_100/format,png"_oss;
  STATIC_REQUIRE(converted == std::string_view("image/resize,w_100/format,png"));
  STATIC_REQUIRE(converted.service() == "image");
  const objproc::oss::style at_run_time = "image/crop,w_10,h_10"_oss;
  CHECK(at_run_time == parse_style("image/crop,w_10,h_10").value());
  // The value kept from the compile-time parse: canonical text and facts as a parse gives.
  const objproc::oss::style kept = "image/watermark,text_b2s=,color_ff0000|sys/saveas,o_b2s"_oss;
  const auto parsed =
      parse_style("image/watermark,text_b2s=,color_ff0000|sys/saveas,o_b2s").value();
  CHECK(kept == parsed);
  CHECK(kept.view() == "image/watermark,text_b2s,color_FF0000|sys/saveas,o_b2s");
  CHECK(kept.main() == parsed.main());
  CHECK(kept.has_save_as());
  CHECK(check_carrier(kept, objproc::oss::carrier::get_url).error() ==
        check_carrier(parsed, objproc::oss::carrier::get_url).error());
  // Where the literal's error would point: the field around an offset.
  STATIC_REQUIRE(objproc::detail::field_at("image/resize,w_100,m_abc", 21) == "m_abc");
  STATIC_REQUIRE(objproc::detail::field_at("image/resize,w_100,m_abc", 12) == "w_100");
  STATIC_REQUIRE(objproc::detail::field_at("image/resize", 0) == "image");
  STATIC_REQUIRE(objproc::detail::field_at("a,b", 9).empty());
}
