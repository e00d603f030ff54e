// SPDX-License-Identifier: MIT
// Tests objproc/oss/audio.hpp: canonical text at compile time (style-spec §4.2, §6.6, §6.7
// samples), bad values at run time, round trips, concat inputs and carrier rules.
#include "objproc/oss/audio.hpp"

#include <catch2/catch.hpp>

#include <string_view>

#include "objproc/oss/directives.hpp"
#include "objproc/oss/video.hpp"

namespace oss = objproc::oss;
namespace audio = objproc::oss::audio;
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

// The official audio/concat sample (style-spec §6.7): two pre inputs.
constexpr oss::style concat_sample() {
  return audio::concat{.f = oss::audio_format::aac, .ar = 44100, .ac = 1, .ab = 96000, .align = 2} /
         audio::pre{.o = "src1.mp3"} / audio::pre{.o = "src2.mp3", .t = 0};
}

}  // namespace

TEST_CASE("audio builders render canonical text", "[oss][audio]") {
  STATIC_REQUIRE(audio::info{}.str() == "audio/info"sv);
  // The official sample (style-spec §6.6, [S A-php2]) in the table order it already uses.
  STATIC_REQUIRE(parses("audio/convert,ss_10000,t_60000,f_aac,ab_96000"));
  STATIC_REQUIRE(
      audio::convert{.ss = 10000, .t = 60000, .f = oss::audio_format::aac, .ab = 96000}.str() ==
      "audio/convert,ss_10000,t_60000,f_aac,ab_96000"sv);
  STATIC_REQUIRE(round_trips(
      audio::convert{.ss = 10000, .t = 60000, .f = oss::audio_format::aac, .ab = 96000}.str()));
  // Every key of spec.hpp's audio_convert table (aq and ab exclude each other).
  STATIC_REQUIRE(
      audio::convert{
          .ss = 0, .t = 0, .f = oss::audio_format::opus, .ar = 48000, .ac = 2, .aq = 0, .abopt = 1}
          .str() == "audio/convert,ss_0,t_0,f_opus,ar_48000,ac_2,aq_0,abopt_1"sv);
  STATIC_REQUIRE(
      audio::convert{.f = oss::audio_format::flac, .ar = 96000, .ac = 8, .aq = 100}.str() ==
      "audio/convert,f_flac,ar_96000,ac_8,aq_100"sv);
  STATIC_REQUIRE(audio::convert{.f = oss::audio_format::amr, .ar = 8000, .ac = 1}.str() ==
                 "audio/convert,f_amr,ar_8000,ac_1"sv);
  STATIC_REQUIRE(audio::convert{.f = oss::audio_format::oga}.str() == "audio/convert,f_oga"sv);
  STATIC_REQUIRE(audio::convert{.f = oss::audio_format::ac3, .ar = 32000}.str() ==
                 "audio/convert,f_ac3,ar_32000"sv);
  STATIC_REQUIRE(audio::convert{}.str() == "audio/convert,f_mp3"sv);  // f is always written
  // Every sample rate of the table.
  STATIC_REQUIRE(audio::convert{.ar = 11025}.str() == "audio/convert,f_mp3,ar_11025"sv);
  STATIC_REQUIRE(audio::convert{.ar = 12000}.str() == "audio/convert,f_mp3,ar_12000"sv);
  STATIC_REQUIRE(audio::convert{.ar = 16000}.str() == "audio/convert,f_mp3,ar_16000"sv);
  STATIC_REQUIRE(audio::convert{.ar = 22050}.str() == "audio/convert,f_mp3,ar_22050"sv);
  STATIC_REQUIRE(audio::convert{.ar = 24000}.str() == "audio/convert,f_mp3,ar_24000"sv);
  STATIC_REQUIRE(audio::convert{.ar = 64000}.str() == "audio/convert,f_mp3,ar_64000"sv);
  STATIC_REQUIRE(audio::convert{.ar = 88200}.str() == "audio/convert,f_mp3,ar_88200"sv);
}

TEST_CASE("audio/concat is followed by its pre and sur inputs", "[oss][audio]") {
  // The official sample (style-spec §6.7, [S A-php2]); the builder writes ar before ac.
  STATIC_REQUIRE(
      parses("audio/concat,f_aac,ac_1,ar_44100,ab_96000,align_2/pre,o_c3JjMS5tcDM/pre,"
             "o_c3JjMi5tcDM,t_0"));
  STATIC_REQUIRE(concat_sample() ==
                 "audio/concat,f_aac,ar_44100,ac_1,ab_96000,align_2/pre,o_c3JjMS5tcDM/pre,"
                 "o_c3JjMi5tcDM,t_0"sv);
  STATIC_REQUIRE(round_trips(concat_sample()));
  STATIC_REQUIRE((audio::concat{.ss = 0, .t = 30000, .f = oss::audio_format::mp3, .aq = 80} /
                  audio::sur{.o = "outro.mp3", .ss = 500, .t = 0} / audio::pre{.o = "intro.mp3"}) ==
                 "audio/concat,ss_0,t_30000,f_mp3,aq_80/sur,o_b3V0cm8ubXAz,ss_500,t_0/pre,"
                 "o_aW50cm8ubXAz"sv);
  const auto parsed = oss::parse_style("audio/concat,f_mp3").value();
  CHECK((parsed / audio::sur{.o = "b.mp3"}) == "audio/concat,f_mp3/sur,o_Yi5tcDM"sv);

  // Inputs only directly after concat, pre or sur; o required, an object key.
  CHECK(code_of(oss::to_style(audio::pre{.o = "a.mp3"})) == errc::misplaced_operation);
  CHECK(code_of(oss::to_style(audio::sur{.o = "a.mp3"})) == errc::misplaced_operation);
  CHECK(code_of(audio::info{} / audio::sur{.o = "a.mp3"}) == errc::misplaced_operation);
  CHECK(code_of(audio::convert{} / audio::pre{.o = "a.mp3"}) == errc::misplaced_operation);
  CHECK(code_of(audio::concat{} / audio::pre{}) == errc::missing_value);
  CHECK(code_of(audio::concat{} / audio::sur{.o = "\\a.mp3"}) == errc::invalid_object_key);
  // A video input does not follow an audio concat (the services differ).
  const auto audio_concat = audio::concat{}.str();
  CHECK(code_of(audio_concat / oss::video::pre{.o = "a.mp4"}) == errc::mixed_services);
}

