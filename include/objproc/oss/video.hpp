// SPDX-License-Identifier: MIT
// objproc/oss/video.hpp - typed builders for the OSS video operations (style-spec §4.1, §4.2, §6).
//
//   static_assert(oss::video::snapshot{.t = 7000, .w = 800, .h = 600, .f = oss::frame_format::jpg}
//                     .str() == "video/snapshot,t_7000,w_800,h_600,f_jpg");
//   auto s = oss::video::convert{.f = oss::media_format::mp4,
//                                .vcodec = oss::video_codec::h265,
//                                .s = oss::resolution{.w = 1920, .h = 1080}}.str();
//   auto c = oss::video::concat{.f = oss::media_format::mp4, .align = 1}
//            / oss::video::pre{.o = "concat1.mp4"} / oss::video::sur{.o = "concat2.mp4", .t = 0};
// Fields follow the order of oss/spec.hpp's tables, which is the order they are rendered in (and,
// with designated initializers, the order they are written in). Unset optional fields are
// omitted. Object keys (concat inputs) take plain text and are encoded by the builder. Values
// are checked by the one parser: out of range is a compile error in a constant expression and a
// style holding the error at run time.
//
// Only video/snapshot and video/info run synchronously; every other operation here needs
// async_process_object with sys/saveas (oss/directives.hpp: `| oss::save_as{.key = ...}`);
// oss::check_carrier reports the rule a style breaks for a carrier.
#ifndef OBJPROC_OSS_VIDEO_HPP
#define OBJPROC_OSS_VIDEO_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/oss/builder.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// Output container of video/convert and video/concat (`f_`): video containers, then audio ones.
enum class media_format : std::uint8_t {
  mp4,
  mkv,
  mov,
  asf,
  avi,
  mxf,
  ts,
  flv,
  webm,  // only in some documentation versions (style-spec §9 #10)
  mp3,
  aac,
  flac,
  oga,
  ac3,
  opus,
  amr
};
/// Video codec (`vcodec_`); copy keeps the source stream, vp9 is in one documentation version.
enum class video_codec : std::uint8_t { h264, h265, copy, vp9 };
/// Pixel format (`pixfmt_`); yuva420p is in one documentation version.
enum class pixel_format : std::uint8_t {
  yuv420p,
  yuv420p10le,
  yuv422p,
  yuv422p10le,
  yuv444p,
  yuv444p10le,
  yuva420p
};
/// What `fps_` means when the source frame rate is lower (`fpsopt_`); rendered as the number.
enum class fps_option : std::uint8_t {
  always_target = 0,    // always the target frame rate
  source_if_lower = 1,  // keep the source frame rate when it is lower
  fail_if_lower = 2,    // fail when the source frame rate is lower
};
/// Image format of snapshots and sprites (`f_`).
enum class frame_format : std::uint8_t { jpg, png };
/// video/snapshot `m_`: fast takes the nearest preceding keyframe; unset takes the exact frame.
enum class snapshot_mode : std::uint8_t { fast };
/// video/snapshot `ar_`: rotate by the video's metadata, or force an orientation.
enum class snapshot_orientation : std::uint8_t {
  automatic,  // "auto"
  portrait,   // "h"
  landscape,  // "w"
};
/// video/animation `f_`.
enum class animation_format : std::uint8_t { gif, webp };
/// video/sprite `m_`: fixed interval, keyframes only, evenly spaced by num, change detection.
enum class sprite_mode : std::uint8_t { inter, key, avg, dhash };

/// An exact non-negative decimal with up to three fraction digits (fps_, crf_):
/// 30 is {30}, 29.97 is {29, 970}, 23.976 is {23, 976}, 23.5 is {23, 500}.
/// Not a double: 29.97 has no exact binary representation, and turning a double into text is
/// not constexpr in C++20 (no floating-point std::to_chars in constant evaluation), so a double
/// could not be rendered exactly at compile time. Whole number plus thousandths covers every
/// frame rate in use (23.976, 29.97, 59.94) and CRF steps. Rendered without trailing zeros
/// ({29, 970} -> "29.97"); thousandths above 999 render a value the parser rejects.
struct decimal {
  std::int64_t whole = 0;
  std::uint16_t thousandths = 0;  // 0-999: the digits after the point, 970 -> ".97"

