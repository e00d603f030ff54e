// objproc/oss/sign_v4.hpp - OSS V4 signatures (OSS4-HMAC-SHA256): Authorization header and
// presigned URL, as pure functions over a request view.
//
//   auto s = oss::sign_v4_header(input, creds, "cn-hangzhou", now, crypto::portable{});
//   for (const http::added_header& h : s->headers) request.set(h.name, h.value);
//   auto q = oss::sign_v4_query(input, creds, "cn-hangzhou", now, std::chrono::seconds{3600},
//                               crypto::portable{});   // q->query: the x-oss-* fields to add
//
// The algorithm (docs, and the Go/Python/C++ v2 SDKs):
//   CanonicalRequest = METHOD \n URI-encode("/bucket/key", '/' kept) \n CanonicalQuery \n
//                      CanonicalHeaders \n AdditionalHeaders \n UNSIGNED-PAYLOAD
//     CanonicalQuery: every parameter, key and value RFC 3986-encoded, sorted by encoded key,
//       "k=v" or "k" when the value is absent or empty, joined by '&'.
//     CanonicalHeaders: content-type, content-md5, every x-oss-* and the additional headers,
//       lowercase name, trimmed value, sorted, "name:value\n" each (repeats joined by ',').
//     AdditionalHeaders: the requested extra names, lowercased, deduplicated, sorted, ';'-joined,
//       without names signed anyway or absent from the request.
//   Scope = yyyymmdd/region/product/aliyun_v4_request (product "oss"; "oss-cloudbox")
//   StringToSign = "OSS4-HMAC-SHA256\n" x-oss-date "\n" Scope "\n" hex(SHA256(CanonicalRequest))
//   SigningKey = HMAC(HMAC(HMAC(HMAC("aliyun_v4" secret, yyyymmdd), region), product),
//                     "aliyun_v4_request");  Signature = hex(HMAC(SigningKey, StringToSign))
// Header form: the signer sets x-oss-date, x-oss-content-sha256: UNSIGNED-PAYLOAD, the STS
// token and Authorization; headers of those names in the input are ignored (they are replaced).
// Query form: x-oss-signature-version, x-oss-date, x-oss-expires (1..604800 s),
// x-oss-credential, x-oss-additional-headers and x-oss-security-token are signed, then
// x-oss-signature is added; same-named parameters in the input are ignored (replaced).
// Query values returned are raw: the URL builder percent-encodes them.
#ifndef OBJPROC_OSS_SIGN_V4_HPP
#define OBJPROC_OSS_SIGN_V4_HPP

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/core/time.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/oss/credentials.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

struct v4_options {
  /// Header names signed besides content-type, content-md5 and x-oss-* (any case).
  std::span<const std::string_view> additional_headers = {};
  /// "oss", or "oss-cloudbox" (the region is then the CloudBox id). Fixed by a v4_signing_key.
  std::string_view product = "oss";
};

/// The longest presigned URL lifetime OSS accepts: seven days.
inline constexpr std::chrono::seconds v4_max_expiry{604800};

/// A derived V4 signing key for one (secret, day, region, product): four HMACs saved per
/// request. Cache it keyed by the access key and check matches() before reuse. The key bytes
/// are equivalent to the secret for that day and region: treat them like one.
class v4_signing_key {
 public:
  template <class Crypto>
  [[nodiscard]] static result<v4_signing_key> derive(const credentials& creds,
                                                     std::chrono::sys_seconds when,
                                                     std::string_view region, const Crypto& crypto,
                                                     std::string_view product = "oss");

  /// "20231216/cn-hangzhou/oss/aliyun_v4_request".
  [[nodiscard]] std::string_view scope() const noexcept { return scope_; }
  [[nodiscard]] std::string_view date() const noexcept { return scope().substr(0, 8); }
  [[nodiscard]] std::string_view region() const noexcept { return scope().substr(9, region_size_); }
  [[nodiscard]] std::string_view product() const noexcept {
    const std::size_t at = 9 + region_size_ + 1;
    return scope().substr(at, scope_.size() - at - terminator.size() - 1);
  }
  /// Whether this key signs a request at `when` for `region` and `product`.
  [[nodiscard]] bool matches(std::chrono::sys_seconds when, std::string_view region_id,
                             std::string_view product_name = "oss") const noexcept {
    auto day = format_yyyymmdd(when);
    return day && day->view() == date() && region_id == region() && product_name == product();
  }
  /// The key bytes (secret-equivalent).
  [[nodiscard]] const sha256_digest& bytes() const noexcept { return key_; }

