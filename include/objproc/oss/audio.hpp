// SPDX-License-Identifier: MIT
// objproc/oss/audio.hpp - typed builders for the OSS audio operations (style-spec §4.2, §6.6,
// §6.7).
//
//   static_assert(oss::audio::convert{.ss = 10000, .t = 60000, .f = oss::audio_format::aac,
//                                     .ab = 96000}.str() ==
//                 "audio/convert,ss_10000,t_60000,f_aac,ab_96000");
//   auto c = oss::audio::concat{.f = oss::audio_format::aac, .align = 2}
//            / oss::audio::pre{.o = "src1.mp3"} / oss::audio::pre{.o = "src2.mp3", .t = 0};
// Fields follow the order of oss/spec.hpp's tables, which is the order they are rendered in.
// Unset optional fields are omitted; object keys (concat inputs) take plain text and are encoded
// by the builder. audio/info is synchronous; convert and concat need async_process_object with
// sys/saveas (oss/directives.hpp).
#ifndef OBJPROC_OSS_AUDIO_HPP
#define OBJPROC_OSS_AUDIO_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/oss/builder.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// Output format of audio/convert and audio/concat (`f_`).
enum class audio_format : std::uint8_t { mp3, aac, flac, oga, ac3, opus, amr };

namespace detail {
[[nodiscard]] constexpr std::string_view name_of(audio_format f) noexcept {
  constexpr std::string_view names[] = {"mp3", "aac", "flac", "oga", "ac3", "opus", "amr"};
  return names[static_cast<std::size_t>(f)];
}
}  // namespace detail

namespace audio {

using oss::operator/;  // found by argument-dependent lookup from the builders below
inline constexpr std::string_view service_name = "audio";

/// info: audio metadata as JSON (synchronous)
struct info {
  static constexpr std::string_view service = service_name;
  constexpr void render(detail::op_writer& o) const noexcept { o.name("info"); }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// convert,ss_,t_,f_,ar_,ac_,aq_,ab_,abopt_: transcode (asynchronous, sys/saveas)
struct convert {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> ss{};    // start, ms
  std::optional<std::int64_t> t{};     // duration, ms (0: to the end)
  audio_format f = audio_format::mp3;  // required
  std::optional<std::int64_t> ar{};    // sample rate in Hz: 8000 11025 12000 16000 22050 24000
                                     // 32000 44100 48000 64000 88200 96000 (checked by the parser)
  std::optional<std::int64_t> ac{};     // channels 1-8
  std::optional<std::int64_t> aq{};     // quality 0-100 (not with ab)
  std::optional<std::int64_t> ab{};     // bit rate, bit/s (not with aq)
  std::optional<std::int64_t> abopt{};  // bit rate option (values unpublished)

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("convert");
    o.param("ss", ss);
    o.param("t", t);
    o.param("f", detail::name_of(f));
    o.param("ar", ar);
    o.param("ac", ac);
    o.param("aq", aq);
    o.param("ab", ab);
    o.param("abopt", abopt);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// concat: joins the source object with the inputs that follow it as /pre and /sur
/// (asynchronous). The output parameters are convert's, plus align.
struct concat {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> ss{};
  std::optional<std::int64_t> t{};
  audio_format f = audio_format::mp3;  // required
  std::optional<std::int64_t> ar{};    // Hz, as in convert
  std::optional<std::int64_t> ac{};
  std::optional<std::int64_t> aq{};
  std::optional<std::int64_t> ab{};
  std::optional<std::int64_t> abopt{};
  std::optional<std::int64_t> align{};  // which input the output follows (semantics unpublished)

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("concat");
    o.param("ss", ss);
    o.param("t", t);
    o.param("f", detail::name_of(f));
    o.param("ar", ar);
    o.param("ac", ac);
    o.param("aq", aq);
    o.param("ab", ab);
    o.param("abopt", abopt);
    o.param("align", align);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// pre,o_,ss_,t_ and sur,o_,ss_,t_: concat inputs before / after the source object
/// (oss::concat_input in oss/builder.hpp). Compose them with '/' after concat.
using pre = concat_input<"audio", "pre">;
using sur = concat_input<"audio", "sur">;

}  // namespace audio
}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_AUDIO_HPP
