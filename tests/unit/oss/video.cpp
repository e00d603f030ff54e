// SPDX-License-Identifier: MIT
// Tests objproc/oss/video.hpp: canonical text at compile time (style-spec §4.1, §4.2, §6.1-§6.5
// samples), bad values at run time, round trips, concat inputs and carrier rules.
#include "objproc/oss/video.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string_view>
#include <type_traits>

#include "objproc/oss/directives.hpp"

namespace oss = objproc::oss;
namespace video = objproc::oss::video;
using namespace std::string_view_literals;
using objproc::errc;
using oss::carrier;

namespace {

// True when `text` is a valid process string (the documented samples).
constexpr bool parses(std::string_view text) { return oss::parse_style(text).has_value(); }

// True when a builder's style re-parses to itself.
constexpr bool round_trips(const oss::style& s) {
  const auto parsed = oss::parse_style(s.view());
  return !s.has_error() && parsed.has_value() && *parsed == s;
}

// The error code a style holds (errc::none when it holds text).
errc code_of(const oss::style& s) { return s.has_error() ? s.error().code : errc::none; }

// The official video/concat sample (style-spec §6.5), in the builder's field order.
constexpr oss::style concat_sample() {
  return video::concat{.f = oss::media_format::mp4,
                       .ss = 0,
                       .vcodec = oss::video_codec::h264,
                       .fps = 25,
                       .vb = 1000000,
                       .acodec = "aac",
                       .ar = 48000,
                       .ac = 2,
                       .ab = 96000,
                       .align = 1} /
         video::pre{.o = "concat1.mp4"} / video::sur{.o = "concat2.mp4", .t = 0};
}

}  // namespace

TEST_CASE("video/snapshot and video/info render canonical text", "[oss][video]") {
  // Sample "video/snapshot,t_7000,f_jpg,w_800,h_600,m_fast": same parameters, table order.
  STATIC_REQUIRE(parses("video/snapshot,t_7000,f_jpg,w_800,h_600,m_fast"));
  STATIC_REQUIRE(
      video::snapshot{
          .t = 7000, .w = 800, .h = 600, .m = oss::snapshot_mode::fast, .f = oss::frame_format::jpg}
          .str() == "video/snapshot,t_7000,w_800,h_600,m_fast,f_jpg"sv);
  STATIC_REQUIRE(video::snapshot{.t = 0, .f = oss::frame_format::png}.str() ==
                 "video/snapshot,t_0,f_png"sv);
  STATIC_REQUIRE(video::snapshot{.t = 1, .ar = oss::snapshot_orientation::automatic}.str() ==
                 "video/snapshot,t_1,ar_auto"sv);
  STATIC_REQUIRE(video::snapshot{.t = 1, .ar = oss::snapshot_orientation::portrait}.str() ==
                 "video/snapshot,t_1,ar_h"sv);
  STATIC_REQUIRE(video::snapshot{.t = 1, .ar = oss::snapshot_orientation::landscape}.str() ==
                 "video/snapshot,t_1,ar_w"sv);
  STATIC_REQUIRE(video::info{}.str() == "video/info"sv);
  STATIC_REQUIRE(round_trips(video::snapshot{.t = 7000, .w = 0, .h = 0}.str()));
}

