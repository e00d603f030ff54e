// SPDX-License-Identifier: MIT
// objproc/oss/image.hpp - typed builders for the OSS image operations (style-spec §3).
//
//   static_assert(oss::image::resize{.m = oss::resize_mode::fixed, .w = 100, .h = 100}.str() ==
//                 "image/resize,m_fixed,w_100,h_100");
//   auto s = oss::image::resize{.w = 300} / oss::image::format{.type = oss::image_format::webp};
// Unset optional fields are omitted. Text parameters (watermark text, font, image key,
// blindwatermark content) take plain text and are encoded by the builder.
#ifndef OBJPROC_OSS_IMAGE_HPP
#define OBJPROC_OSS_IMAGE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/oss/builder.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

enum class resize_mode : std::uint8_t { lfit, mfit, fill, pad, fixed };
enum class crop_gravity : std::uint8_t {
  nw,
  north,
  ne,
  west,
  center,
  east,
  sw,
  south,
  se,
  face,
  automatic
};
enum class image_format : std::uint8_t { jpg, png, webp, bmp, gif, tiff, heic, avif };
enum class blind_strength : std::uint8_t { low, medium, high };
/// blur `g_`: blur the largest face, or every face (IMM-backed; signed requests only).
enum class blur_faces : std::uint8_t { face, faces };

namespace detail {
[[nodiscard]] constexpr std::string_view name_of(resize_mode m) noexcept {
  constexpr std::string_view names[] = {"lfit", "mfit", "fill", "pad", "fixed"};
  return names[static_cast<std::size_t>(m)];
}
[[nodiscard]] constexpr std::string_view name_of(crop_gravity g) noexcept {
  constexpr std::string_view names[] = {"nw", "north", "ne", "west", "center", "east",
                                        "sw", "south", "se", "face", "auto"};
  return names[static_cast<std::size_t>(g)];
}
[[nodiscard]] constexpr std::string_view name_of(image_format f) noexcept {
  constexpr std::string_view names[] = {"jpg", "png", "webp", "bmp", "gif", "tiff", "heic", "avif"};
  return names[static_cast<std::size_t>(f)];
}
[[nodiscard]] constexpr std::string_view name_of(blind_strength s) noexcept {
  constexpr std::string_view names[] = {"low", "medium", "high"};
  return names[static_cast<std::size_t>(s)];
}
[[nodiscard]] constexpr std::string_view name_of(blur_faces g) noexcept {
  return g == blur_faces::face ? "face" : "faces";
}
template <class Enum>
constexpr void enum_param(op_writer& w, std::string_view key,
                          const std::optional<Enum>& v) noexcept {
  if (v) w.param(key, name_of(*v));
}
}  // namespace detail

