// SPDX-License-Identifier: MIT
// objproc/cos/put_options.hpp - the values of the optional COS PUT Object headers that
// cos::ci_put_object sends (operations.hpp): typed, and checked before anything is signed.
//
//   ci_put_object{..., .acl = cos::object_acl::private_,
//                 .grant_read = R"(id="100000000001",id="100000000002")",
//                 .storage_class = cos::storage_class::standard_ia,
//                 .meta = metas /* std::span<const cos::user_meta>: {{"origin", "camera-7"}} */,
//                 .traffic_limit = 819200};
//   cos::parse_object_acl("public-read"), cos::parse_storage_class("ARCHIVE")   text -> enum
//
// The rules, from the PUT Object page (cloud.tencent.com/document/product/436/7749) unless
// noted (Tencent Cloud document numbers):
//   x-cos-acl             an object's canned ACLs (ACL overview 436/30752): default, private,
//                         public-read, authenticated-read, bucket-owner-read,
//                         bucket-owner-full-control (public-read-write is a bucket ACL)
//   x-cos-grant-*         id="<uin>" entries joined by ',' (no spaces): id="100000000001",
//                         id="100000000001/100000000011" (sub-account), or the older CAM form
//                         id="qcs::cam::uin/100000000001:uin/100000000011"; a uin here is
//                         letters, digits and : / . _ -. At most 100 grantees in all (the ACL
//                         overview's 100 entries per resource).
//   x-cos-storage-class   STANDARD, STANDARD_IA, ARCHIVE, DEEP_ARCHIVE, INTELLIGENT_TIERING,
//                         MAZ_STANDARD, MAZ_STANDARD_IA, MAZ_INTELLIGENT_TIERING
//   x-cos-meta-<suffix>   suffix: lowercase letters, digits and '-' (COS stores names lowercase:
//                         an uppercase suffix is refused, never folded); value: visible ASCII and
//                         spaces, not empty; each header (name and value) at most 2 KB, all of
//                         them at most 4 KB (InitiateMultipartUpload 436/7746, the newer pages;
//                         the PUT Object page says 2 KB)
//   x-cos-traffic-limit   819200 to 838860800 bit/s (800 Kb/s to 800 Mb/s)
//   Cache-Control, Content-Disposition, Content-Encoding, Content-Language: visible ASCII and
//                         spaces, no space at either end (non-ASCII file names go URL-encoded in
//                         filename*=UTF-8''...); Expires: a time point, written RFC 1123
//   Content-MD5           base64 of the 16-byte MD5 of the body (crypto/md5.hpp)
// Each error's detail names the header; its offset points into the value (or the meta key); its
// field is the input (fields::acl, storage_class, traffic_limit, meta, or the caller's).
#ifndef OBJPROC_COS_PUT_OPTIONS_HPP
#define OBJPROC_COS_PUT_OPTIONS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/cos/fields.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// x-cos-acl for an object.
enum class object_acl : unsigned char {
  default_,  // "default": inherit the bucket's ACL (what COS does when the header is absent)
  private_,
  public_read,
  authenticated_read,
  bucket_owner_read,
  bucket_owner_full_control,
};

/// x-cos-storage-class.
enum class storage_class : unsigned char {
  standard,
  standard_ia,
  archive,
  deep_archive,
  intelligent_tiering,
  maz_standard,
  maz_standard_ia,
  maz_intelligent_tiering,
};

/// One x-cos-meta-<key> header: `key` is the suffix ("origin" for x-cos-meta-origin).
struct user_meta {
  std::string_view key = {};
  std::string_view value = {};
};

inline constexpr std::uint64_t min_traffic_limit = 819200;     // bit/s: 100 KB/s
inline constexpr std::uint64_t max_traffic_limit = 838860800;  // bit/s: 100 MB/s
inline constexpr std::size_t max_meta_header_size = 2048;      // name and value of one header
inline constexpr std::size_t max_meta_total_size = 4096;       // every x-cos-meta-* together
inline constexpr std::size_t max_grantees = 100;               // in all x-cos-grant-* headers
inline constexpr std::string_view meta_prefix = "x-cos-meta-";

