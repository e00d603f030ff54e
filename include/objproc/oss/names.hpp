// SPDX-License-Identifier: MIT
// objproc/oss/names.hpp - OSS bucket names and object keys: the rules both the processing
// directives (sys/saveas) and the endpoints check, in one place.
//   check_bucket_name("examplebucket")   3-63 of [a-z0-9-], not starting or ending with '-'
//   check_object_key("dir/a.jpg")        1-1023 bytes of UTF-8, not starting with '/' or '\'
#ifndef OBJPROC_OSS_NAMES_HPP
#define OBJPROC_OSS_NAMES_HPP

#include <array>
#include <cstddef>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

namespace detail {
/// [a-z0-9-]: the bytes of a bucket name.
inline constexpr std::array<bool, 256> bucket_chars = [] {
  std::array<bool, 256> t{};
  for (std::size_t c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  return t;
}();
}  // namespace detail

/// An OSS bucket name; the offset of a bad character where one applies.
[[nodiscard]] constexpr result<void> check_bucket_name(std::string_view name) noexcept {
  if (name.size() < 3 || name.size() > 63)
    return error{errc::invalid_bucket_name, error::no_offset,
                 "bucket names have 3 to 63 characters"}
        .in_field(fields::bucket);
  // A pass by table without an early exit first (checked on every signature), then the offset
  // of the first bad byte only when there is one.
  const auto allowed = [](char c) { return detail::bucket_chars[static_cast<unsigned char>(c)]; };
  bool all_allowed = true;
  for (const char c : name) all_allowed = all_allowed & allowed(c);
  if (!all_allowed)
    for (std::size_t i = 0; i < name.size(); ++i)
      if (!allowed(name[i]))
        return error{errc::invalid_bucket_name, i, "only lowercase letters, digits and '-'"}
            .in_field(fields::bucket);
  if (name.front() == '-')
    return error{errc::invalid_bucket_name, 0, "cannot start with '-'"}.in_field(fields::bucket);
  if (name.back() == '-')
    return error{errc::invalid_bucket_name, name.size() - 1, "cannot end with '-'"}.in_field(
        fields::bucket);
  return {};
}

/// An OSS object key.
[[nodiscard]] constexpr result<void> check_object_key(std::string_view key) noexcept {
  if (key.empty())
    return error{errc::invalid_object_key, error::no_offset, "empty object key"}.in_field(
        fields::key);
  if (key.size() > 1023)
    return error{errc::invalid_object_key, 1023, "object keys have at most 1023 bytes"}.in_field(
        fields::key);
  if (key.front() == '/' || key.front() == '\\')
    return error{errc::invalid_object_key, 0, "cannot start with '/' or '\\'"}.in_field(
        fields::key);
  if (auto utf8 = check_utf8(key); !utf8)
    return error{errc::invalid_object_key, utf8.error().offset, "not valid UTF-8"}.in_field(
        fields::key);
  return {};
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_NAMES_HPP
