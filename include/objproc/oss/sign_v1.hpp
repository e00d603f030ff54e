// SPDX-License-Identifier: MIT
// objproc/oss/sign_v1.hpp - OSS V1 signatures (HMAC-SHA1): Authorization header and presigned
// URL, as pure functions over a request view. Users sign with oss::v1_signer (oss/signer.hpp),
// which reads the view from an http::request; the intermediate-returning forms here are what the
// golden-vector tests compare:
//
//   auto s = oss::detail::sign_v1_header(input, creds, now, crypto::portable{});
//   auto q = oss::detail::sign_v1_query(input, creds, now, std::chrono::seconds{900},
//                                       crypto::portable{});
//
// The algorithm (docs, Go v1/v2, C++ v1/v2, Python v2 SDKs):
//   StringToSign = VERB \n Content-MD5 \n Content-Type \n Date \n
//                  CanonicalizedOSSHeaders CanonicalizedResource
//     Date: the x-oss-date (or Date) value; in a presigned URL the Expires unix time.
//     CanonicalizedOSSHeaders: every x-oss-* header, lowercase name, trimmed value, empty values
//       skipped, sorted, "name:value\n" each (repeats joined by ',').
//     CanonicalizedResource: "/bucket/key" with the key raw (unencoded), "/bucket/" or "/", then
//       '?' and the signed sub-resources sorted by key, "k" or "k=v" (decoded), joined by '&'.
//   Signature = base64(HMAC-SHA1(secret, StringToSign))
// Signed sub-resources: the SDKs' list (acl, uploadId, versionId, response-*, ...), every
// x-oss-* query key - so x-oss-process and x-oss-async-process are signed, as the service
// requires - and options.sub_resources.
// Header form: the signer sets x-oss-date (or Date, see v1_date_header), the STS token as
// x-oss-security-token and Authorization: OSS <id>:<signature>; same-named input headers are
// ignored (replaced). Query form: OSSAccessKeyId, Expires, Signature and security-token (a
// signed sub-resource) are added, raw; same-named input parameters are ignored (replaced).
#ifndef OBJPROC_OSS_SIGN_V1_HPP
#define OBJPROC_OSS_SIGN_V1_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/algorithm.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/core/time.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/oss/credentials.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// Which header carries the request time in the header form. x-oss-date (the default, and what
/// browsers must use) is itself a signed x-oss-* header; Date is not.
enum class v1_date_header : unsigned char { x_oss_date, date };

struct v1_options {
  v1_date_header date_header = v1_date_header::x_oss_date;
  /// Query keys signed besides the built-in list and x-oss-* (per-operation extras: "comp").
  std::span<const std::string_view> sub_resources = {};
};

/// Header form: the headers to set and the intermediates (never the secret).
struct v1_header_signature {
  std::string string_to_sign;
  std::string signature;  // base64
  /// x-oss-date (or Date), x-oss-security-token (STS only), Authorization.
  http::field_list<http::added_header, 3> headers;
};

/// Query form (presigned URL): the parameters to add, raw, and the intermediates.
struct v1_query_signature {
  std::string string_to_sign;
  std::string signature;  // base64; percent-encode it in the URL ('+', '/', '=')
  /// OSSAccessKeyId, Expires, Signature, security-token (STS only).
  http::field_list<http::added_query_field, 4> query;
};