namespace detail {

inline constexpr std::array<std::string_view, 6> object_acl_names = {
    "default",           "private",
    "public-read",       "authenticated-read",
    "bucket-owner-read", "bucket-owner-full-control"};
inline constexpr std::array<std::string_view, 8> storage_class_names = {"STANDARD",
                                                                        "STANDARD_IA",
                                                                        "ARCHIVE",
                                                                        "DEEP_ARCHIVE",
                                                                        "INTELLIGENT_TIERING",
                                                                        "MAZ_STANDARD",
                                                                        "MAZ_STANDARD_IA",
                                                                        "MAZ_INTELLIGENT_TIERING"};

}  // namespace detail

/// The wire text ("public-read"); empty for a value outside the enumeration.
[[nodiscard]] constexpr std::string_view to_string(object_acl a) noexcept {
  const auto i = static_cast<std::size_t>(a);
  return i < detail::object_acl_names.size() ? detail::object_acl_names[i] : std::string_view();
}
/// The wire text ("STANDARD_IA"); empty for a value outside the enumeration.
[[nodiscard]] constexpr std::string_view to_string(storage_class s) noexcept {
  const auto i = static_cast<std::size_t>(s);
  return i < detail::storage_class_names.size() ? detail::storage_class_names[i]
                                                : std::string_view();
}

/// The ACL spelled exactly as COS spells it (case-sensitive); errc::invalid_enum_value.
[[nodiscard]] constexpr result<object_acl> parse_object_acl(std::string_view text) noexcept {
  for (std::size_t i = 0; i < detail::object_acl_names.size(); ++i)
    if (detail::object_acl_names[i] == text) return static_cast<object_acl>(i);
  return error{errc::invalid_enum_value, 0,
               "x-cos-acl: default, private, public-read, authenticated-read, bucket-owner-read "
               "or bucket-owner-full-control"}
      .in_field(fields::acl);
}
/// The storage class spelled exactly as COS spells it (uppercase); errc::invalid_enum_value.
[[nodiscard]] constexpr result<storage_class> parse_storage_class(std::string_view text) noexcept {
  for (std::size_t i = 0; i < detail::storage_class_names.size(); ++i)
    if (detail::storage_class_names[i] == text) return static_cast<storage_class>(i);
  return error{errc::invalid_enum_value, 0,
               "x-cos-storage-class: STANDARD, STANDARD_IA, ARCHIVE, DEEP_ARCHIVE, "
               "INTELLIGENT_TIERING, MAZ_STANDARD, MAZ_STANDARD_IA or MAZ_INTELLIGENT_TIERING"}
      .in_field(fields::storage_class);
}

/// x-cos-traffic-limit in bit/s: errc::value_out_of_range outside 819200..838860800.
[[nodiscard]] constexpr result<void> check_traffic_limit(std::uint64_t bits_per_second) noexcept {
  if (bits_per_second < min_traffic_limit || bits_per_second > max_traffic_limit)
    return error{errc::value_out_of_range, error::no_offset,
                 "x-cos-traffic-limit: 819200 to 838860800 bit/s"}
        .in_field(fields::traffic_limit);
  return {};
}

/// A free-text header value (Cache-Control, Content-Disposition, ...): visible ASCII and
/// spaces, no space at either end. `detail` names the header, `field` the input it came from
/// (string literals; no field when empty).
[[nodiscard]] constexpr result<void> check_header_text(std::string_view value,
                                                       std::string_view detail,
                                                       std::string_view field = {}) noexcept {
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c > 0x7E) return error{errc::invalid_header_value, i, detail}.in_field(field);
  }
  if (!value.empty() && value.front() == ' ')
    return error{errc::invalid_header_value, 0, detail}.in_field(field);
  if (!value.empty() && value.back() == ' ')
    return error{errc::invalid_header_value, value.size() - 1, detail}.in_field(field);
  return {};
}