TEST_CASE("video/convert renders canonical text", "[oss][video]") {
  // The official sample (style-spec §6.1, [S J]); the builder writes fps before s and vb.
  STATIC_REQUIRE(parses(
      "video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1"));
  STATIC_REQUIRE(video::convert{.f = oss::media_format::mp4,
                                .vcodec = oss::video_codec::h265,
                                .fps = 30,
                                .s = oss::resolution{.w = 1920, .h = 1080},
                                .vb = 2000000,
                                .acodec = "aac",
                                .ab = 100000,
                                .sn = true}
                     .str() ==
                 "video/convert,f_mp4,vcodec_h265,fps_30,s_1920x1080,vb_2000000,acodec_aac,"
                 "ab_100000,sn_1"sv);
  // The console preset quoted in style-spec §6.1 ([T]): width-only size, option keys.
  STATIC_REQUIRE(
      parses("video/convert,f_mp4,vcodec_h264,fps_25,fpsopt_1,s_640x,sopt_1,"
             "scaletype_fit,arotate_1,crf_25,g_250,acodec_aac,ar_44100,ac_2,ab_64000,"
             "abopt_1"));
  STATIC_REQUIRE(video::convert{.f = oss::media_format::mp4,
                                .vcodec = oss::video_codec::h264,
                                .fps = 25,
                                .fpsopt = oss::fps_option::source_if_lower,
                                .s = oss::resolution{.w = 640},
                                .sopt = 1,
                                .scaletype = "fit",
                                .arotate = true,
                                .g = 250,
                                .crf = 25,
                                .acodec = "aac",
                                .ar = 44100,
                                .ac = 2,
                                .ab = 64000,
                                .abopt = 1}
                     .str() ==
                 "video/convert,f_mp4,vcodec_h264,fps_25,fpsopt_1,s_640x,sopt_1,scaletype_fit,"
                 "arotate_1,g_250,crf_25,acodec_aac,ar_44100,ac_2,ab_64000,abopt_1"sv);
  // Every key of spec.hpp's video_convert table (aq instead of its exclusive partner ab).
  STATIC_REQUIRE(video::convert{.f = oss::media_format::mkv,
                                .ss = 1000,
                                .t = 60000,
                                .vn = false,
                                .vcodec = oss::video_codec::copy,
                                .fps = oss::decimal{29, 970},
                                .fpsopt = oss::fps_option::fail_if_lower,
                                .pixfmt = oss::pixel_format::yuv420p10le,
                                .s = oss::resolution{.w = 4096, .h = 64},
                                .sopt = 0,
                                .scaletype = "stretch",
                                .arotate = false,
                                .g = 100000,
                                .vb = 10000,
                                .vbopt = 2,
                                .crf = oss::decimal{23, 500},
                                .maxrate = 100000000,
                                .bufsize = 200000000,
                                .an = false,
                                .acodec = "flac",
                                .ar = 96000,
                                .ac = 8,
                                .aq = 100,
                                .abopt = 0,
                                .adepth = 24,
                                .sn = false}
                     .str() ==
                 "video/convert,f_mkv,ss_1000,t_60000,vn_0,vcodec_copy,fps_29.97,fpsopt_2,"
                 "pixfmt_yuv420p10le,s_4096x64,sopt_0,scaletype_stretch,arotate_0,g_100000,"
                 "vb_10000,vbopt_2,crf_23.5,maxrate_100000000,bufsize_200000000,an_0,acodec_flac,"
                 "ar_96000,ac_8,aq_100,abopt_0,adepth_24,sn_0"sv);
  // Audio-only output: drop the video stream.
  STATIC_REQUIRE(video::convert{.f = oss::media_format::mp3, .vn = true, .ar = 8000}.str() ==
                 "video/convert,f_mp3,vn_1,ar_8000"sv);
  STATIC_REQUIRE(video::convert{.f = oss::media_format::webm,
                                .vcodec = oss::video_codec::vp9,
                                .pixfmt = oss::pixel_format::yuva420p,
                                .an = true}
                     .str() == "video/convert,f_webm,vcodec_vp9,pixfmt_yuva420p,an_1"sv);
  STATIC_REQUIRE(video::convert{}.str() == "video/convert,f_mp4"sv);  // f is always written
}