  constexpr decimal() noexcept = default;
  // Implicit, so that `.fps = 30` works; `.fps = oss::decimal{29, 970}` for 29.97.
  constexpr decimal(std::int64_t whole_part,  // NOLINT(google-explicit-constructor)
                    std::uint16_t thousandths_part = 0) noexcept
      : whole(whole_part), thousandths(thousandths_part) {}
  // No conversion from floating point: `.fps = 29.97` would otherwise truncate to 29.
  template <std::floating_point F>
  decimal(F) = delete;
  friend constexpr bool operator==(const decimal&, const decimal&) noexcept = default;
};

/// Output resolution `s_`: "WxH", or "Wx" when only the width is set (the height follows the
/// aspect ratio). Each side even, 64-4096.
struct resolution {
  std::int64_t w = 0;
  std::optional<std::int64_t> h{};
};

namespace detail {
[[nodiscard]] constexpr std::string_view name_of(media_format f) noexcept {
  constexpr std::string_view names[] = {"mp4",  "mkv", "mov", "asf",  "avi", "mxf", "ts",   "flv",
                                        "webm", "mp3", "aac", "flac", "oga", "ac3", "opus", "amr"};
  return names[static_cast<std::size_t>(f)];
}
[[nodiscard]] constexpr std::string_view name_of(video_codec c) noexcept {
  constexpr std::string_view names[] = {"h264", "h265", "copy", "vp9"};
  return names[static_cast<std::size_t>(c)];
}
[[nodiscard]] constexpr std::string_view name_of(pixel_format p) noexcept {
  constexpr std::string_view names[] = {"yuv420p", "yuv420p10le", "yuv422p", "yuv422p10le",
                                        "yuv444p", "yuv444p10le", "yuva420p"};
  return names[static_cast<std::size_t>(p)];
}
[[nodiscard]] constexpr std::string_view name_of(frame_format f) noexcept {
  constexpr std::string_view names[] = {"jpg", "png"};
  return names[static_cast<std::size_t>(f)];
}
[[nodiscard]] constexpr std::string_view name_of(snapshot_mode) noexcept { return "fast"; }
[[nodiscard]] constexpr std::string_view name_of(snapshot_orientation o) noexcept {
  constexpr std::string_view names[] = {"auto", "h", "w"};
  return names[static_cast<std::size_t>(o)];
}
[[nodiscard]] constexpr std::string_view name_of(animation_format f) noexcept {
  return f == animation_format::gif ? "gif" : "webp";
}
[[nodiscard]] constexpr std::string_view name_of(sprite_mode m) noexcept {
  constexpr std::string_view names[] = {"inter", "key", "avg", "dhash"};
  return names[static_cast<std::size_t>(m)];
}

// ",key_<decimal>" when set.
constexpr void decimal_param(op_writer& o, std::string_view key,
                             const std::optional<decimal>& v) noexcept {
  if (!v) return;
  o.param(key, "");
  if (v->thousandths > 999) {
    o.put("out-of-range");  // the parser reports invalid_number at this value
    return;
  }
  o.number(v->whole);
  if (v->thousandths == 0) return;
  o.put('.');
  const char digits[3] = {static_cast<char>('0' + v->thousandths / 100),
                          static_cast<char>('0' + v->thousandths / 10 % 10),
                          static_cast<char>('0' + v->thousandths % 10)};
  const std::size_t n = digits[2] != '0' ? 3 : digits[1] != '0' ? 2 : 1;
  o.put(std::string_view(digits, n));
}

// The output parameters video/convert and video/concat share (spec.hpp's table order, after f).
template <class Output>
constexpr void video_output_params(op_writer& o, const Output& x) noexcept {
  o.param("ss", x.ss);
  o.param("t", x.t);
  o.flag("vn", x.vn);
  if (x.vcodec) o.param("vcodec", name_of(*x.vcodec));
  decimal_param(o, "fps", x.fps);
  if (x.fpsopt) o.number_param("fpsopt", static_cast<std::int64_t>(*x.fpsopt));
  if (x.pixfmt) o.param("pixfmt", name_of(*x.pixfmt));
  if (x.s) {
    o.number_param("s", x.s->w);
    o.put('x');
    if (x.s->h) o.number(*x.s->h);
  }
  o.param("sopt", x.sopt);
  if (x.scaletype) o.param("scaletype", *x.scaletype);
  o.flag("arotate", x.arotate);
  o.param("g", x.g);
  o.param("vb", x.vb);
  o.param("vbopt", x.vbopt);
  decimal_param(o, "crf", x.crf);
  o.param("maxrate", x.maxrate);
  o.param("bufsize", x.bufsize);
  o.flag("an", x.an);
  if (x.acodec) o.param("acodec", *x.acodec);
  o.param("ar", x.ar);
  o.param("ac", x.ac);
  o.param("aq", x.aq);
  o.param("ab", x.ab);
  o.param("abopt", x.abopt);
  o.param("adepth", x.adepth);
  o.flag("sn", x.sn);
}
}  // namespace detail

