// SPDX-License-Identifier: MIT
// objproc/oss/credentials.hpp - Alibaba Cloud keys and the request view the OSS signers read.
//
//   oss::credentials creds{.access_key_id = "LTAI...", .access_key_secret = "...",
//                          .security_token = ""};
//   oss::signing_input in{.method = "GET", .bucket = "examplebucket", .key = "a/b.jpg",
//                         .query = query_fields, .headers = header_fields};
//
// Plain views: the caller owns the strings and keeps them alive for the call. Nothing in objproc
// stores, prints or returns access_key_secret. An empty security_token means permanent keys; a
// set one (STS) is sent as x-oss-security-token (header) or security-token / x-oss-security-token
// (presigned URL), see oss/sign_v1.hpp and oss/sign_v4.hpp. oss::redaction says which of these
// the display forms of a request (to_string, to_curl) hide: every OSS request carries it.
#ifndef OBJPROC_OSS_CREDENTIALS_HPP
#define OBJPROC_OSS_CREDENTIALS_HPP

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/http/redaction.hpp"
#include "objproc/oss/fields.hpp"
#include "objproc/oss/names.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

struct credentials {
  std::string_view access_key_id = {};      // public: appears in Authorization and presigned URLs
  std::string_view access_key_secret = {};  // never leaves the signer
  std::string_view security_token = {};     // empty: none
};

/// What the OSS signers sign: a view of the request; every string is the caller's.
struct signing_input {
  std::string_view method = {};                   // "GET", "PUT", "POST": uppercase
  std::string_view bucket = {};                   // empty: the service (ListBuckets)
  std::string_view key = {};                      // object key, decoded; empty: the bucket itself
  std::span<const http::query_field> query = {};  // decoded keys and values; nullopt: bare key
  std::span<const http::header_field> headers = {};  // every header the transport sends
};

namespace detail {
inline constexpr std::string_view redacted_headers[] = {"x-oss-security-token"};
// V4 presigned (x-oss-*) and V1 presigned (Signature, security-token) URLs.
inline constexpr std::string_view redacted_query_keys[] = {
    "x-oss-signature", "x-oss-security-token", "Signature", "security-token"};
// "OSS <id>:<signature>" (V1), then "OSS4-HMAC-SHA256 Credential=<id>/<scope>,...,Signature=<hex>"
// (V4): the key id and the scope stay readable.
inline constexpr http::signature_marker authorization_signatures[] = {
    {"OSS ", ":", '\0'},
    {"", "Signature=", ','},
};
}  // namespace detail

/// What an OSS request holds that logs must not show (http/redaction.hpp): the security token,
/// the signatures of presigned URLs, the signature in Authorization.
inline constexpr http::redaction_rules redaction = {
    detail::redacted_headers, detail::redacted_query_keys, detail::authorization_signatures};