TEST_CASE("decimals render exactly, without trailing zeros", "[oss][video]") {
  STATIC_REQUIRE(video::convert{.fps = oss::decimal{23, 976}}.str() ==
                 "video/convert,f_mp4,fps_23.976"sv);
  STATIC_REQUIRE(video::convert{.fps = oss::decimal{59, 940}}.str() ==
                 "video/convert,f_mp4,fps_59.94"sv);
  STATIC_REQUIRE(video::convert{.fps = oss::decimal{0, 5}}.str() ==
                 "video/convert,f_mp4,fps_0.005"sv);
  STATIC_REQUIRE(video::convert{.fps = oss::decimal{12, 50}}.str() ==
                 "video/convert,f_mp4,fps_12.05"sv);
  STATIC_REQUIRE(video::convert{.fps = 240, .crf = 0}.str() ==
                 "video/convert,f_mp4,fps_240,crf_0"sv);
  STATIC_REQUIRE(video::convert{.crf = oss::decimal{51, 0}}.str() ==
                 "video/convert,f_mp4,crf_51"sv);
  STATIC_REQUIRE(oss::decimal{29, 970} == oss::decimal{29, 970});
  STATIC_REQUIRE(oss::decimal{30} == oss::decimal{30, 0});
  // An integer converts; a floating-point value does not (it would silently truncate).
  STATIC_REQUIRE(std::is_convertible_v<int, oss::decimal>);
  STATIC_REQUIRE_FALSE(std::is_constructible_v<oss::decimal, double>);
  STATIC_REQUIRE_FALSE(std::is_constructible_v<oss::decimal, float>);
  STATIC_REQUIRE_FALSE(std::is_assignable_v<std::optional<oss::decimal>&, double>);
}

TEST_CASE("video/animation, sprite and snapshots render canonical text", "[oss][video]") {
  // Sample "video/animation,f_gif,w_100,h_100,inter_1000" ([S A-php2]).
  STATIC_REQUIRE(parses("video/animation,f_gif,w_100,h_100,inter_1000"));
  STATIC_REQUIRE(
      video::animation{.f = oss::animation_format::gif, .inter = 1000, .w = 100, .h = 100}.str() ==
      "video/animation,f_gif,inter_1000,w_100,h_100"sv);
  STATIC_REQUIRE(video::animation{.ss = 500,
                                  .f = oss::animation_format::webp,
                                  .num = 10,
                                  .inter = 200,
                                  .fps = oss::decimal{12, 500},
                                  .w = 320,
                                  .h = 240,
                                  .scaletype = "fit"}
                     .str() ==
                 "video/animation,ss_500,f_webp,num_10,inter_200,fps_12.5,w_320,h_240,"
                 "scaletype_fit"sv);
  // Sample "video/sprite,f_jpg,sw_100,sh_100,inter_10000,tw_10,th_10,pad_0,margin_0".
  STATIC_REQUIRE(parses("video/sprite,f_jpg,sw_100,sh_100,inter_10000,tw_10,th_10,pad_0,margin_0"));
  STATIC_REQUIRE(video::sprite{.f = oss::frame_format::jpg,
                               .inter = 10000,
                               .sw = 100,
                               .sh = 100,
                               .tw = 10,
                               .th = 10,
                               .pad = 0,
                               .margin = 0}
                     .str() ==
                 "video/sprite,f_jpg,inter_10000,sw_100,sh_100,tw_10,th_10,pad_0,margin_0"sv);
  STATIC_REQUIRE(video::sprite{.ss = 0,
                               .f = oss::frame_format::png,
                               .m = oss::sprite_mode::dhash,
                               .thr = 25,
                               .num = 0,
                               .scaletype = "crop"}
                     .str() == "video/sprite,ss_0,f_png,m_dhash,thr_25,num_0,scaletype_crop"sv);
  STATIC_REQUIRE(video::sprite{.m = oss::sprite_mode::avg, .num = 16}.str() ==
                 "video/sprite,f_jpg,m_avg,num_16"sv);
  STATIC_REQUIRE(video::sprite{.m = oss::sprite_mode::key}.str() == "video/sprite,f_jpg,m_key"sv);
  STATIC_REQUIRE(video::sprite{.m = oss::sprite_mode::inter, .inter = 1000}.str() ==
                 "video/sprite,f_jpg,m_inter,inter_1000"sv);
  // Sample "video/snapshots,f_jpg,w_100,h_100,scaletype_crop,inter_10000" ([S A-php2]).
  STATIC_REQUIRE(parses("video/snapshots,f_jpg,w_100,h_100,scaletype_crop,inter_10000"));
  STATIC_REQUIRE(
      video::snapshots{
          .f = oss::frame_format::jpg, .inter = 10000, .w = 100, .h = 100, .scaletype = "crop"}
          .str() == "video/snapshots,f_jpg,inter_10000,w_100,h_100,scaletype_crop"sv);
  // The published table ("Capture multiple video frames"): pw / ph are percentages (1-200).
  STATIC_REQUIRE(video::snapshots{.ss = 0, .num = 5, .pw = 50, .ph = 200}.str() ==
                 "video/snapshots,ss_0,num_5,pw_50,ph_200"sv);
  STATIC_REQUIRE(video::sprite{.sw = 32, .psw = 1, .psh = 200}.str() ==
                 "video/sprite,f_jpg,sw_32,psw_1,psh_200"sv);
}