  static constexpr std::string_view terminator = "aliyun_v4_request";

 private:
  v4_signing_key() = default;

  sha256_digest key_{};
  std::string scope_;
  std::size_t region_size_ = 0;
};

/// Header form: the headers to set and the intermediates (never the secret or the key).
struct v4_header_signature {
  std::string canonical_request;
  std::string string_to_sign;
  fixed_string<64> signature;  // lowercase hex
  /// x-oss-date, x-oss-content-sha256, x-oss-security-token (STS only), Authorization.
  http::field_list<http::added_header, 4> headers;
};

/// Query form (presigned URL): the parameters to add, raw, and the intermediates.
struct v4_query_signature {
  std::string canonical_request;
  std::string string_to_sign;
  fixed_string<64> signature;  // lowercase hex
  /// [x-oss-additional-headers], x-oss-credential, x-oss-date, x-oss-expires,
  /// x-oss-signature-version, [x-oss-security-token], x-oss-signature.
  http::field_list<http::added_query_field, 7> query;
};

namespace detail {

inline constexpr std::string_view v4_algorithm = "OSS4-HMAC-SHA256";
inline constexpr std::string_view v4_unsigned_payload = "UNSIGNED-PAYLOAD";

[[nodiscard]] constexpr bool v4_signed_by_default(std::string_view name) noexcept {
  return http::detail::iequals(name, "content-type") ||
         http::detail::iequals(name, "content-md5") || http::detail::istarts_with(name, "x-oss-");
}

/// The additional header names that count: requested, not signed anyway, present in the
/// request (ignoring `owned`), sorted and deduplicated case-insensitively.
[[nodiscard]] inline std::vector<std::string_view> v4_additional_names(
    std::span<const std::string_view> requested, std::span<const http::header_field> headers) {
  std::vector<std::string_view> names;
  for (const std::string_view r : requested) {
    if (v4_signed_by_default(r) || http::detail::iequals(r, "authorization")) continue;
    const bool present = std::any_of(headers.begin(), headers.end(), [&](const auto& h) {
      return http::detail::iequals(h.name, r);
    });
    if (present) names.push_back(r);
  }
  std::sort(names.begin(), names.end(), [](std::string_view a, std::string_view b) {
    return http::detail::icompare(a, b) < 0;
  });
  names.erase(std::unique(names.begin(), names.end(),
                          [](std::string_view a, std::string_view b) {
                            return http::detail::iequals(a, b);
                          }),
              names.end());
  return names;
}

inline void v4_join_names(std::string& out, std::span<const std::string_view> names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) out += ';';
    http::detail::append_lower(out, names[i]);
  }
}

[[nodiscard]] inline bool v4_in(std::span<const std::string_view> names,
                                std::string_view name) noexcept {
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view n) { return http::detail::iequals(n, name); });
}

/// Appends the canonical headers block (each line ending in '\n').
inline void v4_append_canonical_headers(std::string& out,
                                        std::span<const http::header_field> headers,
                                        std::span<const std::string_view> owned,
                                        std::span<const http::header_field> added,
                                        std::span<const std::string_view> additional) {
  std::vector<http::header_field> list;
  list.reserve(headers.size() + added.size());
  for (const http::header_field& h : headers) {
    if (v4_in(owned, h.name) || http::detail::iequals(h.name, "authorization")) continue;
    if (v4_signed_by_default(h.name) || v4_in(additional, h.name))
      list.push_back({h.name, http::detail::trim_ows(h.value)});
  }
  list.insert(list.end(), added.begin(), added.end());
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return http::detail::icompare(a.name, b.name) < 0;
  });
  for (std::size_t i = 0; i < list.size(); ++i) {
    const bool repeat = i != 0 && http::detail::iequals(list[i - 1].name, list[i].name);
    if (repeat) {
      out.back() = ',';  // "name:v1,v2\n"
    } else {
      http::detail::append_lower(out, list[i].name);
      out += ':';
    }
    out += list[i].value;
    out += '\n';
  }
}

