// SPDX-License-Identifier: MIT
// objproc/oss/directives.hpp - sys/saveas and sys/notify, joined to a style with '|'.
//
//   auto p = oss::image::resize{.w = 100} | oss::save_as{.bucket = "target", .key = "out/a.jpg"};
//   // "image/resize,w_100|sys/saveas,o_b3V0L2EuanBn,b_dGFyZ2V0"
//   auto q = doc_convert | oss::save_as{.key = "out/{index}.png"} | oss::notify{.topic = "t"};
// The builder encodes bucket, key and topic (URL-safe base64, no padding) and validates the
// bucket name and object key (errors in fields::save_as_bucket, save_as_key, notify_topic); where a
// directive may be used (saveas not in a GET URL, notify only in async processing, required
// saveas/notify) is checked against the operation by check_carrier (oss/style.hpp).
#ifndef OBJPROC_OSS_DIRECTIVES_HPP
#define OBJPROC_OSS_DIRECTIVES_HPP

#include <concepts>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/oss/fields.hpp"
#include "objproc/core/result.hpp"
#include "objproc/oss/builder.hpp"
#include "objproc/oss/names.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// sys/saveas: where the result is stored. An empty bucket means the source bucket.
struct save_as {
  std::string_view bucket = {};
  std::string_view key = {};
};

/// sys/notify: the SMQ (MNS) topic told when an asynchronous task ends.
struct notify {
  std::string_view topic = {};
};

namespace detail {
// Appends a directive to a style: "|sys/<action>" or, after an existing system part,
// "/<action>"; the parser then puts the system part in canonical order.
[[nodiscard]] constexpr style with_directive(const style& s, const op_writer& action) noexcept {
  if (s.has_error()) return s;
  if (s.empty())
    return style::failed(error{errc::empty_style, error::no_offset, "a directive needs a style"});
  const bool has_system = s.has_save_as() || s.has_notify();
  return s.appended(has_system ? "/" : "|sys/", action.text());
}
}  // namespace detail

/// style | save_as: adds sys/saveas,o_<key>[,b_<bucket>].
[[nodiscard]] constexpr style operator|(const style& s, const save_as& target) noexcept {
  if (s.has_error()) return s;
  if (s.has_save_as())
    return style::failed(error{errc::invalid_system_part, s.view().size(), "saveas given twice"});
  if (auto r = check_object_key(target.key); !r)
    return style::failed(r.error().in_field(fields::save_as_key));
  if (!target.bucket.empty())
    if (auto r = check_bucket_name(target.bucket); !r)
      return style::failed(r.error().in_field(fields::save_as_bucket));
  detail::op_writer action;
  action.name("saveas,o_");
  action.encode(target.key);
  if (!target.bucket.empty()) {
    action.put(",b_");
    action.encode(target.bucket);
  }
  return detail::with_directive(s, action);
}

/// style | notify: adds sys/notify,topic_<topic>.
[[nodiscard]] constexpr style operator|(const style& s, const notify& n) noexcept {
  if (s.has_error()) return s;
  if (s.has_notify())
    return style::failed(error{errc::invalid_system_part, s.view().size(), "notify given twice"});
  if (n.topic.empty())
    return style::failed(
        error{errc::missing_value, error::no_offset, "empty notify topic"}.in_field(
            fields::notify_topic));
  for (std::size_t i = 0; i < n.topic.size(); ++i)
    if (static_cast<unsigned char>(n.topic[i]) < 0x20 || n.topic[i] == 0x7f)
      return style::failed(
          error{errc::unexpected_value, i, "control character in the notify topic"}.in_field(
              fields::notify_topic));
  if (auto r = check_utf8(n.topic); !r)
    return style::failed(
        error{errc::invalid_utf8, r.error().offset, "notify topic"}.in_field(fields::notify_topic));
  detail::op_writer action;
  action.name("notify,topic_");
  action.encode(n.topic);
  return detail::with_directive(s, action);
}

/// operation | directive: the one-operation style with the directive.
template <operation Op, class Directive>
requires(std::same_as<Directive, save_as> || std::same_as<Directive, notify>)
    [[nodiscard]] constexpr style
    operator|(const Op& op, const Directive& d) noexcept {
  return to_style(op) | d;
}

/// "..."_oss | directive: the checked literal with the directive.
[[nodiscard]] constexpr style operator|(const style_string& s, const save_as& d) noexcept {
  return s.get() | d;
}
[[nodiscard]] constexpr style operator|(const style_string& s, const notify& d) noexcept {
  return s.get() | d;
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_DIRECTIVES_HPP