namespace image {

using oss::operator/;  // found by argument-dependent lookup from the builders below
inline constexpr std::string_view service_name = "image";

/// resize,m_,w_,h_,l_,s_,limit_,color_,p_  (at least one of w h l s p)
struct resize {
  static constexpr std::string_view service = service_name;
  std::optional<resize_mode> m{};
  std::optional<std::int64_t> w{}, h{}, l{}, s{};
  std::optional<bool> limit{};           // false: may enlarge
  std::optional<std::uint32_t> color{};  // 0xRRGGBB, with m = pad
  std::optional<std::int64_t> p{};       // percent 1-1000

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("resize");
    detail::enum_param(o, "m", m);
    o.param("w", w);
    o.param("h", h);
    o.param("l", l);
    o.param("s", s);
    o.flag("limit", limit);
    o.color("color", color);
    o.param("p", p);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// crop,w_,h_,x_,y_,g_,p_
struct crop {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> w{}, h{}, x{}, y{};
  std::optional<crop_gravity> g{};
  std::optional<std::int64_t> p{};  // percent, with g = face

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("crop");
    o.param("w", w);
    o.param("h", h);
    o.param("x", x);
    o.param("y", y);
    detail::enum_param(o, "g", g);
    o.param("p", p);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// indexcrop,x_|y_,i_
struct indexcrop {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> x{}, y{}, i{};

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("indexcrop");
    o.param("x", x);
    o.param("y", y);
    o.param("i", i);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// circle,r_
struct circle {
  static constexpr std::string_view service = service_name;
  std::int64_t r = 0;
  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("circle");
    o.number_param("r", r);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// rounded-corners,r_
struct rounded_corners {
  static constexpr std::string_view service = service_name;
  std::int64_t r = 0;
  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("rounded-corners");
    o.number_param("r", r);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

// Value-only operations: `op,<value>`.
#define OBJPROC_DETAIL_OSS_VALUE_OP(type, op_name, field_type, field, render_value) \
  struct type {                                                                     \
    static constexpr std::string_view service = service_name;                       \
    field_type field{};                                                             \
    constexpr void render(detail::op_writer& o) const noexcept {                    \
      o.name(op_name);                                                              \
      o.put(',');                                                                   \
      render_value;                                                                 \
    }                                                                               \
    [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }  \
  }

/// rotate,<0-360> clockwise
OBJPROC_DETAIL_OSS_VALUE_OP(rotate, "rotate", std::int64_t, degrees, o.number(degrees));
/// auto-orient,<0|1>
OBJPROC_DETAIL_OSS_VALUE_OP(auto_orient, "auto-orient", bool, apply, o.put(apply ? '1' : '0'));
/// flip,<0> (only 0 is documented; 1 and 2 are third-party knowledge: use unchecked_style)
OBJPROC_DETAIL_OSS_VALUE_OP(flip, "flip", std::int64_t, mode, o.number(mode));
/// bright,<-100..100>
OBJPROC_DETAIL_OSS_VALUE_OP(bright, "bright", std::int64_t, value, o.number(value));
/// contrast,<-100..100>
OBJPROC_DETAIL_OSS_VALUE_OP(contrast, "contrast", std::int64_t, value, o.number(value));
/// sharpen,<50-399>
OBJPROC_DETAIL_OSS_VALUE_OP(sharpen, "sharpen", std::int64_t, value, o.number(value));
/// format,<jpg|png|webp|bmp|gif|tiff|heic|avif>
OBJPROC_DETAIL_OSS_VALUE_OP(format, "format", image_format, type, o.put(detail::name_of(type)));
/// interlace,<0|1> (progressive JPG)
OBJPROC_DETAIL_OSS_VALUE_OP(interlace, "interlace", bool, progressive,
                            o.put(progressive ? '1' : '0'));
#undef OBJPROC_DETAIL_OSS_VALUE_OP

/// blur,r_,s_[,g_,p_]
struct blur {
  static constexpr std::string_view service = service_name;
  std::int64_t r = 0;
  std::int64_t s = 0;
  std::optional<blur_faces> g{};    // blur faces only
  std::optional<std::int64_t> p{};  // with g: percent of the face box, 1-200
  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("blur");
    o.number_param("r", r);
    o.number_param("s", s);
    detail::enum_param(o, "g", g);
    o.param("p", p);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// quality,q_ (relative) or Q_ (absolute); Q wins when both are given
struct quality {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> q{};
  std::optional<std::int64_t> Q{};  // NOLINT(readability-identifier-naming): the wire key is 'Q'
  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("quality");
    o.param("q", q);
    o.param("Q", Q);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// watermark: text and/or image, with position and tiling. Plain text in, encoded by the builder.
struct watermark {
  static constexpr std::string_view service = service_name;
  std::optional<std::int64_t> t{};             // opacity 0-100
  std::optional<gravity> g{};                  // position
  std::optional<std::int64_t> x{}, y{};        // margins 0-4096
  std::optional<std::int64_t> voffset{};       // -1000..1000
  std::optional<bool> fill{};                  // tile
  std::optional<std::int64_t> padx{}, pady{};  // tile gaps, with fill
  std::optional<std::string_view> image{};     // object key of the watermark image (same bucket)
  std::optional<std::string_view> image_process{};  // its own pre-process, e.g. "image/resize,P_20"
  std::optional<std::string_view> text{};           // watermark text
  std::optional<std::string_view> font{};           // font name (`type`), e.g. "wqy-zenhei"
  std::optional<std::uint32_t> color{};             // 0xRRGGBB
  std::optional<std::int64_t> size{};               // 1-1000
  std::optional<std::int64_t> shadow{};             // 0-100
  std::optional<std::int64_t> rotate{};             // 0-360
  std::optional<std::int64_t> order{};              // 0 image first, 1 text first
  std::optional<std::int64_t> align{};              // 0 top, 1 middle, 2 bottom
  std::optional<std::int64_t> interval{};           // 0-1000

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("watermark");
    o.param("t", t);
    if (g) o.param("g", detail::gravity_name(*g));
    o.param("x", x);
    o.param("y", y);
    o.param("voffset", voffset);
    o.flag("fill", fill);
    o.param("padx", padx);
    o.param("pady", pady);
    if (image) {
      o.put(",image_");
      if (image_process)
        o.encode(*image, "?x-oss-process=", *image_process);
      else
        o.encode(*image);
    }
    o.encoded("text", text);
    o.encoded("type", font);
    o.color("color", color);
    o.param("size", size);
    o.param("shadow", shadow);
    o.param("rotate", rotate);
    o.param("order", order);
    o.param("align", align);
    o.param("interval", interval);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// info: image metadata as JSON
struct info {
  static constexpr std::string_view service = service_name;
  constexpr void render(detail::op_writer& o) const noexcept { o.name("info"); }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// average-hue: the dominant colour
struct average_hue {
  static constexpr std::string_view service = service_name;
  constexpr void render(detail::op_writer& o) const noexcept { o.name("average-hue"); }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

// Image intelligence (IMM-backed, signed requests only; no parameters are documented). The
// answers: oss::parse_image_faces, ..._bodies, ..._cars, ..._codes, ..._labels, parse_image_score
// (oss/results.hpp).
#define OBJPROC_DETAIL_OSS_NO_ARGS_OP(type, wire)                                  \
  struct type {                                                                    \
    static constexpr std::string_view service = service_name;                      \
    constexpr void render(detail::op_writer& o) const noexcept { o.name(wire); }   \
    [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); } \
  }
/// faces: face detection
OBJPROC_DETAIL_OSS_NO_ARGS_OP(faces, "faces");
/// bodies: human body detection
OBJPROC_DETAIL_OSS_NO_ARGS_OP(bodies, "bodies");
/// cars: vehicle and licence plate detection
OBJPROC_DETAIL_OSS_NO_ARGS_OP(cars, "cars");
/// codes: QR code and bar code recognition
OBJPROC_DETAIL_OSS_NO_ARGS_OP(codes, "codes");
/// labels: image label detection
OBJPROC_DETAIL_OSS_NO_ARGS_OP(labels, "labels");
/// score: image quality assessment
OBJPROC_DETAIL_OSS_NO_ARGS_OP(score, "score");
#undef OBJPROC_DETAIL_OSS_NO_ARGS_OP

/// blindwatermark,content_,s_,q_ (process_object with sys/saveas only)
struct blindwatermark {
  static constexpr std::string_view service = service_name;
  std::string_view content = {};  // plain text, encoded by the builder
  std::optional<blind_strength> s{};
  std::optional<std::int64_t> q{};  // 70-100
  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("blindwatermark");
    o.encoded("content", content);
    detail::enum_param(o, "s", s);
    o.param("q", q);
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

/// deblindwatermark,s_,t_text (async_process_object with sys/notify only)
struct deblindwatermark {
  static constexpr std::string_view service = service_name;
  std::optional<blind_strength> s{};
  bool text = true;  // the only documented type is t_text
  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("deblindwatermark");
    detail::enum_param(o, "s", s);
    if (text) o.param("t", "text");
  }
  [[nodiscard]] constexpr style str() const noexcept { return to_style(*this); }
};

}  // namespace image
}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_IMAGE_HPP