TEST_CASE("video/concat is followed by its pre and sur inputs", "[oss][video]") {
  // The official sample (style-spec §6.5, [S A-php2]); the builder writes f first and ab after ac.
  STATIC_REQUIRE(
      parses("video/concat,ss_0,f_mp4,vcodec_h264,fps_25,vb_1000000,acodec_aac,"
             "ab_96000,ar_48000,ac_2,align_1/pre,o_Y29uY2F0MS5tcDQ/sur,"
             "o_Y29uY2F0Mi5tcDQ,t_0"));
  STATIC_REQUIRE(concat_sample() ==
                 "video/concat,f_mp4,ss_0,vcodec_h264,fps_25,vb_1000000,acodec_aac,ar_48000,ac_2,"
                 "ab_96000,align_1/pre,o_Y29uY2F0MS5tcDQ/sur,o_Y29uY2F0Mi5tcDQ,t_0"sv);
  STATIC_REQUIRE(round_trips(concat_sample()));
  // Several inputs of each kind, in any order, each with its own range.
  STATIC_REQUIRE((video::concat{.f = oss::media_format::mkv} / video::pre{.o = "a.mp4"} /
                  video::sur{.o = "b.mp4", .ss = 1000, .t = 5000} /
                  video::pre{.o = "dir/猫.mp4", .ss = 0}) ==
                 "video/concat,f_mkv/pre,o_YS5tcDQ/sur,o_Yi5tcDQ,ss_1000,t_5000/pre,"
                 "o_ZGlyL-eMqy5tcDQ,ss_0"sv);
  // Output parameters are convert's.
  STATIC_REQUIRE((video::concat{.f = oss::media_format::mp4,
                                .s = oss::resolution{.w = 1280, .h = 720},
                                .crf = oss::decimal{23, 500},
                                .align = 0} /
                  video::sur{.o = "tail.mp4"}) ==
                 "video/concat,f_mp4,s_1280x720,crf_23.5,align_0/sur,o_dGFpbC5tcDQ"sv);
  // A ',', '/' or '|' in an object key stays inside its parameter: it is encoded.
  STATIC_REQUIRE((video::concat{} / video::pre{.o = "a,b/c|d.mp4"}) ==
                 "video/concat,f_mp4/pre,o_YSxiL2N8ZC5tcDQ"sv);
  // A parsed concat takes typed inputs too.
  const auto parsed = oss::parse_style("video/concat,f_mp4").value();
  CHECK((parsed / video::pre{.o = "a.mp4"}) == "video/concat,f_mp4/pre,o_YS5tcDQ"sv);
}