namespace detail {

// Sorted (byte order) for binary search.
inline constexpr std::array<std::string_view, 34> v1_signed_sub_resources = {
    "acl",
    "append",
    "bucketInfo",
    "callback",
    "callback-var",
    "cleanRestoredObject",
    "cloudboxes",
    "continuation-token",
    "delete",
    "location",
    "objectMeta",
    "partNumber",
    "position",
    "regionList",
    "resourceGroup",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "restore",
    "security-token",
    "sequential",
    "stat",
    "symlink",
    "tagging",
    "uploadId",
    "uploads",
    "versionId",
    "versioning",
    "versions",
    "x-oss-async-process",
    "x-oss-process",
};

static_assert(objproc::detail::ascending(v1_signed_sub_resources));

[[nodiscard]] inline bool v1_is_sub_resource(std::string_view key,
                                             std::span<const std::string_view> extra) noexcept {
  return key.starts_with("x-oss-") ||
         objproc::detail::contains_sorted(v1_signed_sub_resources, key) ||
         objproc::detail::contains(extra, key);
}

[[nodiscard]] inline bool v1_in(std::span<const std::string_view> names,
                                std::string_view name) noexcept {
  return objproc::detail::any_element(
      names, [&](std::string_view n) { return http::detail::iequals(n, name); });
}

/// The trimmed value of the first header named `name` (given in lowercase), or "". Forced
/// inline: callers pass literals, which iequals_lower then compares as constant words.
[[nodiscard]] OBJPROC_ALWAYS_INLINE std::string_view v1_header(std::span<const http::header_field> headers,
                                                std::string_view name) noexcept {
  for (const http::header_field& h : headers)
    if (http::detail::iequals_lower(h.name, name)) return http::detail::trim_ows(h.value);
  return {};
}

/// Query keys and values go raw into the string to sign: no line breaks.
[[nodiscard]] inline result<void> v1_check_query(std::span<const http::query_field> query) {
  for (const http::query_field& q : query) {
    if (auto at = http::detail::find_line_break(q.key); at != std::string_view::npos)
      return error{errc::invalid_query_parameter, at, "CR, LF or NUL in a query key"}.in_field(
          fields::query);
    if (q.value)
      if (auto at = http::detail::find_line_break(*q.value); at != std::string_view::npos)
        return error{errc::invalid_query_parameter, at, "CR, LF or NUL in a query value"}.in_field(
            fields::query);
  }
  return {};
}

[[nodiscard]] constexpr error v1_too_many() noexcept {
  return error{errc::value_out_of_range, error::no_offset,
               "more headers or query parameters than a signer sorts (http::max_signed_fields)"};
}

/// Writes the string to sign into `out` (fields sorted in fixed arrays: no heap).
[[nodiscard]] inline result<void> v1_write_string_to_sign(
    http::detail::span_writer& out, const signing_input& in, std::string_view date_line,
    std::span<const std::string_view> owned_headers,
    std::span<const http::header_field> added_headers,
    std::span<const std::string_view> owned_query, std::span<const http::query_field> added_query,
    std::span<const std::string_view> extra_sub_resources) {
  out.put(in.method);
  out.put('\n');
  out.put(v1_header(in.headers, "content-md5"));
  out.put('\n');
  out.put(v1_header(in.headers, "content-type"));
  out.put('\n');
  out.put(date_line);
  out.put('\n');

  http::field_list<http::header_field, http::max_signed_fields + 2> oss_headers;
  for (const http::header_field& h : in.headers) {
    if (!http::detail::istarts_with(h.name, "x-oss-") || v1_in(owned_headers, h.name)) continue;
    const std::string_view value = http::detail::trim_ows(h.value);
    if (!value.empty() && !oss_headers.try_push_back({h.name, value})) return v1_too_many();
  }
  for (const http::header_field& h : added_headers)
    if (!oss_headers.try_push_back(h)) return v1_too_many();
  http::detail::stable_sort_in_place(
      oss_headers.data(), oss_headers.data() + oss_headers.size(),
      [](const auto& a, const auto& b) { return http::detail::icompare(a.name, b.name) < 0; });
  for (std::size_t i = 0; i < oss_headers.size(); ++i) {
    if (i != 0 && http::detail::iequals(oss_headers[i - 1].name, oss_headers[i].name)) {
      out.replace_back(',');
      out.put(oss_headers[i].value);
      out.put('\n');
    } else {
      out.put_header_line(oss_headers[i].name, false, oss_headers[i].value);
    }
  }

  out.put('/');
  if (!in.bucket.empty()) {
    out.put(in.bucket);
    out.put('/');
    out.put(in.key);
  }
  http::field_list<http::query_field, http::max_signed_fields + 1> resources;
  for (const http::query_field& q : in.query)
    if (v1_is_sub_resource(q.key, extra_sub_resources) &&
        !objproc::detail::contains(owned_query, q.key))
      if (!resources.try_push_back(q)) return v1_too_many();
  for (const http::query_field& q : added_query)
    if (!resources.try_push_back(q)) return v1_too_many();
  http::detail::stable_sort_in_place(resources.data(), resources.data() + resources.size(),
                                     [](const auto& a, const auto& b) { return a.key < b.key; });
  for (std::size_t i = 0; i < resources.size(); ++i) {
    out.put(i == 0 ? '?' : '&');
    out.put(resources[i].key);
    if (resources[i].value && !resources[i].value->empty()) {
      out.put('=');
      out.put(*resources[i].value);
    }
  }
  if (out.overflowed()) return http::detail::span_writer::too_small();
  return {};
}

/// base64(HMAC-SHA1): 28 characters, inline.
using v1_signature_text = fixed_string<28>;

/// The signature of `string_to_sign`, written into `out`: in place, since copying a returned
/// text read its 28 characters right after they were stored one by one (a store-forwarding
/// stall per signature).
template <class Crypto>
[[nodiscard]] result<void> v1_write_signature(std::string_view secret,
                                              std::string_view string_to_sign, const Crypto& crypto,
                                              v1_signature_text& out) {
  sha1_digest mac{};
  if (auto r = crypto.hmac_sha1(as_bytes(secret), as_bytes(string_to_sign), mac); !r)
    return r.error();
  if (auto r = encode_base64(std::span<const std::byte>(mac), std::span<char>(out.data, 28)); !r)
    return r.error();
  return {};
}

[[nodiscard]] inline result<void> v1_check(const signing_input& in, const credentials& creds) {
  if (auto r = check_credentials(creds); !r) return r;
  if (auto r = check_signing_input(in); !r) return r;
  return v1_check_query(in.query);
}
/// The same for an input read from an http::request: the request checked its method, headers
/// and query keys, not its query values (raw, encoded only in a URL) nor its bucket and key.
[[nodiscard]] inline result<void> v1_check(const request_input& in, const credentials& creds) {
  if (auto r = check_credentials(creds); !r) return r;
  if (auto r = check_signing_input(in); !r) return r;
  return v1_check_query(in.input.query);
}

/// The header form, computed: views of the scratch, inline texts and the caller's.
struct v1_header_parts {
  std::string_view string_to_sign = {};
  v1_signature_text signature = {};
  fixed_string<29> date = {};
  bool x_oss_date = true;
  std::string_view security_token = {};
  std::string_view authorization = {};
  /// x-oss-date (or Date), [x-oss-security-token], Authorization.
  [[nodiscard]] http::field_list<http::header_field, 3> headers() const noexcept {
    http::field_list<http::header_field, 3> out;
    out.push_back({x_oss_date ? "x-oss-date" : "Date", date.view()});
    if (!security_token.empty()) out.push_back({"x-oss-security-token", security_token});
    out.push_back({"Authorization", authorization});
    return out;
  }
};

/// The header form over inputs the caller has already checked (v1_check passed).
template <class Crypto>
[[nodiscard]] result<void> v1_header_checked(const signing_input& input, const credentials& creds,
                                             std::chrono::sys_seconds now, const Crypto& crypto,
                                             const v1_options& options,
                                             http::detail::span_writer& scratch,
                                             v1_header_parts& out) {
  if (auto r = objproc::detail::write_rfc1123(now, out.date); !r)
    return r.error().in_field(fields::time);

  const bool sts = !creds.security_token.empty();
  out.x_oss_date = options.date_header == v1_date_header::x_oss_date;
  out.security_token = creds.security_token;
  if (!out.x_oss_date && !v1_header(input.headers, "x-oss-date").empty())
    return error{errc::conflicting_parameters, error::no_offset,
                 "an x-oss-date header would override Date"}
        .in_field(fields::headers);
  // x-oss-date wins over Date at the server, so both are the signer's in either mode.
  const std::array<std::string_view, 3> owned = {"x-oss-date", "date", "x-oss-security-token"};
  std::array<http::header_field, 2> added{};
  std::size_t count = 0;
  if (out.x_oss_date) added[count++] = {"x-oss-date", out.date.view()};
  if (sts) added[count++] = {"x-oss-security-token", creds.security_token};

  const std::size_t at = scratch.size();
  if (auto r = v1_write_string_to_sign(
          scratch, input, out.date.view(), std::span(owned).first(sts ? 3 : 2),
          std::span(added).first(count), {}, {}, options.sub_resources);
      !r)
    return r;
  out.string_to_sign = scratch.text(at);
  if (auto r =
          v1_write_signature(creds.access_key_secret, out.string_to_sign, crypto, out.signature);
      !r)
    return r;

  const std::size_t auth_at = scratch.size();
  scratch.put("OSS ");
  scratch.put(creds.access_key_id);
  scratch.put(':');
  scratch.put(out.signature.view());
  if (scratch.overflowed()) return http::detail::span_writer::too_small();
  out.authorization = scratch.text(auth_at);
  return {};
}

template <class Crypto>
[[nodiscard]] result<void> v1_header_core(const signing_input& input, const credentials& creds,
                                          std::chrono::sys_seconds now, const Crypto& crypto,
                                          const v1_options& options,
                                          http::detail::span_writer& scratch,
                                          v1_header_parts& out) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign_v1 requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = v1_check(input, creds); !r) return r;
  return v1_header_checked(input, creds, now, crypto, options, scratch, out);
}

