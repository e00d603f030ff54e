// SPDX-License-Identifier: MIT
// objproc/cos/image_mogr2.hpp - the typed imageMogr2 builder (style-spec §8.1-§8.5).
//
//   static_assert(cos::image_mogr2{.thumbnail = cos::thumbnail::fit(600, 600), .pad = true,
//                                  .color = 0x3D3D3D}.str() ==
//                 "imageMogr2/thumbnail/600x600/pad/1/color/IzNEM0QzRA");
//
// Every field's `{}` default is "absent". Ranges are not checked here but by the one parser
// (cos::spec::image_mogr2 in cos/spec.hpp): out of range is a compile error in a constant
// expression and a rule holding the error at run time.
//
// Render order (the parser accepts any order; this one is fixed so the text is canonical):
//   auto-orient  thumbnail pad color  cut crop gravity dx dy scrop  iradius rradius
//   rotate flip  blur sharpen bright contrast grayscale  strip  format cgif interlace
//   quality rquality lquality  size-limit  ignore-error
// i.e. orientation first (the Qiniu-compatible imageMogr2 advises auto-orient first), then
// geometry (scale, then its pad; crop, then its gravity and offsets), shape, rotation, effects,
// metadata, the output encoding and its limits, and ignore-error last, as the documented
// examples write them (`thumbnail/600x600/pad/1/color/...`, `crop/300x400/gravity/center`,
// `strip/format/jpg/size-limit/15k!`, `.../ignore-error/1`).
#ifndef OBJPROC_COS_IMAGE_MOGR2_HPP
#define OBJPROC_COS_IMAGE_MOGR2_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/cos/builder.hpp"
#include "objproc/cos/rule.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// A `thumbnail/<geometry>` value (§8.1); build it with the factories:
///   percent(50) !50p        width_percent(50) !50px     height_percent(50) !x50p
///   width(200)  200x        height(300) x300            fit(200, 300) 200x300 (inside the box)
///   shrink_only(200, 300) 200x300>   enlarge_only(200, 300) 200x300<
///   cover(200, 300) !200x300r (covers the box)   exact(200, 300) 200x300! (distorts)
///   area(35000) 35000@ (at most that many pixels)
struct thumbnail {
  enum class form : std::uint8_t {
    none,  // no thumbnail (the default)
    percent,
    width_percent,
    height_percent,
    width,
    height,
    fit,
    shrink_only,
    enlarge_only,
    cover,
    exact,
    area,
  };
  form shape{};
  std::int64_t a{};  // the first number: S (percent), W, H or the area
  std::int64_t b{};  // H of the two-number forms

  [[nodiscard]] static constexpr thumbnail percent(std::int64_t s) noexcept {
    return {form::percent, s, 0};
  }
  [[nodiscard]] static constexpr thumbnail width_percent(std::int64_t s) noexcept {
    return {form::width_percent, s, 0};
  }
  [[nodiscard]] static constexpr thumbnail height_percent(std::int64_t s) noexcept {
    return {form::height_percent, s, 0};
  }
  [[nodiscard]] static constexpr thumbnail width(std::int64_t w) noexcept {
    return {form::width, w, 0};
  }
  [[nodiscard]] static constexpr thumbnail height(std::int64_t h) noexcept {
    return {form::height, h, 0};
  }
  [[nodiscard]] static constexpr thumbnail fit(std::int64_t w, std::int64_t h) noexcept {
    return {form::fit, w, h};
  }
  [[nodiscard]] static constexpr thumbnail shrink_only(std::int64_t w, std::int64_t h) noexcept {
    return {form::shrink_only, w, h};
  }
  [[nodiscard]] static constexpr thumbnail enlarge_only(std::int64_t w, std::int64_t h) noexcept {
    return {form::enlarge_only, w, h};
  }
  [[nodiscard]] static constexpr thumbnail cover(std::int64_t w, std::int64_t h) noexcept {
    return {form::cover, w, h};
  }
  [[nodiscard]] static constexpr thumbnail exact(std::int64_t w, std::int64_t h) noexcept {
    return {form::exact, w, h};
  }
  [[nodiscard]] static constexpr thumbnail area(std::int64_t pixels) noexcept {
    return {form::area, pixels, 0};
  }