TEST_CASE("concat inputs are valid only right after concat, pre or sur", "[oss][video]") {
  CHECK(code_of(oss::to_style(video::pre{.o = "a.mp4"})) == errc::misplaced_operation);
  CHECK(code_of(oss::to_style(video::sur{.o = "a.mp4"})) == errc::misplaced_operation);
  CHECK(code_of(video::info{} / video::pre{.o = "a.mp4"}) == errc::misplaced_operation);
  CHECK(code_of(video::convert{} / video::sur{.o = "a.mp4"}) == errc::misplaced_operation);
  CHECK(code_of(video::concat{} / video::pre{.o = "a.mp4"} / video::snapshot{.t = 1} /
                video::sur{.o = "b.mp4"}) == errc::misplaced_operation);
  // o is required and must be an object key.
  CHECK(code_of(video::concat{} / video::pre{}) == errc::missing_value);
  CHECK(code_of(video::concat{} / video::pre{.o = "/abs.mp4"}) == errc::invalid_object_key);
  CHECK(code_of(video::concat{} / video::sur{.o = std::string_view("\xff")}) ==
        errc::invalid_base64_value);
  volatile std::int64_t minus_one = -1;
  CHECK(code_of(video::concat{} / video::sur{.o = "a.mp4", .t = minus_one}) ==
        errc::value_out_of_range);
}