/// Appends the canonical query: input parameters not in `owned`, then `added`, encoded and sorted.
inline void v4_append_canonical_query(std::string& out, std::span<const http::query_field> query,
                                      std::span<const std::string_view> owned,
                                      std::span<const http::query_field> added) {
  struct entry {
    std::size_t key_at, key_size, value_at, value_size;
  };
  std::string buffer;
  std::vector<entry> entries;
  entries.reserve(query.size() + added.size());
  const auto push = [&](const http::query_field& q) {
    entry e{buffer.size(), 0, 0, 0};
    append_percent_encoded(buffer, q.key, percent_set::component);
    e.key_size = buffer.size() - e.key_at;
    e.value_at = buffer.size();
    if (q.value) append_percent_encoded(buffer, *q.value, percent_set::component);
    e.value_size = buffer.size() - e.value_at;
    entries.push_back(e);
  };
  for (const http::query_field& q : query)
    if (std::find(owned.begin(), owned.end(), q.key) == owned.end()) push(q);
  for (const http::query_field& q : added) push(q);
  const std::string_view text = buffer;
  std::stable_sort(entries.begin(), entries.end(), [&](const entry& a, const entry& b) {
    const auto ka = text.substr(a.key_at, a.key_size), kb = text.substr(b.key_at, b.key_size);
    if (ka != kb) return ka < kb;
    return text.substr(a.value_at, a.value_size) < text.substr(b.value_at, b.value_size);
  });
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i != 0) out += '&';
    out += text.substr(entries[i].key_at, entries[i].key_size);
    if (entries[i].value_size != 0) {
      out += '=';
      out += text.substr(entries[i].value_at, entries[i].value_size);
    }
  }
}

/// "/bucket/" + the key URI-encoded with '/' kept; "/" without a bucket.
inline void v4_append_canonical_uri(std::string& out, const signing_input& in) {
  out += '/';
  if (in.bucket.empty()) return;
  out += in.bucket;
  out += '/';
  append_percent_encoded(out, in.key, percent_set::path);
}

[[nodiscard]] inline std::string v4_canonical_request(
    const signing_input& in, std::span<const std::string_view> owned_headers,
    std::span<const http::header_field> added_headers,
    std::span<const std::string_view> owned_query, std::span<const http::query_field> added_query,
    std::span<const std::string_view> additional) {
  std::string out;
  out.reserve(256);
  out += in.method;
  out += '\n';
  v4_append_canonical_uri(out, in);
  out += '\n';
  v4_append_canonical_query(out, in.query, owned_query, added_query);
  out += '\n';
  v4_append_canonical_headers(out, in.headers, owned_headers, added_headers, additional);
  out += '\n';
  v4_join_names(out, additional);
  out += '\n';
  out += v4_unsigned_payload;
  return out;
}

/// StringToSign from the canonical request.
template <class Crypto>
[[nodiscard]] result<std::string> v4_string_to_sign(std::string_view canonical_request,
                                                    std::string_view iso_date,
                                                    std::string_view scope, const Crypto& crypto) {
  sha256_digest digest{};
  if (auto r = crypto.sha256(as_bytes(canonical_request), digest); !r) return r.error();
  std::string out;
  out.reserve(v4_algorithm.size() + iso_date.size() + scope.size() + 3 + 64);
  out += v4_algorithm;
  out += '\n';
  out += iso_date;
  out += '\n';
  out += scope;
  out += '\n';
  out += hex_digest(digest).view();
  return out;
}

template <class Crypto>
[[nodiscard]] result<fixed_string<64>> v4_signature(const v4_signing_key& key,
                                                    std::string_view string_to_sign,
                                                    const Crypto& crypto) {
  sha256_digest mac{};
  if (auto r = crypto.hmac_sha256(key.bytes(), as_bytes(string_to_sign), mac); !r) return r.error();
  return hex_digest(mac);
}

/// Checks shared by both forms: credentials, input, additional header names.
[[nodiscard]] inline result<void> v4_check(const signing_input& in, const credentials& creds,
                                           const v4_options& options) {
  if (auto r = check_credentials(creds); !r) return r;
  if (auto r = check_signing_input(in); !r) return r;
  for (const std::string_view name : options.additional_headers)
    if (auto r = http::detail::check_header_name(name); !r) return r;
  return {};
}

/// Overwrites `bytes` in a way the optimiser keeps (the secret copy of derive()).
inline void v4_wipe(std::span<char> bytes) noexcept {
  volatile char* p = bytes.data();
  for (std::size_t i = 0; i < bytes.size(); ++i) p[i] = 0;
}

}  // namespace detail

