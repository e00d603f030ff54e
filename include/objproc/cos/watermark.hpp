// SPDX-License-Identifier: MIT
// objproc/cos/watermark.hpp - the typed watermark builders (style-spec §8.7): image (watermark/1),
// text (watermark/2), blind watermark (watermark/3) and its extraction (watermark/4).
//
//   static_assert(cos::text_watermark{.text = "数据万象", .fill = 0xFFFFFF, .fontsize = 30,
//                                     .dx = 20, .dy = 20}.str() ==
//                 "watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg/fontsize/30/dx/20/dy/20");
//
// Text, font names and URLs are plain text here: the builder writes their URL-safe base64
// (unpadded), and colours are 0xRRGGBB written as the base64 of "#RRGGBB". An empty string is
// "absent", like every field's `{}` default. Ranges and dependencies (degree needs batch, spcent
// needs scatype, type 3 needs text, ...) are checked by the one parser (cos/rule.hpp).
// Render orders (those of the documented examples):
//   watermark/1  image gravity dx dy blogo scatype spcent batch degree dissolve ignore-error
//   watermark/2  text font fill fontsize dissolve gravity dx dy batch degree shadow ignore-error
//   watermark/3  type image text level;  watermark/4  type image
#ifndef OBJPROC_COS_WATERMARK_HPP
#define OBJPROC_COS_WATERMARK_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/cos/builder.hpp"
#include "objproc/cos/rule.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// watermark/1 `blogo`: what to do with a watermark larger than the image.
enum class logo_fit : std::uint8_t { scale = 1, crop = 2 };
/// watermark/1 `scatype`: what `spcent` (per mille) scales the watermark by.
enum class scale_by : std::uint8_t { width = 1, height = 2, area = 3 };
/// watermark/3 and /4 `type`.
enum class blind_type : std::uint8_t {
  semi_blind = 1,  // extraction needs the original image (images under 640x640)
  full_blind = 2,  // extraction needs the watermark image
  text = 3,        // a text watermark
};

/// watermark/3 and /4 `version` (COS 图片盲水印 version table): type 2 has 1.0 and 2.0, type 3
/// 1.0, 2.0 and 3.0, type 1 none; extraction must name the version the watermark was embedded
/// with. Left out, nothing is written (the service's default version is not documented).
enum class blind_version : std::uint8_t { v1_0, v2_0, v3_0 };

namespace detail {
constexpr void version(op_writer& w, const std::optional<blind_version>& v) noexcept {
  if (!v) return;
  constexpr std::string_view names[] = {"1.0", "2.0", "3.0"};
  word(w, "version", name_at(names, static_cast<std::size_t>(*v)));
}

/// "/key/<the enum's number>" when set.
template <class Enum>
constexpr void enum_number(op_writer& w, std::string_view k,
                           const std::optional<Enum>& v) noexcept {
  if (v) param(w, k, static_cast<std::int64_t>(*v));
}
}  // namespace detail

/// watermark/1: an image watermark. `image` is the watermark's full http:// URL (a COS origin
/// URL of the same bucket, not a CDN domain, not https).
struct image_watermark {
  std::string_view image{};                // required
  std::optional<cos::gravity> gravity{};   // default southeast
  std::optional<std::int64_t> dx{};        // px, default 0
  std::optional<std::int64_t> dy{};        // px, default 0
  std::optional<logo_fit> blogo{};         // larger than the image: scale or crop it
  std::optional<scale_by> scatype{};       // scale relative to the image (needs spcent)
  std::optional<std::int64_t> spcent{};    // per mille: 1-1000 (1-250 by area)
  bool batch{};                            // tile
  std::optional<std::int64_t> degree{};    // 0-360, tile rotation (needs batch)
  std::optional<std::int64_t> dissolve{};  // 1-100 opacity, default 90
  bool ignore_error{};                     // ignore-error/1

  constexpr void render(detail::op_writer& w) const noexcept {
    w.name("watermark/1");
    detail::encoded(w, "image", image);
    if (gravity) detail::word(w, "gravity", detail::name_of(*gravity));
    detail::param(w, "dx", dx);
    detail::param(w, "dy", dy);
    detail::enum_number(w, "blogo", blogo);
    detail::enum_number(w, "scatype", scatype);
    detail::param(w, "spcent", spcent);
    detail::on(w, "batch", batch);
    detail::param(w, "degree", degree);
    detail::param(w, "dissolve", dissolve);
    detail::on(w, "ignore-error", ignore_error);
  }
  [[nodiscard]] constexpr rule str() const noexcept { return to_rule(*this); }
};

/// watermark/2: a text watermark.
struct text_watermark {
  std::string_view text{};                 // required, UTF-8
  std::string_view font{};                 // font file name, e.g. "SimHei.ttf" (default tahoma.ttf)
  std::optional<std::uint32_t> fill{};     // 0xRRGGBB, default 0x3D3D3D
  std::optional<std::int64_t> fontsize{};  // points, default 13
  std::optional<std::int64_t> dissolve{};  // 1-100 opacity, default 90
  std::optional<cos::gravity> gravity{};   // default southeast
  std::optional<std::int64_t> dx{};        // px, default 0
  std::optional<std::int64_t> dy{};        // px, default 0
  bool batch{};                            // tile
  std::optional<std::int64_t> degree{};    // 0-360, tile rotation (needs batch)
  std::optional<std::int64_t> shadow{};    // 0-100
  bool ignore_error{};                     // ignore-error/1

  constexpr void render(detail::op_writer& w) const noexcept {
    w.name("watermark/2");
    detail::encoded(w, "text", text);
    detail::encoded(w, "font", font);
    detail::color(w, "fill", fill);
    detail::param(w, "fontsize", fontsize);
    detail::param(w, "dissolve", dissolve);
    if (gravity) detail::word(w, "gravity", detail::name_of(*gravity));
    detail::param(w, "dx", dx);
    detail::param(w, "dy", dy);
    detail::on(w, "batch", batch);
    detail::param(w, "degree", degree);
    detail::param(w, "shadow", shadow);
    detail::on(w, "ignore-error", ignore_error);
  }
  [[nodiscard]] constexpr rule str() const noexcept { return to_rule(*this); }
};

/// watermark/3: embeds a blind watermark: an image (types 1 and 2, http:// URL) or a text
/// (type 3).
struct blind_watermark {
  std::optional<blind_type> type{};     // required
  std::string_view image{};             // types 1, 2: the watermark image's http:// URL
  std::string_view text{};              // type 3
  std::optional<std::int64_t> level{};  // 0-3: type 2 (not v2.0), type 3 v2.0/v3.0
  std::optional<blind_version> version{};

  constexpr void render(detail::op_writer& w) const noexcept {
    w.name("watermark/3");
    detail::enum_number(w, "type", type);
    detail::encoded(w, "image", image);
    detail::encoded(w, "text", text);
    detail::param(w, "level", level);
    detail::version(w, version);
  }
  [[nodiscard]] constexpr rule str() const noexcept { return to_rule(*this); }
};

/// watermark/4: extracts a blind watermark embedded with the same type.
struct extract_blind_watermark {
  std::optional<blind_type> type{};  // required: the type it was embedded with
  std::string_view image{};  // type 1: the original image's URL; type 2: the watermark image's
  std::optional<blind_version> version{};  // the version it was embedded with

  constexpr void render(detail::op_writer& w) const noexcept {
    w.name("watermark/4");
    detail::enum_number(w, "type", type);
    detail::encoded(w, "image", image);
    detail::version(w, version);
  }
  [[nodiscard]] constexpr rule str() const noexcept { return to_rule(*this); }
};

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_WATERMARK_HPP
