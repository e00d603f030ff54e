// SPDX-License-Identifier: MIT
// objproc/cos/image_view2.hpp - the typed imageView2 builder (style-spec §8.6).
//
//   static_assert(cos::image_view2{.mode = 1, .w = 400, .h = 600, .q = {.value = 85}}.str() ==
//                 "imageView2/1/w/400/h/600/q/85");
//
// Modes 1-5 (COS has no mode 0); without a mode the rule is the mode-less form of the
// persistent-processing example (`imageView2/format/png`). Every field's `{}` default is
// "absent"; ranges are checked by the one parser (cos/rule.hpp).
// Render order: mode w h format q rq lq ignore-error (the documented order).
#ifndef OBJPROC_COS_IMAGE_VIEW2_HPP
#define OBJPROC_COS_IMAGE_VIEW2_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/cos/builder.hpp"
#include "objproc/cos/rule.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// imageView2 output formats (§8.6: fewer than imageMogr2's).
enum class view_format : std::uint8_t { jpg, bmp, gif, png, webp };

namespace detail {
[[nodiscard]] constexpr std::string_view name_of(view_format f) noexcept {
  constexpr std::string_view names[] = {"jpg", "bmp", "gif", "png", "webp"};
  return name_at(names, static_cast<std::size_t>(f));
}
}  // namespace detail

/// imageView2[/<mode>]/w/<W>/h/<H>/format/<f>/q/<Q>[!]/rq/<q>/lq/<q>
struct image_view2 {
  std::optional<std::int64_t> mode{};   // 1-5; none: the mode-less form
  std::optional<std::int64_t> w{};      // width (or long edge, modes 4-5)
  std::optional<std::int64_t> h{};      // height (or short edge, modes 4-5)
  std::optional<view_format> format{};  // format/
  quality_value q{};                    // q/<0-100>[!]: absolute quality
  std::optional<std::int64_t> rq{};     // rq/<0-100>: relative quality
  std::optional<std::int64_t> lq{};     // lq/<0-100>: quality floor
  bool ignore_error{};                  // ignore-error/1

  constexpr void render(detail::op_writer& o) const noexcept {
    o.name("imageView2");
    if (mode) {
      o.put('/');
      o.number(*mode);
    }
    detail::param(o, "w", w);
    detail::param(o, "h", h);
    if (format) detail::word(o, "format", detail::name_of(*format));
    detail::quality(o, "q", q);
    detail::param(o, "rq", rq);
    detail::param(o, "lq", lq);
    detail::on(o, "ignore-error", ignore_error);
  }
  [[nodiscard]] constexpr rule str() const noexcept { return to_rule(*this); }
};

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_IMAGE_VIEW2_HPP