template <class Crypto>
result<v4_signing_key> v4_signing_key::derive(const credentials& creds,
                                              std::chrono::sys_seconds when,
                                              std::string_view region, const Crypto& crypto,
                                              std::string_view product) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::v4_signing_key requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = detail::check_credentials(creds); !r) return r.error();
  if (auto r = detail::check_scope_part(region, "regions are non-empty [a-z0-9-]"); !r)
    return r.error();
  if (auto r = detail::check_scope_part(product, "products are non-empty [a-z0-9-]"); !r)
    return r.error();
  auto day = format_yyyymmdd(when);
  if (!day) return day.error();

  v4_signing_key key;
  key.region_size_ = region.size();
  key.scope_.reserve(8 + region.size() + product.size() + terminator.size() + 3);
  key.scope_ += day->view();
  key.scope_ += '/';
  key.scope_ += region;
  key.scope_ += '/';
  key.scope_ += product;
  key.scope_ += '/';
  key.scope_ += terminator;

  // k1 = HMAC("aliyun_v4" + secret, day): the prefixed secret, on the stack when it fits.
  constexpr std::string_view prefix = "aliyun_v4";
  std::array<char, 128> stack{};
  std::string heap;
  std::span<char> prefixed;
  const std::size_t n = prefix.size() + creds.access_key_secret.size();
  if (n <= stack.size()) {
    prefixed = std::span<char>(stack.data(), n);
  } else {
    heap.resize(n);
    prefixed = std::span<char>(heap);
  }
  std::copy(prefix.begin(), prefix.end(), prefixed.begin());
  std::copy(creds.access_key_secret.begin(), creds.access_key_secret.end(),
            prefixed.begin() + static_cast<std::ptrdiff_t>(prefix.size()));
  sha256_digest k{};
  auto r = crypto.hmac_sha256(std::as_bytes(prefixed), as_bytes(day->view()), k);
  detail::v4_wipe(prefixed);
  if (!r) return r.error();
  for (const std::string_view part : {region, product, terminator}) {
    sha256_digest next{};
    if (auto step = crypto.hmac_sha256(k, as_bytes(part), next); !step) return step.error();
    k = next;
  }
  key.key_ = k;
  return key;
}

/// Header form with a cached signing key (its day, region and product must match).
template <class Crypto>
[[nodiscard]] result<v4_header_signature> sign_v4_header(
    const signing_input& input, const credentials& creds, const v4_signing_key& key,
    std::chrono::sys_seconds now, const Crypto& crypto, const v4_options& options = {}) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign_v4 requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = detail::v4_check(input, creds, options); !r) return r.error();
  if (!key.matches(now, key.region(), options.product))
    return error{errc::signing_key_mismatch, error::no_offset,
                 "the signing key is for another day or product"};
  auto iso = format_iso8601_basic(now);
  if (!iso) return iso.error();

  const bool sts = !creds.security_token.empty();
  const std::array<std::string_view, 3> owned = {"x-oss-date", "x-oss-content-sha256",
                                                 "x-oss-security-token"};
  const std::array<http::header_field, 3> added = {
      http::header_field{"x-oss-date", iso->view()},
      http::header_field{"x-oss-content-sha256", detail::v4_unsigned_payload},
      http::header_field{"x-oss-security-token", creds.security_token}};
  const auto additional = detail::v4_additional_names(options.additional_headers, input.headers);

  v4_header_signature out;
  out.canonical_request =
      detail::v4_canonical_request(input, std::span(owned).first(sts ? 3 : 2),
                                   std::span(added).first(sts ? 3 : 2), {}, {}, additional);
  auto sts_text =
      detail::v4_string_to_sign(out.canonical_request, iso->view(), key.scope(), crypto);
  if (!sts_text) return sts_text.error();
  out.string_to_sign = std::move(*sts_text);
  auto signature = detail::v4_signature(key, out.string_to_sign, crypto);
  if (!signature) return signature.error();
  out.signature = *signature;

  std::string authorization;
  authorization.reserve(64 + creds.access_key_id.size() + key.scope().size() + 96);
  authorization += detail::v4_algorithm;
  authorization += " Credential=";
  authorization += creds.access_key_id;
  authorization += '/';
  authorization += key.scope();
  if (!additional.empty()) {
    authorization += ",AdditionalHeaders=";
    detail::v4_join_names(authorization, additional);
  }
  authorization += ",Signature=";
  authorization += out.signature.view();

  out.headers.push_back({"x-oss-date", std::string(iso->view())});
  out.headers.push_back({"x-oss-content-sha256", std::string(detail::v4_unsigned_payload)});
  if (sts) out.headers.push_back({"x-oss-security-token", std::string(creds.security_token)});
  out.headers.push_back({"Authorization", std::move(authorization)});
  return out;
}