TEST_CASE("out-of-range audio values give a style holding the error", "[oss][audio]") {
  volatile std::int64_t zero = 0;  // a run-time value: no compile-time rejection
  const auto bad = audio::convert{.ac = 9 + zero}.str();
  REQUIRE(bad.has_error());
  CHECK(bad.error().code == errc::value_out_of_range);
  CHECK(code_of(audio::convert{.ac = zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(audio::convert{.ss = -1 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(audio::convert{.t = -1 + zero}.str()) == errc::value_out_of_range);
  CHECK(code_of(audio::convert{.ar = 44000 + zero}.str()) == errc::invalid_enum_value);
  CHECK(code_of(audio::convert{.ar = zero}.str()) == errc::invalid_enum_value);
  CHECK(code_of(audio::convert{.aq = 101 + zero}.str()) == errc::value_out_of_range);
  // ab, abopt and align have no published range ([?]): any integer is accepted.
  CHECK(audio::convert{.ab = zero}.str() == std::string_view("audio/convert,f_mp3,ab_0"));
  CHECK(code_of(audio::convert{.aq = 5 + zero, .ab = 64000}.str()) == errc::conflicting_parameters);
  CHECK_FALSE(audio::convert{.abopt = -1 + zero}.str().has_error());
  CHECK_FALSE(audio::concat{.align = -1 + zero}.str().has_error());
  CHECK(code_of(audio::concat{.ac = 9 + zero} / audio::pre{.o = "a.mp3"}) ==
        errc::value_out_of_range);
}

TEST_CASE("audio builders round-trip through the parser", "[oss][audio]") {
  const oss::style styles[] = {
      audio::info{}.str(),
      audio::convert{.f = oss::audio_format::aac, .ar = 44100, .ac = 2, .ab = 128000}.str(),
      audio::concat{.f = oss::audio_format::opus, .align = 0}.str(),
      concat_sample(),
  };
  for (const auto& s : styles) {
    INFO(s.view());
    REQUIRE_FALSE(s.has_error());
    CHECK(oss::parse_style(s.view()).value() == s);
    CHECK(round_trips(s));
    CHECK(s.service() == "audio");
  }
}

TEST_CASE("an audio style does not take operations of another service", "[oss][audio]") {
  // At compile time, `audio::info{} / video::info{}` is a static_assert (oss/builder.hpp).
  const auto video = oss::parse_style("video/convert,f_mp4").value();
  CHECK(code_of(video / audio::convert{.f = oss::audio_format::aac}) == errc::mixed_services);
  const auto video_concat = oss::parse_style("video/concat,f_mp4").value();
  CHECK(code_of(video_concat / audio::pre{.o = "a.mp3"}) == errc::mixed_services);
  const auto doc = oss::parse_style("doc/snapshot,page_1").value();
  CHECK(code_of(doc / audio::info{}) == errc::mixed_services);
}

TEST_CASE("audio carrier rules", "[oss][audio]") {
  for (const auto& async_only :
       {audio::convert{.f = oss::audio_format::aac}.str(), concat_sample()}) {
    INFO(async_only.view());
    CHECK(oss::check_carrier(async_only, carrier::sync_process).error().code ==
          errc::async_only_operation);
    CHECK(oss::check_carrier(async_only, carrier::get_url).error().code ==
          errc::async_only_operation);
    CHECK(oss::check_carrier(async_only, carrier::async_process).error().code ==
          oss::saveas_required);
    const auto saved = async_only | oss::save_as{.key = "out.aac"} | oss::notify{.topic = "t"};
    CHECK(oss::check_carrier(saved, carrier::async_process).has_value());
  }
  CHECK((audio::convert{.f = oss::audio_format::aac} | oss::save_as{.key = "AudioConvert"}) ==
        "audio/convert,f_aac|sys/saveas,o_QXVkaW9Db252ZXJ0"sv);
  const auto info = audio::info{}.str();
  CHECK(oss::check_carrier(info, carrier::get_url).has_value());
  CHECK(oss::check_carrier(info, carrier::sync_process).has_value());
  CHECK(oss::check_carrier(info, carrier::async_process).error().code == errc::sync_only_operation);
}