  [[nodiscard]] constexpr bool present() const noexcept { return shape != form::none; }
  /// The geometry text (nothing for form::none).
  constexpr void render(detail::op_writer& w) const noexcept {
    if (shape > form::area) {  // not a form (a cast): the parser refuses "?"
      w.put('?');
      return;
    }
    switch (shape) {
      case form::none:
        return;
      case form::percent:
      case form::width_percent:
        w.put('!');
        w.number(a);
        w.put(shape == form::percent ? "p" : "px");
        return;
      case form::height_percent:
        w.put("!x");
        w.number(a);
        w.put('p');
        return;
      case form::width:
        w.number(a);
        w.put('x');
        return;
      case form::height:
        w.put('x');
        w.number(a);
        return;
      case form::area:
        w.number(a);
        w.put('@');
        return;
      case form::cover:
        w.put('!');
        break;
      case form::fit:
      case form::shrink_only:
      case form::enlarge_only:
      case form::exact:
        break;
    }
    w.number(a);
    w.put('x');
    w.number(b);
    if (shape == form::shrink_only) w.put('>');
    if (shape == form::enlarge_only) w.put('<');
    if (shape == form::cover) w.put('r');
    if (shape == form::exact) w.put('!');
  }
};

/// `crop/<W>x`, `crop/x<H>`, `crop/<W>x<H>` (either side may be left out) and `scrop/<W>x<H>`
/// (both needed). Rendered when either side is set.
struct dimensions {
  std::optional<std::int64_t> w{};
  std::optional<std::int64_t> h{};
  [[nodiscard]] constexpr bool present() const noexcept { return w.has_value() || h.has_value(); }
};

/// `cut/<w>x<h>x<dx>x<dy>`: a w×h rectangle at (dx, dy) from the top-left corner. Rendered when
/// w or h is set or an offset is not 0.
struct cut_rect {
  std::optional<std::int64_t> w{};
  std::optional<std::int64_t> h{};
  std::int64_t dx{};
  std::int64_t dy{};
  [[nodiscard]] constexpr bool present() const noexcept {
    return w.has_value() || h.has_value() || dx != 0 || dy != 0;
  }
};

/// `blur/<radius>x<sigma>`: radius 1-50, sigma >= 1. Rendered when either is set.
struct blur_params {
  std::optional<std::int64_t> radius{};
  std::optional<std::int64_t> sigma{};
  [[nodiscard]] constexpr bool present() const noexcept {
    return radius.has_value() || sigma.has_value();
  }
};

enum class size_unit : std::uint8_t { k, m };

/// `size-limit/<amount>{k|m}[!]` (JPG only): `forced` returns the smaller of input and output.
/// Rendered when amount is set (a `forced` without an amount is an error).
struct size_limit_value {
  std::optional<std::int64_t> amount{};
  size_unit unit{size_unit::k};
  bool forced{};
  [[nodiscard]] constexpr bool present() const noexcept { return amount.has_value() || forced; }
};

enum class flip_direction : std::uint8_t { vertical, horizontal };

/// imageMogr2 output formats (§8.4; avif heif heic tpg need CI's advanced compression, psd is for
/// persistent processing only; svgc compresses an SVG input, cos/spec.hpp).
enum class image_format : std::uint8_t {
  jpg,
  png,
  bmp,
  webp,
  gif,
  tiff,
  yjpeg,
  apng,
  avif,
  heif,
  heic,
  tpg,
  psd,
  svgc
};

namespace detail {
[[nodiscard]] constexpr std::string_view name_of(flip_direction f) noexcept {
  constexpr std::string_view names[] = {"vertical", "horizontal"};
  return name_at(names, static_cast<std::size_t>(f));
}
[[nodiscard]] constexpr std::string_view name_of(image_format f) noexcept {
  constexpr std::string_view names[] = {"jpg",  "png",  "bmp",  "webp", "gif", "tiff", "yjpeg",
                                        "apng", "avif", "heif", "heic", "tpg", "psd",  "svgc"};
  return name_at(names, static_cast<std::size_t>(f));
}
/// "/key/<W>x<H>" when either side is set; a missing side renders nothing.
constexpr void box(op_writer& w, std::string_view k, const dimensions& d) noexcept {
  if (!d.present()) return;
  key(w, k);
  w.put('/');
  number_or_nothing(w, d.w);
  w.put('x');
  number_or_nothing(w, d.h);
}
}  // namespace detail