/// Header form: derives the signing key for `region` (and options.product), then signs.
template <class Crypto>
[[nodiscard]] result<v4_header_signature> sign_v4_header(
    const signing_input& input, const credentials& creds, std::string_view region,
    std::chrono::sys_seconds now, const Crypto& crypto, const v4_options& options = {}) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign_v4 requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = detail::v4_check(input, creds, options); !r) return r.error();
  auto key = v4_signing_key::derive(creds, now, region, crypto, options.product);
  if (!key) return key.error();
  return sign_v4_header(input, creds, *key, now, crypto, options);
}

/// Query form (presigned URL) with a cached signing key; `expires` is 1..604800 seconds.
template <class Crypto>
[[nodiscard]] result<v4_query_signature> sign_v4_query(
    const signing_input& input, const credentials& creds, const v4_signing_key& key,
    std::chrono::sys_seconds now, std::chrono::seconds expires, const Crypto& crypto,
    const v4_options& options = {}) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign_v4 requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = detail::v4_check(input, creds, options); !r) return r.error();
  if (expires < std::chrono::seconds{1} || expires > v4_max_expiry)
    return error{errc::value_out_of_range, error::no_offset,
                 "presigned URLs expire in 1 to 604800 seconds"};
  if (!key.matches(now, key.region(), options.product))
    return error{errc::signing_key_mismatch, error::no_offset,
                 "the signing key is for another day or product"};
  auto iso = format_iso8601_basic(now);
  if (!iso) return iso.error();

  const bool sts = !creds.security_token.empty();
  const auto additional = detail::v4_additional_names(options.additional_headers, input.headers);
  std::string credential;
  credential.reserve(creds.access_key_id.size() + 1 + key.scope().size());
  credential += creds.access_key_id;
  credential += '/';
  credential += key.scope();
  std::string additional_text;
  detail::v4_join_names(additional_text, additional);
  const std::string expires_text = std::to_string(expires.count());

  // Sorted, as the vectors list them; x-oss-signature comes last, unsigned.
  std::array<http::query_field, 6> added{};
  std::size_t count = 0;
  if (!additional.empty()) added[count++] = {"x-oss-additional-headers", additional_text};
  added[count++] = {"x-oss-credential", credential};
  added[count++] = {"x-oss-date", iso->view()};
  added[count++] = {"x-oss-expires", expires_text};
  added[count++] = {"x-oss-signature-version", detail::v4_algorithm};
  if (sts) added[count++] = {"x-oss-security-token", creds.security_token};
  const std::array<std::string_view, 7> owned = {
      "x-oss-additional-headers", "x-oss-credential", "x-oss-date",          "x-oss-expires",
      "x-oss-signature-version",  "x-oss-signature",  "x-oss-security-token"};

  v4_query_signature out;
  out.canonical_request =
      detail::v4_canonical_request(input, {}, {}, std::span(owned).first(sts ? 7 : 6),
                                   std::span(added).first(count), additional);
  auto sts_text =
      detail::v4_string_to_sign(out.canonical_request, iso->view(), key.scope(), crypto);
  if (!sts_text) return sts_text.error();
  out.string_to_sign = std::move(*sts_text);
  auto signature = detail::v4_signature(key, out.string_to_sign, crypto);
  if (!signature) return signature.error();
  out.signature = *signature;

  if (!additional.empty())
    out.query.push_back({"x-oss-additional-headers", std::move(additional_text)});
  out.query.push_back({"x-oss-credential", std::move(credential)});
  out.query.push_back({"x-oss-date", std::string(iso->view())});
  out.query.push_back({"x-oss-expires", expires_text});
  out.query.push_back({"x-oss-signature-version", std::string(detail::v4_algorithm)});
  if (sts) out.query.push_back({"x-oss-security-token", std::string(creds.security_token)});
  out.query.push_back({"x-oss-signature", std::string(out.signature.view())});
  return out;
}

/// Query form (presigned URL): derives the signing key, then signs.
template <class Crypto>
[[nodiscard]] result<v4_query_signature> sign_v4_query(
    const signing_input& input, const credentials& creds, std::string_view region,
    std::chrono::sys_seconds now, std::chrono::seconds expires, const Crypto& crypto,
    const v4_options& options = {}) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign_v4 requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = detail::v4_check(input, creds, options); !r) return r.error();
  auto key = v4_signing_key::derive(creds, now, region, crypto, options.product);
  if (!key) return key.error();
  return sign_v4_query(input, creds, *key, now, expires, crypto, options);
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_SIGN_V4_HPP