/// The query form, computed: the parameters to add as views.
struct v1_query_parts {
  std::string_view string_to_sign = {};
  v1_signature_text signature = {};
  /// OSSAccessKeyId, Expires, Signature, [security-token].
  http::field_list<http::query_field, 4> query = {};
};

/// The query form over inputs the caller has already checked (v1_check passed).
template <class Crypto>
[[nodiscard]] result<void> v1_query_checked(const signing_input& input, const credentials& creds,
                                            std::chrono::sys_seconds now,
                                            std::chrono::seconds expires, const Crypto& crypto,
                                            const v1_options& options,
                                            http::detail::span_writer& scratch,
                                            v1_query_parts& out) {
  if (expires < std::chrono::seconds{1})
    return error{errc::value_out_of_range, error::no_offset,
                 "presigned URLs expire at least one second later"}
        .in_field(fields::expires);
  const auto until = (now + expires).time_since_epoch().count();
  const std::size_t expires_at = scratch.size();
  if (until < 0) scratch.put('-');
  scratch.put_number(until < 0 ? 0 - static_cast<std::uint64_t>(until)
                               : static_cast<std::uint64_t>(until));
  const std::size_t expires_end = scratch.size();

  const bool sts = !creds.security_token.empty();
  const std::array<std::string_view, 4> owned = {"OSSAccessKeyId", "Expires", "Signature",
                                                 "security-token"};
  const std::array<http::query_field, 1> added = {
      http::query_field{"security-token", creds.security_token}};

  if (auto r = v1_write_string_to_sign(scratch, input, scratch.text(expires_at, expires_end), {},
                                       {}, std::span(owned).first(sts ? 4 : 3),
                                       std::span(added).first(sts ? 1 : 0), options.sub_resources);
      !r)
    return r;
  out.string_to_sign = scratch.text(expires_end);
  if (auto r =
          v1_write_signature(creds.access_key_secret, out.string_to_sign, crypto, out.signature);
      !r)
    return r;

  out.query.push_back({"OSSAccessKeyId", creds.access_key_id});
  out.query.push_back({"Expires", scratch.text(expires_at, expires_end)});
  out.query.push_back({"Signature", out.signature.view()});
  if (sts) out.query.push_back({"security-token", creds.security_token});
  return {};
}