/// imageMogr2/<key>/<value>... : scaling, cropping, rotation, format, quality and effects.
struct image_mogr2 {
  bool auto_orient{};                      // auto-orient (EXIF)
  cos::thumbnail thumbnail{};              // thumbnail/<geometry>
  std::optional<bool> pad{};               // pad/<0|1>: fit into the thumbnail box and pad to it
  std::optional<std::uint32_t> color{};    // color/: the pad colour 0xRRGGBB (needs pad)
  cut_rect cut{};                          // cut/WxHxDXxDY
  dimensions crop{};                       // crop/Wx, x<H>, WxH
  std::optional<cos::gravity> gravity{};   // gravity/: where crop takes its box
  std::optional<std::int64_t> dx{};        // dx/: offset of the crop box
  std::optional<std::int64_t> dy{};        // dy/
  dimensions scrop{};                      // scrop/WxH: face-aware smart crop
  std::optional<std::int64_t> iradius{};   // iradius/: inscribed circle radius
  std::optional<std::int64_t> rradius{};   // rradius/: rounded-corner radius
  std::optional<std::int64_t> rotate{};    // rotate/<0-360>: clockwise degrees
  std::optional<flip_direction> flip{};    // flip/vertical|horizontal
  blur_params blur{};                      // blur/<radius>x<sigma>
  std::optional<std::int64_t> sharpen{};   // sharpen/<10-300>
  std::optional<std::int64_t> bright{};    // bright/<-100..100>
  std::optional<std::int64_t> contrast{};  // contrast/<-100..100>
  std::optional<bool> grayscale{};         // grayscale/<0|1>
  bool strip{};                            // strip: remove EXIF and other metadata
  std::optional<image_format> format{};    // format/
  std::optional<std::int64_t> cgif{};      // cgif/<1-100>: GIF frames to keep
  std::optional<bool> interlace{};         // interlace/<0|1>: progressive JPG
  quality_value quality{};                 // quality/<0-100>[!]: absolute
  std::optional<std::int64_t> rquality{};  // rquality/<0-100>: relative to the source
  std::optional<std::int64_t> lquality{};  // lquality/<0-100>: a floor
  size_limit_value size_limit{};           // size-limit/<n>{k|m}[!]
  bool ignore_error{};                     // ignore-error/1: the original on a limit failure

  constexpr void render(detail::op_writer& w) const noexcept {
    w.name("imageMogr2");
    detail::flag(w, "auto-orient", auto_orient);
    if (thumbnail.present()) {
      detail::key(w, "thumbnail");
      w.put('/');
      thumbnail.render(w);
    }
    detail::boolean(w, "pad", pad);
    detail::color(w, "color", color);
    if (cut.present()) {
      detail::key(w, "cut");
      w.put('/');
      detail::number_or_nothing(w, cut.w);
      w.put('x');
      detail::number_or_nothing(w, cut.h);
      w.put('x');
      w.number(cut.dx);
      w.put('x');
      w.number(cut.dy);
    }
    detail::box(w, "crop", crop);
    if (gravity) detail::word(w, "gravity", detail::name_of(*gravity));
    detail::param(w, "dx", dx);
    detail::param(w, "dy", dy);
    detail::box(w, "scrop", scrop);
    detail::param(w, "iradius", iradius);
    detail::param(w, "rradius", rradius);
    detail::param(w, "rotate", rotate);
    if (flip) detail::word(w, "flip", detail::name_of(*flip));
    if (blur.present()) {
      detail::key(w, "blur");
      w.put('/');
      detail::number_or_nothing(w, blur.radius);
      w.put('x');
      detail::number_or_nothing(w, blur.sigma);
    }
    detail::param(w, "sharpen", sharpen);
    detail::param(w, "bright", bright);
    detail::param(w, "contrast", contrast);
    detail::boolean(w, "grayscale", grayscale);
    detail::flag(w, "strip", strip);
    if (format) detail::word(w, "format", detail::name_of(*format));
    detail::param(w, "cgif", cgif);
    detail::boolean(w, "interlace", interlace);
    detail::quality(w, "quality", quality);
    detail::param(w, "rquality", rquality);
    detail::param(w, "lquality", lquality);
    if (size_limit.present()) {
      detail::key(w, "size-limit");
      w.put('/');
      detail::number_or_nothing(w, size_limit.amount);
      w.put(size_limit.unit == size_unit::k ? 'k' : 'm');
      if (size_limit.forced) w.put('!');
    }
    detail::on(w, "ignore-error", ignore_error);
  }
  [[nodiscard]] constexpr rule str() const noexcept { return to_rule(*this); }
};

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_IMAGE_MOGR2_HPP
