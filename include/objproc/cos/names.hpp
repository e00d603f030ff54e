// SPDX-License-Identifier: MIT
// objproc/cos/names.hpp - COS bucket names and object keys: the rules the Pic-Operations rules,
// the operations and the endpoints check, in one place.
//   check_bucket_name("examplebucket-1250000000")   BucketName-APPID: 1-50 of [a-z0-9-], not
//                                                   starting or ending with '-', then '-' and
//                                                   the APPID's digits; at most 63 in all
//   check_object_key("dir/a.jpg")                   1-850 bytes of UTF-8, no control character,
//                                                   not starting with '/' or '\\'
//
// The BucketName rules are Tencent's bucket overview (docs/reference/cos.md §5); the APPID is
// the last '-' segment, as the SDKs read it. The 63-character total is the DNS label limit: the
// bucket is the first label of its host (<bucket>.cos.<region>.myqcloud.com).
#ifndef OBJPROC_COS_NAMES_HPP
#define OBJPROC_COS_NAMES_HPP

#include <cstddef>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

inline constexpr std::size_t max_bucket_name_size = 63;    // BucketName-APPID, one DNS label
inline constexpr std::size_t max_bucket_custom_size = 50;  // the BucketName part

/// A COS bucket in BucketName-APPID form; the offset of the offending character where one
/// applies (the name's size when the -APPID part is missing).
[[nodiscard]] constexpr result<void> check_bucket_name(std::string_view name) noexcept {
  if (name.empty())
    return error{errc::invalid_bucket_name, error::no_offset, "empty bucket name"}.in_field(
        fields::bucket);
  if (name.size() > max_bucket_name_size)
    return error{errc::invalid_bucket_name, max_bucket_name_size,
                 "BucketName-APPID has at most 63 characters"}
        .in_field(fields::bucket);
  std::size_t dash = std::string_view::npos;  // the last '-': it starts the APPID
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '-') {
      dash = i;
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      return error{errc::invalid_bucket_name, i, "only lowercase letters, digits and '-'"}.in_field(
          fields::bucket);
    }
  }
  if (dash == std::string_view::npos)
    return error{errc::invalid_bucket_name, name.size(), "missing the -APPID suffix"}.in_field(
        fields::bucket);
  if (dash == name.size() - 1)
    return error{errc::invalid_bucket_name, name.size(), "empty APPID after the last '-'"}.in_field(
        fields::bucket);
  for (std::size_t i = dash + 1; i < name.size(); ++i)
    if (name[i] < '0' || name[i] > '9')
      return error{errc::invalid_bucket_name, i, "the APPID after the last '-' has only digits"}
          .in_field(fields::bucket);
  if (dash == 0)
    return error{errc::invalid_bucket_name, 0, "empty BucketName before -APPID"}.in_field(
        fields::bucket);
  if (dash > max_bucket_custom_size)
    return error{errc::invalid_bucket_name, max_bucket_custom_size,
                 "BucketName has at most 50 characters"}
        .in_field(fields::bucket);
  if (name.front() == '-')
    return error{errc::invalid_bucket_name, 0, "cannot start with '-'"}.in_field(fields::bucket);
  if (name[dash - 1] == '-')
    return error{errc::invalid_bucket_name, dash - 1, "BucketName cannot end with '-'"}.in_field(
        fields::bucket);
  return {};
}

inline constexpr std::size_t max_object_key_size = 850;  // bytes of UTF-8

/// A COS object key: 1-850 bytes of UTF-8, not starting with '/' or '\', no control character
/// (Tencent COS "Object key", doc 436/13324: keys are UTF-8 of at most 850 bytes; ASCII control
/// characters are not supported; a leading '/' would be read as part of the path).
[[nodiscard]] constexpr result<void> check_object_key(std::string_view key) noexcept {
  if (key.empty())
    return error{errc::invalid_object_key, error::no_offset, "empty object key"}.in_field(
        fields::key);
  if (key.size() > max_object_key_size)
    return error{errc::invalid_object_key, max_object_key_size,
                 "COS object keys have at most 850 bytes"}
        .in_field(fields::key);
  if (key.front() == '/' || key.front() == '\\')
    return error{errc::invalid_object_key, 0, "cannot start with '/' or '\\'"}.in_field(
        fields::key);
  for (std::size_t i = 0; i < key.size(); ++i)
    if (static_cast<unsigned char>(key[i]) < 0x20 || key[i] == 0x7f)
      return error{errc::invalid_object_key, i, "control characters are not allowed in keys"}
          .in_field(fields::key);
  if (auto utf8 = check_utf8(key); !utf8)
    return error{errc::invalid_object_key, utf8.error().offset, "not valid UTF-8"}.in_field(
        fields::key);
  return {};
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_NAMES_HPP