TEST_CASE("out-of-range video values give a style holding the error", "[oss][video]") {
  volatile std::int64_t zero = 0;  // a run-time value: no compile-time rejection
  const auto fps = video::convert{.fps = 300 + zero}.str();
  REQUIRE(fps.has_error());
  CHECK(fps.error().code == errc::value_out_of_range);
  CHECK(fps.view().empty());
  CHECK(code_of(video::convert{.fps = oss::decimal{240 + zero, 500}}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(video::convert{.fps = oss::decimal{-1 + zero}}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::convert{.fps = oss::decimal{29 + zero, 1000}}.str()) ==
        errc::invalid_number);
  CHECK(code_of(video::convert{.crf = 52 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::convert{.s = oss::resolution{.w = 1279 + zero, .h = 720}}.str()) ==
        errc::invalid_dimensions);
  CHECK(code_of(video::convert{.s = oss::resolution{.w = 32 + zero}}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(video::convert{.s = oss::resolution{.w = 1280, .h = 4098 + zero}}.str()) ==
        errc::value_out_of_range);
  CHECK(code_of(video::convert{.g = zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::convert{.vb = 9999 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::convert{.maxrate = 100000001 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::convert{.bufsize = 9999 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::convert{.ac = 9 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::convert{.aq = 101 + zero}.str()) == errc::value_out_of_range);
  CHECK_FALSE(video::convert{.ab = zero}.str().has_error());  // unpublished range ([?])
  CHECK(code_of(video::convert{.ar = 44000 + zero}.str()) == errc::invalid_enum_value);
  CHECK(code_of(video::convert{.aq = 50 + zero, .ab = 64000}.str()) ==
        errc::conflicting_parameters);
  CHECK(code_of(video::convert{.scaletype = "fit crop"}.str()) == errc::invalid_character);
  CHECK(code_of(video::convert{.acodec = "a_c"}.str()) == errc::invalid_character);
  CHECK(code_of(video::convert{.acodec = ""}.str()) == errc::missing_value);
  CHECK(code_of(video::snapshot{.t = -1 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::animation{.fps = 241 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::sprite{.thr = 101 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::sprite{.thr = 10 + zero}.str()) == errc::missing_parameter);  // needs m
  CHECK(code_of(video::snapshots{.scaletype = "fill,b"}.str()) == errc::unknown_parameter);
  CHECK(code_of(video::snapshots{.scaletype = "zoom"}.str()) == errc::invalid_enum_value);
  CHECK(code_of(video::snapshots{.w = 31 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::snapshots{.ph = 0 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::snapshots{.pw = 201 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::sprite{.sh = 4097 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::sprite{.psh = 0 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(video::animation{.w = 16 + zero}.str()) == errc::value_out_of_range);
  CHECK_FALSE(video::concat{.align = -1 + zero}.str().has_error());  // unpublished ([?])
  // An error is sticky through composition.
  CHECK(code_of(video::concat{.fps = 300 + zero} / video::pre{.o = "a.mp4"}) ==
        errc::value_out_of_range);
}

TEST_CASE("video builders round-trip through the parser", "[oss][video]") {
  const oss::style styles[] = {
      video::snapshot{.t = 7000, .f = oss::frame_format::jpg}.str(),
      video::info{}.str(),
      video::convert{.f = oss::media_format::ts,
                     .fps = oss::decimal{23, 976},
                     .s = oss::resolution{.w = 1280},
                     .acodec = "aac",
                     .ar = 44100}
          .str(),
      video::animation{.f = oss::animation_format::webp, .fps = oss::decimal{0, 5}}.str(),
      video::sprite{.f = oss::frame_format::png, .m = oss::sprite_mode::dhash, .thr = 0}.str(),
      video::snapshots{.f = oss::frame_format::jpg, .inter = 10000}.str(),
      concat_sample(),
  };
  for (const auto& s : styles) {
    INFO(s.view());
    REQUIRE_FALSE(s.has_error());
    CHECK(oss::parse_style(s.view()).value() == s);
    CHECK(round_trips(s));
    CHECK(s.service() == "video");
  }
}

TEST_CASE("a video style does not take operations of another service", "[oss][video]") {
  // At compile time, `video::info{} / audio::info{}` is a static_assert (oss/builder.hpp).
  const auto audio = oss::parse_style("audio/info").value();
  CHECK(code_of(audio / video::convert{}) == errc::mixed_services);
  const auto image = oss::parse_style("image/resize,w_100").value();
  CHECK(code_of(image / video::snapshot{.t = 1000}) == errc::mixed_services);
  CHECK(code_of(image / video::pre{.o = "a.mp4"}) == errc::mixed_services);
}

TEST_CASE("video carrier rules", "[oss][video]") {
  const auto convert = video::convert{.f = oss::media_format::mp4}.str();
  CHECK(oss::check_carrier(convert, carrier::sync_process).error().code ==
        errc::async_only_operation);
  CHECK(oss::check_carrier(convert, carrier::get_url).error().code == errc::async_only_operation);
  CHECK(oss::check_carrier(convert, carrier::async_process).error().code == oss::saveas_required);
  CHECK(oss::check_carrier(convert, carrier::any).has_value());
  const auto saved = convert | oss::save_as{.bucket = "test", .key = "out.mp4"};
  CHECK(saved == "video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA,b_dGVzdA"sv);
  CHECK(oss::check_carrier(saved, carrier::async_process).has_value());
  CHECK(oss::check_carrier(saved | oss::notify{.topic = "test-topic"}, carrier::async_process)
            .has_value());
  CHECK(oss::check_carrier(saved, carrier::sync_process).error().code ==
        errc::async_only_operation);
  // The official convert sample with its saveas ([S J]).
  STATIC_REQUIRE(parses(
      "video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1"
      "|sys/saveas,o_b3V0Lm1wNA,b_dGVzdA"));

  for (const auto& async_only : {video::animation{}.str(), video::sprite{}.str(),
                                 video::snapshots{}.str(), concat_sample()}) {
    INFO(async_only.view());
    CHECK(oss::check_carrier(async_only, carrier::sync_process).error().code ==
          errc::async_only_operation);
    CHECK(oss::check_carrier(async_only, carrier::async_process).error().code ==
          oss::saveas_required);
    CHECK(oss::check_carrier(async_only | oss::save_as{.key = "out/{index}.jpg"},
                             carrier::async_process)
              .has_value());
  }

  // snapshot and info are synchronous: a GET URL or process_object, not async.
  for (const auto& sync :
       {video::snapshot{.t = 7000, .f = oss::frame_format::jpg}.str(), video::info{}.str()}) {
    INFO(sync.view());
    CHECK(oss::check_carrier(sync, carrier::get_url).has_value());
    CHECK(oss::check_carrier(sync, carrier::sync_process).has_value());
    CHECK(oss::check_carrier(sync, carrier::async_process).error().code ==
          errc::sync_only_operation);
  }
}