namespace video {

using oss::operator/;  // found by argument-dependent lookup from the builders below
inline constexpr std::string_view service_name = "video";

/// snapshot,t_,w_,h_,m_,f_,ar_,l_,s_: one frame (synchronous; H.264/H.265 sources)
struct snapshot {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> t{};  // position in ms
  std::optional<std::int64_t> w{};  // px; 0 = from the height and aspect ratio
  std::optional<std::int64_t> h{};  // px; w = h = 0: the source size
  std::optional<snapshot_mode> m{};
  std::optional<frame_format> f{};
  std::optional<snapshot_orientation> ar{};
  std::optional<std::int64_t> l{};  // px, the longer side
  std::optional<std::int64_t> s{};  // px, the shorter side

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("snapshot");
    o.param("t", t);
    o.param("w", w);
    o.param("h", h);
    if (m) o.param("m", detail::name_of(*m));
    if (f) o.param("f", detail::name_of(*f));
    if (ar) o.param("ar", detail::name_of(*ar));
    o.param("l", l);
    o.param("s", s);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// info: video metadata as JSON (synchronous)
struct info {
  static constexpr std::string_view service = service_name;
  constexpr void render(detail::op_writer& o) const noexcept { o.name("info"); }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// convert: transcode (asynchronous, sys/saveas). Times in ms, bit rates in bit/s.
struct convert {
  static constexpr std::string_view service = service_name;
  media_format f = media_format::mp4;           // required: the output container
  std::optional<std::int64_t> ss{};             // start, ms
  std::optional<std::int64_t> t{};              // duration, ms (0: to the end)
  std::optional<bool> vn{};                     // true: drop the video stream
  std::optional<video_codec> vcodec{};          //
  std::optional<decimal> fps{};                 // 0-240
  std::optional<fps_option> fpsopt{};           //
  std::optional<pixel_format> pixfmt{};         //
  std::optional<resolution> s{};                // WxH or Wx, even, 64-4096
  std::optional<std::int64_t> sopt{};           // resolution option (values unpublished)
  std::optional<std::string_view> scaletype{};  // scaling mode (values unpublished), e.g. "fit"
  std::optional<bool> arotate{};                // adapt the resolution to the orientation
  std::optional<std::int64_t> g{};              // keyframe interval 1-100000
  std::optional<std::int64_t> vb{};             // video bit rate 10000-100000000
  std::optional<std::int64_t> vbopt{};          // bit rate option (values unpublished)
  std::optional<decimal> crf{};                 // 0-51
  std::optional<std::int64_t> maxrate{};        // 10000-100000000
  std::optional<std::int64_t> bufsize{};        // 10000-200000000
  std::optional<bool> an{};                     // true: drop the audio stream
  std::optional<std::string_view> acodec{};     // audio codec (values unpublished), e.g. "aac"
  std::optional<std::int64_t> ar{};  // sample rate in Hz: 8000 11025 12000 16000 22050 24000
                                     // 32000 44100 48000 64000 88200 96000 (checked by the parser)
  std::optional<std::int64_t> ac{};  // channels 1-8
  std::optional<std::int64_t> aq{};  // audio quality 0-100 (not with ab)
  std::optional<std::int64_t> ab{};  // audio bit rate (not with aq)
  std::optional<std::int64_t> abopt{};   // audio bit rate option (values unpublished)
  std::optional<std::int64_t> adepth{};  // audio bit depth (values unpublished)
  std::optional<bool> sn{};              // true: drop subtitle streams

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("convert");
    o.param("f", detail::name_of(f));
    detail::video_output_params(o, *this);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// animation,ss_,f_,num_,inter_,fps_,w_,h_,scaletype_: an animated GIF/WebP (asynchronous)
struct animation {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> ss{};             // start, ms
  animation_format f = animation_format::gif;   // required
  std::optional<std::int64_t> num{};            // frames (unset: to the end)
  std::optional<std::int64_t> inter{};          // frame interval, ms
  std::optional<decimal> fps{};                 // playback rate 0-240
  std::optional<std::int64_t> w{}, h{};         // px, 32-4096
  std::optional<std::string_view> scaletype{};  // crop stretch fill fit

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("animation");
    o.param("ss", ss);
    o.param("f", detail::name_of(f));
    o.param("num", num);
    o.param("inter", inter);
    detail::decimal_param(o, "fps", fps);
    o.param("w", w);
    o.param("h", h);
    if (scaletype) o.param("scaletype", *scaletype);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// sprite: snapshots tiled into one image (asynchronous)
struct sprite {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> ss{};             // start, ms
  frame_format f = frame_format::jpg;           // required
  std::optional<sprite_mode> m{};               //
  std::optional<std::int64_t> thr{};            // 0-100, with m (dhash)
  std::optional<std::int64_t> num{};            // frames; 0 = no limit
  std::optional<std::int64_t> inter{};          // interval, ms
  std::optional<std::int64_t> sw{}, sh{};       // tile size, px, 32-4096
  std::optional<std::int64_t> psw{}, psh{};     // tile size, percent of the source, 1-200
  std::optional<std::int64_t> tw{}, th{};       // tiles across, down
  std::optional<std::int64_t> pad{}, margin{};  // px between tiles, around them
  std::optional<std::string_view> scaletype{};  // values unpublished

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("sprite");
    o.param("ss", ss);
    o.param("f", detail::name_of(f));
    if (m) o.param("m", detail::name_of(*m));
    o.param("thr", thr);
    o.param("num", num);
    o.param("inter", inter);
    o.param("sw", sw);
    o.param("sh", sh);
    o.param("psw", psw);
    o.param("psh", psh);
    o.param("tw", tw);
    o.param("th", th);
    o.param("pad", pad);
    o.param("margin", margin);
    if (scaletype) o.param("scaletype", *scaletype);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// snapshots: many frames, one object each (asynchronous), per the published table of
/// "Capture multiple video frames"
struct snapshots {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> ss{};             // start, ms
  std::optional<frame_format> f{};              //
  std::optional<std::int64_t> num{};            // frames (unset: to the end)
  std::optional<std::int64_t> inter{};          // interval, ms
  std::optional<std::int64_t> w{}, h{};         // px, 32-4096
  std::optional<std::int64_t> pw{}, ph{};       // percent of the source, 1-200 (w / h win)
  std::optional<std::string_view> scaletype{};  // crop stretch fill fit

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("snapshots");
    o.param("ss", ss);
    if (f) o.param("f", detail::name_of(*f));
    o.param("num", num);
    o.param("inter", inter);
    o.param("w", w);
    o.param("h", h);
    o.param("pw", pw);
    o.param("ph", ph);
    if (scaletype) o.param("scaletype", *scaletype);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// concat: joins the source object with the inputs that follow it as /pre and /sur
/// (asynchronous). The output parameters are video/convert's, plus align.
///   video::concat{.f = media_format::mp4, .align = 1} / video::pre{.o = "a.mp4"}
///                                                     / video::sur{.o = "b.mp4", .t = 0}
struct concat {
  static constexpr std::string_view service = service_name;
  media_format f = media_format::mp4;  // required: the output container
  std::optional<std::int64_t> ss{};
  std::optional<std::int64_t> t{};
  std::optional<bool> vn{};
  std::optional<video_codec> vcodec{};
  std::optional<decimal> fps{};
  std::optional<fps_option> fpsopt{};
  std::optional<pixel_format> pixfmt{};
  std::optional<resolution> s{};
  std::optional<std::int64_t> sopt{};
  std::optional<std::string_view> scaletype{};
  std::optional<bool> arotate{};
  std::optional<std::int64_t> g{};
  std::optional<std::int64_t> vb{};
  std::optional<std::int64_t> vbopt{};
  std::optional<decimal> crf{};
  std::optional<std::int64_t> maxrate{};
  std::optional<std::int64_t> bufsize{};
  std::optional<bool> an{};
  std::optional<std::string_view> acodec{};
  std::optional<std::int64_t> ar{};  // Hz, as in convert
  std::optional<std::int64_t> ac{};
  std::optional<std::int64_t> aq{};
  std::optional<std::int64_t> ab{};
  std::optional<std::int64_t> abopt{};
  std::optional<std::int64_t> adepth{};
  std::optional<bool> sn{};
  std::optional<std::int64_t> align{};  // which input the output follows (semantics unpublished)

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("concat");
    o.param("f", detail::name_of(f));
    detail::video_output_params(o, *this);
    o.param("align", align);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// pre,o_,ss_,t_ and sur,o_,ss_,t_: concat inputs before / after the source object
/// (oss::concat_input in oss/builder.hpp). Compose them with '/' after concat.
using pre = concat_input<"video", "pre">;
using sur = concat_input<"video", "sur">;

}  // namespace video
}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_VIDEO_HPP