/// A grantee list: id="<uin>" entries joined by ','. `detail` names the header, `field` the
/// input (literals); the offset is the first byte that does not fit. Adds the entries to `count`.
[[nodiscard]] constexpr result<void> check_grantees(std::string_view value, std::string_view detail,
                                                    std::size_t& count,
                                                    std::string_view field = {}) noexcept {
  constexpr std::string_view open = "id=\"";
  std::size_t at = 0;
  while (true) {
    for (std::size_t i = 0; i < open.size(); ++i)
      if (at + i >= value.size() || value[at + i] != open[i])
        return error{errc::invalid_header_value, at + i, detail}.in_field(field);
    at += open.size();
    const std::size_t uin = at;
    for (; at < value.size() && value[at] != '"'; ++at) {
      const char c = value[at];
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == ':' || c == '/' || c == '.' || c == '_' || c == '-';
      if (!ok) return error{errc::invalid_header_value, at, detail}.in_field(field);
    }
    if (at == value.size() || at == uin)
      return error{errc::invalid_header_value, at, detail}.in_field(field);
    ++at;  // the closing quote
    if (++count > max_grantees)
      return error{errc::value_out_of_range, uin,
                   "x-cos-grant-*: at most 100 grantees in all (ACL overview)"}
          .in_field(field);
    if (at == value.size()) return {};
    if (value[at] != ',') return error{errc::invalid_header_value, at, detail}.in_field(field);
    ++at;
  }
}

/// An x-cos-meta-* suffix: non-empty, lowercase letters, digits and '-'; errc::invalid_header_name
/// at the offending byte.
[[nodiscard]] constexpr result<void> check_meta_key(std::string_view key) noexcept {
  if (key.empty())
    return error{errc::invalid_header_name, error::no_offset, "x-cos-meta-*: empty key"}.in_field(
        fields::meta);
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return error{errc::invalid_header_name, i,
                   "x-cos-meta-*: keys are lowercase letters, digits and '-'"}
          .in_field(fields::meta);
  }
  return {};
}

/// Every user_meta: keys (check_meta_key, no two alike: errc::duplicate_header), values
/// (visible ASCII and spaces, not empty: errc::missing_value) and sizes (errc::text_too_long).
/// The offset of a key's error is into that key; of a value's, into that value.
[[nodiscard]] constexpr result<void> check_meta(std::span<const user_meta> meta) noexcept {
  std::size_t total = 0;
  for (std::size_t i = 0; i < meta.size(); ++i) {
    const user_meta& m = meta[i];
    if (auto r = check_meta_key(m.key); !r) return r;  // in fields::meta already
    for (std::size_t j = 0; j < i; ++j)
      if (meta[j].key == m.key)
        return error{errc::duplicate_header, error::no_offset, "x-cos-meta-*: a key given twice"}
            .in_field(fields::meta);
    if (m.value.empty())
      return error{errc::missing_value, error::no_offset, "x-cos-meta-*: empty value"}.in_field(
          fields::meta);
    if (auto r = check_header_text(
            m.value, "x-cos-meta-*: values are visible ASCII and spaces, none at either end",
            fields::meta);
        !r)
      return r;
    const std::size_t size = meta_prefix.size() + m.key.size() + m.value.size();
    if (size > max_meta_header_size)
      return error{errc::text_too_long, error::no_offset,
                   "x-cos-meta-*: one header (name and value) over 2 KB"}
          .in_field(fields::meta);
    total += size;
    if (total > max_meta_total_size)
      return error{errc::text_too_long, error::no_offset,
                   "x-cos-meta-*: all user metadata over 4 KB"}
          .in_field(fields::meta);
  }
  return {};
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_PUT_OPTIONS_HPP