template <class Crypto>
[[nodiscard]] result<void> v1_query_core(const signing_input& input, const credentials& creds,
                                         std::chrono::sys_seconds now, std::chrono::seconds expires,
                                         const Crypto& crypto, const v1_options& options,
                                         http::detail::span_writer& scratch, v1_query_parts& out) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign_v1 requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = v1_check(input, creds); !r) return r;
  return v1_query_checked(input, creds, now, expires, crypto, options, scratch, out);
}

}  // namespace detail

namespace detail {

// The algorithm with its intermediates (canonical request, string to sign) as owned strings:
// for tests against the vendors' vectors and for comparing with a server's
// SignatureDoesNotMatch reply. The signers (signer.hpp) run the same cores without copies.

/// Header form: Authorization "OSS <access key id>:<signature>" at time `now`.
template <class Crypto>
[[nodiscard]] result<v1_header_signature> sign_v1_header(const signing_input& input,
                                                         const credentials& creds,
                                                         std::chrono::sys_seconds now,
                                                         const Crypto& crypto,
                                                         const v1_options& options = {}) {
  return http::detail::with_scratch<2048>(
      [&](http::detail::span_writer& scratch) -> result<v1_header_signature> {
        detail::v1_header_parts parts;
        if (auto r = detail::v1_header_core(input, creds, now, crypto, options, scratch, parts); !r)
          return r.error();
        v1_header_signature out;
        out.string_to_sign.assign(parts.string_to_sign);
        out.signature.assign(parts.signature.view());
        for (const http::header_field& h : parts.headers())
          out.headers.push_back({h.name, std::string(h.value)});
        return out;
      });
}

/// Query form (presigned URL) valid until now + expires (at least one second).
template <class Crypto>
[[nodiscard]] result<v1_query_signature> sign_v1_query(
    const signing_input& input, const credentials& creds, std::chrono::sys_seconds now,
    std::chrono::seconds expires, const Crypto& crypto, const v1_options& options = {}) {
  return http::detail::with_scratch<2048>(
      [&](http::detail::span_writer& scratch) -> result<v1_query_signature> {
        detail::v1_query_parts parts;
        if (auto r =
                detail::v1_query_core(input, creds, now, expires, crypto, options, scratch, parts);
            !r)
          return r.error();
        v1_query_signature out;
        out.string_to_sign.assign(parts.string_to_sign);
        out.signature.assign(parts.signature.view());
        for (const http::query_field& q : parts.query)
          out.query.push_back({q.key, std::string(q.value.value_or(std::string_view()))});
        return out;
      });
}

}  // namespace detail

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_SIGN_V1_HPP