namespace detail {

[[nodiscard]] constexpr bool is_control(char ch) noexcept {
  return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f;
}
/// The bytes an access key id may hold: visible ASCII but '/', ':' and ','. A table: a lookup
/// per byte costs a third of the five compares (the key id is checked on every signature).
inline constexpr std::array<bool, 256> key_id_chars = [] {
  std::array<bool, 256> t{};
  for (std::size_t c = '!'; c <= '~'; ++c) t[c] = c != '/' && c != ':' && c != ',';
  return t;
}();
[[nodiscard]] constexpr bool is_key_id_char(char ch) noexcept {
  return key_id_chars[static_cast<unsigned char>(ch)];
}

/// Non-empty key id and secret; a key id of visible ASCII without '/', ':' or ','; no control
/// character in the secret or the token (CR, LF or NUL in a token: errc::invalid_header_value;
/// others: errc::invalid_credentials, without an offset: the offset would locate a secret).
/// The error's field is the member at fault (access_key_id, access_key_secret, security_token).
[[nodiscard]] constexpr result<void> check_credentials(const credentials& c) noexcept {
  if (c.access_key_id.empty())
    return error{errc::missing_credentials, error::no_offset, "empty access key id"}.in_field(
        fields::access_key_id);
  if (c.access_key_secret.empty())
    return error{errc::missing_credentials, error::no_offset, "empty access key secret"}.in_field(
        fields::access_key_secret);
  // Checked on every signature: first passes without early exits (no branch per byte), then
  // the byte-by-byte checks below only to name the error.
  bool valid = true;
  for (const char ch : c.access_key_id) valid = valid & is_key_id_char(ch);
  if (valid && !http::detail::has_control(c.access_key_secret, false) &&
      !http::detail::has_control(c.security_token, false))
    return {};
  for (std::size_t i = 0; i < c.access_key_id.size(); ++i) {
    const char ch = c.access_key_id[i];
    if (ch <= ' ' || ch > '~' || ch == '/' || ch == ':' || ch == ',')
      return error{errc::invalid_credentials, i,
                   "access key ids are visible ASCII without '/', ':' or ','"}
          .in_field(fields::access_key_id);
  }
  for (std::size_t i = 0; i < c.access_key_secret.size(); ++i)
    if (static_cast<unsigned char>(c.access_key_secret[i]) < 0x20 || c.access_key_secret[i] == 0x7f)
      return error{errc::invalid_credentials, error::no_offset,
                   "control character in the access key secret"}
          .in_field(fields::access_key_secret);
  if (auto r =
          http::detail::check_header_value(c.security_token, "CR, LF or NUL in the security token");
      !r)
    return r.error().in_field(fields::security_token);
  for (std::size_t i = 0; i < c.security_token.size(); ++i)
    if (static_cast<unsigned char>(c.security_token[i]) < 0x20 || c.security_token[i] == 0x7f)
      return error{errc::invalid_credentials, error::no_offset,
                   "control character in the security token"}
          .in_field(fields::security_token);
  return {};
}

/// A region id or product: non-empty [a-z0-9-] ("cn-hangzhou", "oss", "oss-cloudbox"); `what`
/// is the detail, `field` the input (fields::region, fields::product).
[[nodiscard]] constexpr result<void> check_scope_part(std::string_view part, std::string_view what,
                                                      std::string_view field) noexcept {
  if (part.empty()) return error{errc::invalid_region, error::no_offset, what}.in_field(field);
  for (std::size_t i = 0; i < part.size(); ++i) {
    const char c = part[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return error{errc::invalid_region, i, what}.in_field(field);
  }
  return {};
}

/// A signing_input whose method, headers and query are views of an http::request (made only by
/// oss::detail::read_request): the request's mutators already refused what check_signing_input
/// checks of them (its method is an enum's name; set_header checks names and values with
/// check_header_name / check_header_value; add_query refuses an empty key). Its resource (bucket
/// and key) is not checked by the request: check_signing_input still checks those, unless an
/// oss operation checked them when it built the request (oss::detail::resource_checked).
struct request_input {
  signing_input input;
  bool resource_checked = false;
};

/// The bucket and the key.
[[nodiscard]] constexpr result<void> check_resource(const signing_input& in) noexcept {
  if (!in.bucket.empty()) {
    if (auto r = check_bucket_name(in.bucket); !r) return r;
  } else if (!in.key.empty()) {
    return error{errc::invalid_argument, error::no_offset, "an object key needs a bucket"}.in_field(
        fields::bucket);
  }
  if (!in.key.empty()) {
    if (auto r = check_object_key(in.key); !r) return r;
    if (const std::size_t at = http::detail::find_line_break(in.key); at != std::string_view::npos)
      return error{errc::invalid_object_key, at, "CR, LF or NUL in an object key"}.in_field(
          fields::key);
  }
  return {};
}

/// What check_resource adds to the checks endpoint::locate() runs (the same bucket and key
/// rules, above): a key without CR, LF or NUL. For a bucket and key that locate() accepted,
/// check_resource passes exactly when this does (the oss operations mark such requests).
[[nodiscard]] constexpr bool located_resource_passes(std::string_view key) noexcept {
  return http::detail::find_line_break(key) == std::string_view::npos;
}

/// Method, bucket, key, header names and values, query keys (shared by V1 and V4).
[[nodiscard]] constexpr result<void> check_signing_input(const signing_input& in) noexcept {
  if (in.method.empty())
    return error{errc::invalid_argument, error::no_offset, "empty HTTP method"}.in_field(
        fields::method);
  for (std::size_t i = 0; i < in.method.size(); ++i)
    if (in.method[i] < 'A' || in.method[i] > 'Z')
      return error{errc::invalid_argument, i, "HTTP methods are uppercase letters"}.in_field(
          fields::method);
  if (auto r = check_resource(in); !r) return r;
  for (const http::header_field& h : in.headers) {
    if (auto r = http::detail::check_header_name(h.name); !r)
      return r.error().in_field(fields::headers);
    if (auto r = http::detail::check_header_value(h.value); !r)
      return r.error().in_field(fields::headers);
  }
  for (const http::query_field& q : in.query)
    if (q.key.empty())
      return error{errc::invalid_query_parameter, error::no_offset, "empty query key"}.in_field(
          fields::query);
  return {};
}

/// The same for an input read from a request: only what the request did not check.
[[nodiscard]] constexpr result<void> check_signing_input(const request_input& in) noexcept {
  if (in.resource_checked) return {};
  return check_resource(in.input);
}

}  // namespace detail

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_CREDENTIALS_HPP
