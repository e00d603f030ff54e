// SPDX-License-Identifier: MIT
// objproc/oss/sign_v4.hpp - OSS V4 signatures (OSS4-HMAC-SHA256): Authorization header and
// presigned URL, as pure functions over a request view. Users sign with oss::v4_signer
// (oss/signer.hpp), which reads the view from an http::request; the intermediate-returning forms
// here (detail::sign_v4_header / sign_v4_query) are what the golden-vector tests compare:
//
//   auto s = oss::detail::sign_v4_header(input, creds, "cn-hangzhou", now, crypto::portable{});
//   auto q = oss::detail::sign_v4_query(input, creds, "cn-hangzhou", now,
//                                       std::chrono::seconds{3600}, crypto::portable{});
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
//
// Memory: the signing itself uses no heap. The canonical request is written into a scratch
// buffer (detail::v4_header_core / v4_query_core, used by oss::sign and oss::presign_to), fields
// are sorted in fixed arrays of http::max_signed_fields (beyond: errc::value_out_of_range) and a
// signing key holds its scope inline. Only the result types here own strings.
#ifndef OBJPROC_OSS_SIGN_V4_HPP
#define OBJPROC_OSS_SIGN_V4_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/algorithm.hpp"
#include "objproc/core/chrono.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/core/time.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/fields.hpp"

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

namespace detail {

/// Overwrites `bytes` in a way the optimiser keeps (secret copies and derived keys).
inline void v4_wipe(std::span<std::byte> bytes) noexcept {
  volatile std::byte* p = bytes.data();
  for (std::size_t i = 0; i < bytes.size(); ++i) p[i] = std::byte{0};
}
inline void v4_wipe(std::span<char> bytes) noexcept { v4_wipe(std::as_writable_bytes(bytes)); }

}  // namespace detail

/// A derived V4 signing key for one (secret, day, region, product): four HMACs saved per
/// request. Cache it (oss::v4_key_cache does) and check matches() before reuse. The key bytes
/// are equivalent to the secret for that day and region: treat them like one (they are wiped
/// when the key is destroyed).
class v4_signing_key {
 public:
  /// errc::missing_credentials, errc::invalid_region (a region or product not [a-z0-9-]+),
  /// errc::value_out_of_range (region and product longer than the inline scope holds, or a
  /// secret longer than max_secret_size: derivation never touches the heap).
  template <class Crypto>
  [[nodiscard]] static result<v4_signing_key> derive(const credentials& creds,
                                                     std::chrono::sys_seconds when,
                                                     std::string_view region, const Crypto& crypto,
                                                     std::string_view product = "oss");

  v4_signing_key(const v4_signing_key&) = default;
  v4_signing_key& operator=(const v4_signing_key&) = default;
  ~v4_signing_key() { detail::v4_wipe(key_); }

  /// "20231216/cn-hangzhou/oss/aliyun_v4_request".
  [[nodiscard]] std::string_view scope() const noexcept { return {scope_.data(), scope_size_}; }
  [[nodiscard]] std::string_view date() const noexcept { return scope().substr(0, 8); }
  [[nodiscard]] std::string_view region() const noexcept { return scope().substr(9, region_size_); }
  [[nodiscard]] std::string_view product() const noexcept {
    const std::size_t at = 9 + region_size_ + 1;
    return scope().substr(at, scope_size_ - at - terminator.size() - 1);
  }
  /// Whether this key signs a request at `when` for `region` and `product`.
  [[nodiscard]] bool matches(std::chrono::sys_seconds when, std::string_view region_id,
                             std::string_view product_name = "oss") const noexcept {
    // Days since the epoch, not the formatted date: an integer compare on every cache hit. A
    // time whose year derive() would refuse is on another day than any derived key.
    return day_of(when) == day_ && region_id == region() && product_name == product();
  }
  /// The key bytes (secret-equivalent).
  [[nodiscard]] const sha256_digest& bytes() const noexcept { return key_; }

  static constexpr std::string_view terminator = "aliyun_v4_request";
  /// The longest scope held inline ("yyyymmdd/<region>/<product>/aliyun_v4_request").
  static constexpr std::size_t max_scope_size = 96;
  /// The longest access key secret derive() takes ("aliyun_v4" + secret is keyed on the stack).
  static constexpr std::size_t max_secret_size = 247;

 private:
  v4_signing_key() = default;

  [[nodiscard]] static std::int64_t day_of(std::chrono::sys_seconds when) noexcept {
    return std::chrono::floor<std::chrono::days>(when).time_since_epoch().count();
  }

  sha256_digest key_{};
  std::int64_t day_ = 0;  // the scope's date, as days since 1970-01-01
  std::array<char, max_scope_size> scope_{};
  std::size_t scope_size_ = 0;
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

/// x-oss-* (any case). The first byte settles most names without a comparison.
[[nodiscard]] constexpr bool v4_is_oss_header(std::string_view name) noexcept {
  return name.size() >= 6 && (name[0] == 'x' || name[0] == 'X') &&
         http::detail::iequals_lower(name.substr(0, 6), "x-oss-");
}

/// content-type or content-md5 (any case): the length picks the one literal to compare with.
[[nodiscard]] constexpr bool v4_is_content_header(std::string_view name) noexcept {
  if (name.size() == 12) return http::detail::iequals_lower(name, "content-type");
  return name.size() == 11 && http::detail::iequals_lower(name, "content-md5");
}

[[nodiscard]] constexpr bool v4_signed_by_default(std::string_view name) noexcept {
  return v4_is_oss_header(name) || v4_is_content_header(name);
}

[[nodiscard]] constexpr error v4_too_many() noexcept {
  return error{errc::value_out_of_range, error::no_offset,
               "more headers or query parameters than a signer sorts (http::max_signed_fields)"};
}

using v4_names = http::field_list<std::string_view, http::max_signed_fields>;

/// The additional header names that count: requested, not signed anyway, present in the
/// request, sorted and deduplicated case-insensitively.
[[nodiscard]] inline result<void> v4_additional_names(std::span<const std::string_view> requested,
                                                      std::span<const http::header_field> headers,
                                                      v4_names& names) {
  if (requested.empty()) return {};  // the common case: skip building and copying the lists
  for (const std::string_view r : requested) {
    if (v4_signed_by_default(r) || http::detail::iequals(r, "authorization")) continue;
    const bool present = objproc::detail::any_element(
        headers, [&](const http::header_field& h) { return http::detail::iequals(h.name, r); });
    if (present && !names.try_push_back(r)) return v4_too_many();
  }
  std::string_view* first = names.data();
  std::string_view* last = first + names.size();
  http::detail::stable_sort_in_place(first, last, [](std::string_view a, std::string_view b) {
    return http::detail::icompare(a, b) < 0;
  });
  const std::string_view* kept = objproc::detail::unique_sorted(
      first, last,
      [](std::string_view a, std::string_view b) { return http::detail::iequals(a, b); });
  v4_names unique;
  for (const std::string_view* n = first; n != kept; ++n) unique.push_back(*n);
  names = unique;
  return {};
}

inline void v4_join_names(http::detail::span_writer& out, std::span<const std::string_view> names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) out.put(';');
    out.put_lower(names[i]);
  }
}

[[nodiscard]] inline bool v4_in(std::span<const std::string_view> names,
                                std::string_view name) noexcept {
  return objproc::detail::any_element(
      names, [&](std::string_view n) { return http::detail::iequals(n, name); });
}

/// Writes the canonical headers block (each line ending in '\n'). `owned`: the x-oss-* names
/// the signer sets itself (the input's headers of those names are left out). `added`: the
/// signer's headers, with lowercase names in sorted order.
[[nodiscard]] inline result<void> v4_write_canonical_headers(
    http::detail::span_writer& out, std::span<const http::header_field> headers,
    std::span<const std::string_view> owned, std::span<const http::header_field> added,
    std::span<const std::string_view> additional) {
  // Views of the input's signed headers, sorted by lowercase name; the signer's are merged in
  // while writing (already sorted: sorting them with the rest cost more than the rest). The
  // array is not zero-filled: each place is written before it is read. Its room is shared with
  // `added`, as when both were sorted together.
  http::detail::uninitialized_array<http::header_field, http::max_signed_fields + 3> list;
  const std::size_t room = list.size() - (added.size() < list.size() ? added.size() : list.size());
  std::size_t count = 0;
  for (const http::header_field& h : headers) {
    // Signed by default or asked for (never Authorization), unless the signer sets it itself.
    // The cheap tests first: most headers of a request are not signed, and only an x-oss-*
    // name can be one the signer owns.
    bool wanted = false;
    if (v4_is_oss_header(h.name))
      wanted = !v4_in(owned, h.name);
    else
      wanted = v4_is_content_header(h.name) ||
               (!additional.empty() && v4_in(additional, h.name) &&
                !http::detail::iequals_lower(h.name, "authorization"));
    if (!wanted) continue;
    if (count == room) return v4_too_many();
    list[count++] = {h.name, http::detail::trim_ows(h.value)};
  }
  http::detail::stable_sort_in_place(list.data(), list.data() + count,
                                     [](const http::header_field& a, const http::header_field& b) {
                                       return http::detail::icompare(a.name, b.name) < 0;
                                     });
  std::string_view previous = {};
  bool first = true;
  for (std::size_t k = 0, a = 0; k < count || a < added.size();) {
    // On equal names the input's come first (the order a stable sort of both gave).
    const bool from_input =
        a == added.size() ||
        (k < count && http::detail::icompare(list[k].name, added[a].name) <= 0);
    const http::header_field& h = from_input ? list[k++] : added[a++];
    if (!first && http::detail::iequals(previous, h.name)) {
      out.replace_back(',');  // "name:v1,v2\n"
      out.put(h.value);
      out.put('\n');
    } else {
      out.put_header_line(h.name, !from_input, h.value);  // the signer's are lowercase already
    }
    previous = h.name;
    first = false;
  }
  return {};
}

/// One encoded query parameter, as marks into the scratch text.
struct v4_query_entry {
  std::size_t key_at, key_end, value_end;  // no initialisers: a list of them is not zero-filled
};
/// The entries being sorted: not zero-filled (1.7 KB per signature), each written before read.
struct v4_query_entries {
  std::array<v4_query_entry, http::max_signed_fields + 7> items;
  std::size_t count = 0;

  [[nodiscard]] bool try_push_back(const v4_query_entry& e) noexcept {
    if (count == items.size()) return false;
    items[count++] = e;
    return true;
  }
  [[nodiscard]] std::size_t size() const noexcept { return count; }
  [[nodiscard]] v4_query_entry* data() noexcept { return items.data(); }
  [[nodiscard]] const v4_query_entry& operator[](std::size_t i) const noexcept { return items[i]; }
};

/// Encodes the input parameters not in `owned`, then `added`, into `scratch`, and sorts them.
[[nodiscard]] inline result<void> v4_encode_query(http::detail::span_writer& scratch,
                                                  std::span<const http::query_field> query,
                                                  std::span<const std::string_view> owned,
                                                  std::span<const http::query_field> added,
                                                  v4_query_entries& entries) {
  const auto push = [&](const http::query_field& q) {
    v4_query_entry e{scratch.size(), 0, 0};
    scratch.put_encoded(q.key, percent_set::component);
    e.key_end = scratch.size();
    if (q.value) scratch.put_encoded(*q.value, percent_set::component);
    e.value_end = scratch.size();
    return entries.try_push_back(e);
  };
  for (const http::query_field& q : query)
    if (!objproc::detail::contains(owned, q.key))
      if (!push(q)) return v4_too_many();
  for (const http::query_field& q : added)
    if (!push(q)) return v4_too_many();
  http::detail::stable_sort_in_place(entries.data(), entries.data() + entries.size(),
                                     [&](const v4_query_entry& a, const v4_query_entry& b) {
                                       const auto ka = scratch.text(a.key_at, a.key_end);
                                       const auto kb = scratch.text(b.key_at, b.key_end);
                                       if (ka != kb) return ka < kb;
                                       return scratch.text(a.key_end, a.value_end) <
                                              scratch.text(b.key_end, b.value_end);
                                     });
  return {};
}

/// Writes x-oss-date for `now` into `out`, from a key that matches it (checked): the key's scope
/// already holds the date, so only the time of day is formatted (no calendar conversion per
/// signature). In place, not returned: copying a returned text read its 16 bytes right after
/// they were stored one by one, a store-forwarding stall that cost as much as the formatting.
inline void v4_write_iso_date(const v4_signing_key& key, std::chrono::sys_seconds now,
                              fixed_string<16>& out) noexcept {
  // The eight date digits in one move (a byte loop here cost 40 instructions).
  std::memcpy(out.begin(), key.date().data(), 8);
  const auto secs =
      static_cast<unsigned>((now - std::chrono::floor<std::chrono::days>(now)).count());
  const unsigned parts[3] = {secs / 3600, secs / 60 % 60, secs % 60};
  out[8] = 'T';
  for (std::size_t i = 0; i < 3; ++i) {
    out[9 + 2 * i] = static_cast<char>('0' + parts[i] / 10);
    out[10 + 2 * i] = static_cast<char>('0' + parts[i] % 10);
  }
  out[15] = 'Z';
}

/// What both forms compute: the canonical request (a view of the scratch), the string to sign
/// (inline) and the signature.
struct v4_core {
  std::string_view canonical_request = {};
  // 16 + 1 + 16 + 1 + scope + 1 + 64 fits; not zero-filled: written before read.
  std::array<char, 256> string_to_sign_text;
  std::size_t string_to_sign_size = 0;
  fixed_string<64> signature = {};
  [[nodiscard]] std::string_view string_to_sign() const noexcept {
    return {string_to_sign_text.data(), string_to_sign_size};
  }
};

/// Canonical request into `scratch`, StringToSign, Signature. errc::buffer_too_small when the
/// scratch is too small (scratch.needed() then says how much it takes).
template <class Crypto>
[[nodiscard]] result<void> v4_compute(const signing_input& in, const v4_signing_key& key,
                                      std::string_view iso_date,
                                      std::span<const std::string_view> owned_headers,
                                      std::span<const http::header_field> added_headers,
                                      std::span<const std::string_view> owned_query,
                                      std::span<const http::query_field> added_query,
                                      std::span<const std::string_view> additional,
                                      http::detail::span_writer& scratch, const Crypto& crypto,
                                      v4_core& out) {
  v4_query_entries entries;
  if (auto r = v4_encode_query(scratch, in.query, owned_query, added_query, entries); !r) return r;
  const std::size_t start = scratch.size();
  // "/bucket/" + the key URI-encoded with '/' kept; "/" without a bucket.
  scratch.put_all(in.method, '\n', '/');
  if (!in.bucket.empty()) {
    scratch.put_all(in.bucket, '/');
    scratch.put_encoded(in.key, percent_set::path);
  }
  scratch.put('\n');
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i != 0) scratch.put('&');
    const std::string_view name = scratch.text(entries[i].key_at, entries[i].key_end);
    if (entries[i].value_end != entries[i].key_end)
      scratch.put_all(name, '=', scratch.text(entries[i].key_end, entries[i].value_end));
    else
      scratch.put(name);
  }
  scratch.put('\n');
  if (auto r =
          v4_write_canonical_headers(scratch, in.headers, owned_headers, added_headers, additional);
      !r)
    return r;
  scratch.put('\n');
  v4_join_names(scratch, additional);
  scratch.put_all('\n', v4_unsigned_payload);
  if (scratch.overflowed()) return http::detail::span_writer::too_small();
  out.canonical_request = scratch.text(start);

  sha256_digest digest{};
  if (auto r = crypto.sha256(as_bytes(out.canonical_request), digest); !r) return r.error();
  http::detail::span_writer sts(out.string_to_sign_text);
  sts.put_all(v4_algorithm, '\n', iso_date, '\n', key.scope(), '\n');
  sts.put_hex(digest);
  out.string_to_sign_size = sts.size();

  sha256_digest mac{};
  if (auto r = crypto.hmac_sha256(key.bytes(), as_bytes(out.string_to_sign()), mac); !r)
    return r.error();
  objproc::detail::write_hex_digest(mac, out.signature.data, hex_case::lower);
  return {};
}

/// Checks shared by both forms: credentials, input, additional header names. `Input` is a
/// signing_input, or a request_input (read from an http::request: less left to check).
template <class Input>
[[nodiscard]] result<void> v4_check(const Input& in, const credentials& creds,
                                    const v4_options& options) {
  if (auto r = check_credentials(creds); !r) return r;
  if (auto r = check_signing_input(in); !r) return r;
  for (const std::string_view name : options.additional_headers)
    if (auto r = http::detail::check_header_name(name); !r)
      return r.error().in_field(fields::additional_headers);
  return {};
}

/// The header form, computed: the core, and the headers' values as views (Authorization in the
/// scratch, the date inline, the rest the caller's).
struct v4_header_parts {
  // Not value-initialised: the core's text buffer is written before it is read.
  v4_core core;
  fixed_string<16> date = {};  // x-oss-date: 20231216T080000Z
  std::string_view authorization = {};
  std::string_view security_token = {};  // empty: none
  /// x-oss-date, x-oss-content-sha256, [x-oss-security-token], Authorization.
  [[nodiscard]] http::field_list<http::header_field, 4> headers() const noexcept {
    http::field_list<http::header_field, 4> out;
    out.push_back({"x-oss-date", date.view()});
    out.push_back({"x-oss-content-sha256", v4_unsigned_payload});
    if (!security_token.empty()) out.push_back({"x-oss-security-token", security_token});
    out.push_back({"Authorization", authorization});
    return out;
  }
};

[[nodiscard]] inline result<void> v4_check_key(const v4_signing_key& key,
                                               std::chrono::sys_seconds now,
                                               const v4_options& options) noexcept {
  if (!key.matches(now, key.region(), options.product))
    return error{errc::signing_key_mismatch, error::no_offset,
                 "the signing key is for another day or product"}
        .in_field(fields::signing_key);
  return {};
}

/// The header form over inputs the caller has already checked: v4_check(input, creds, options)
/// passed and `key` matches `now` and options.product (oss::sign checks once, then calls this,
/// so a signature never validates the same input twice).
template <class Crypto>
[[nodiscard]] result<void> v4_header_checked(const signing_input& input, const credentials& creds,
                                             const v4_signing_key& key,
                                             std::chrono::sys_seconds now, const Crypto& crypto,
                                             const v4_options& options,
                                             http::detail::span_writer& scratch,
                                             v4_header_parts& out) {
  v4_write_iso_date(key, now, out.date);

  const bool sts = !creds.security_token.empty();
  out.security_token = creds.security_token;
  const std::array<std::string_view, 3> owned = {"x-oss-date", "x-oss-content-sha256",
                                                 "x-oss-security-token"};
  // In sorted order (v4_write_canonical_headers merges them): the token, optional, last.
  const std::array<http::header_field, 3> added = {
      http::header_field{"x-oss-content-sha256", v4_unsigned_payload},
      http::header_field{"x-oss-date", out.date.view()},
      http::header_field{"x-oss-security-token", creds.security_token}};
  v4_names additional;
  if (auto r = v4_additional_names(options.additional_headers, input.headers, additional); !r)
    return r;

  if (auto r = v4_compute(input, key, out.date.view(), std::span(owned).first(sts ? 3 : 2),
                          std::span(added).first(sts ? 3 : 2), {}, {}, additional.span(), scratch,
                          crypto, out.core);
      !r)
    return r;

  const std::size_t at = scratch.size();
  scratch.put_all(v4_algorithm, std::string_view(" Credential="), creds.access_key_id, '/',
                  key.scope());
  if (!additional.empty()) {
    scratch.put(",AdditionalHeaders=");
    v4_join_names(scratch, additional.span());
  }
  scratch.put_all(std::string_view(",Signature="), out.core.signature.view());
  if (scratch.overflowed()) return http::detail::span_writer::too_small();
  out.authorization = scratch.text(at);
  return {};
}

template <class Crypto>
[[nodiscard]] result<void> v4_header_core(const signing_input& input, const credentials& creds,
                                          const v4_signing_key& key, std::chrono::sys_seconds now,
                                          const Crypto& crypto, const v4_options& options,
                                          http::detail::span_writer& scratch,
                                          v4_header_parts& out) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign_v4 requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = v4_check(input, creds, options); !r) return r;
  if (auto r = v4_check_key(key, now, options); !r) return r;
  return v4_header_checked(input, creds, key, now, crypto, options, scratch, out);
}

/// The query form, computed: the parameters to add as views (into the scratch, inline, or the
/// caller's), x-oss-signature last.
struct v4_query_parts {
  // Not value-initialised: the core's text buffer is written before it is read.
  v4_core core;
  fixed_string<16> date = {};
  http::field_list<http::query_field, 7> query = {};
};

/// The query form over checked inputs (as v4_header_checked); `expires` is checked here.
template <class Crypto>
[[nodiscard]] result<void> v4_query_checked(const signing_input& input, const credentials& creds,
                                            const v4_signing_key& key, std::chrono::sys_seconds now,
                                            std::chrono::seconds expires, const Crypto& crypto,
                                            const v4_options& options,
                                            http::detail::span_writer& scratch,
                                            v4_query_parts& out) {
  if (expires < std::chrono::seconds{1} || expires > v4_max_expiry)
    return error{errc::value_out_of_range, error::no_offset,
                 "presigned URLs expire in 1 to 604800 seconds"}
        .in_field(fields::expires);
  v4_write_iso_date(key, now, out.date);

  const bool sts = !creds.security_token.empty();
  v4_names additional;
  if (auto r = v4_additional_names(options.additional_headers, input.headers, additional); !r)
    return r;
  const std::size_t credential_at = scratch.size();
  scratch.put(creds.access_key_id);
  scratch.put('/');
  scratch.put(key.scope());
  const std::size_t additional_at = scratch.size();
  v4_join_names(scratch, additional.span());
  const std::size_t expires_at = scratch.size();
  scratch.put_number(static_cast<std::uint64_t>(expires.count()));
  const std::size_t end = scratch.size();
  const std::string_view credential = scratch.text(credential_at, additional_at);
  const std::string_view additional_text = scratch.text(additional_at, expires_at);
  const std::string_view expires_text = scratch.text(expires_at, end);

  // Sorted, as the vectors list them; x-oss-signature comes last, unsigned.
  http::field_list<http::query_field, 7>& added = out.query;
  if (!additional.empty()) added.push_back({"x-oss-additional-headers", additional_text});
  added.push_back({"x-oss-credential", credential});
  added.push_back({"x-oss-date", out.date.view()});
  added.push_back({"x-oss-expires", expires_text});
  added.push_back({"x-oss-signature-version", v4_algorithm});
  if (sts) added.push_back({"x-oss-security-token", creds.security_token});
  const std::array<std::string_view, 7> owned = {
      "x-oss-additional-headers", "x-oss-credential", "x-oss-date",          "x-oss-expires",
      "x-oss-signature-version",  "x-oss-signature",  "x-oss-security-token"};

  if (auto r = v4_compute(input, key, out.date.view(), {}, {}, std::span(owned).first(sts ? 7 : 6),
                          added.span(), additional.span(), scratch, crypto, out.core);
      !r)
    return r;
  added.push_back({"x-oss-signature", out.core.signature.view()});
  return {};
}

template <class Crypto>
[[nodiscard]] result<void> v4_query_core(const signing_input& input, const credentials& creds,
                                         const v4_signing_key& key, std::chrono::sys_seconds now,
                                         std::chrono::seconds expires, const Crypto& crypto,
                                         const v4_options& options,
                                         http::detail::span_writer& scratch, v4_query_parts& out) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign_v4 requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (auto r = v4_check(input, creds, options); !r) return r;
  if (expires < std::chrono::seconds{1} || expires > v4_max_expiry)
    return error{errc::value_out_of_range, error::no_offset,
                 "presigned URLs expire in 1 to 604800 seconds"}
        .in_field(fields::expires);
  if (auto r = v4_check_key(key, now, options); !r) return r;
  return v4_query_checked(input, creds, key, now, expires, crypto, options, scratch, out);
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
  if (auto r = detail::check_scope_part(region, "regions are non-empty [a-z0-9-]", fields::region);
      !r)
    return r.error();
  if (auto r =
          detail::check_scope_part(product, "products are non-empty [a-z0-9-]", fields::product);
      !r)
    return r.error();
  if (8 + region.size() + product.size() + terminator.size() + 3 > max_scope_size)
    return error{errc::value_out_of_range, error::no_offset, "region and product too long"}
        .in_field(fields::region);
  if (creds.access_key_secret.size() > max_secret_size)
    return error{errc::value_out_of_range, error::no_offset, "access key secret too long"}.in_field(
        fields::access_key_secret);
  auto day = format_yyyymmdd(when);
  if (!day) return day.error().in_field(fields::time);

  v4_signing_key key;
  key.day_ = day_of(when);
  key.region_size_ = region.size();
  http::detail::span_writer scope(key.scope_);
  scope.put(day->view());
  scope.put('/');
  scope.put(region);
  scope.put('/');
  scope.put(product);
  scope.put('/');
  scope.put(terminator);
  key.scope_size_ = scope.size();

  // k1 = HMAC("aliyun_v4" + secret, day): the prefixed secret on the stack, wiped after use.
  constexpr std::string_view prefix = "aliyun_v4";
  std::array<char, prefix.size() + max_secret_size> stack{};
  const std::span<char> prefixed(stack.data(), prefix.size() + creds.access_key_secret.size());
  objproc::detail::copy_text(creds.access_key_secret,
                             objproc::detail::copy_text(prefix, prefixed.data()));
  sha256_digest k{};
  auto r = crypto.hmac_sha256(std::as_bytes(prefixed), as_bytes(day->view()), k);
  detail::v4_wipe(prefixed);
  if (!r) return r.error();
  for (const std::string_view part : {region, product, terminator}) {
    sha256_digest next{};
    if (auto step = crypto.hmac_sha256(k, as_bytes(part), next); !step) {
      detail::v4_wipe(k);
      return step.error();
    }
    k = next;
    detail::v4_wipe(next);
  }
  key.key_ = k;
  detail::v4_wipe(k);
  return key;
}

namespace detail {

// The algorithm with its intermediates (canonical request, string to sign) as owned strings:
// for tests against the vendors' vectors and for comparing with a server's
// SignatureDoesNotMatch reply. The signers (signer.hpp) run the same cores without copies.

/// Header form with a cached signing key (its day, region and product must match).
template <class Crypto>
[[nodiscard]] result<v4_header_signature> sign_v4_header(
    const signing_input& input, const credentials& creds, const v4_signing_key& key,
    std::chrono::sys_seconds now, const Crypto& crypto, const v4_options& options = {}) {
  return http::detail::with_scratch<2048>(
      [&](http::detail::span_writer& scratch) -> result<v4_header_signature> {
        detail::v4_header_parts parts;
        if (auto r =
                detail::v4_header_core(input, creds, key, now, crypto, options, scratch, parts);
            !r)
          return r.error();
        v4_header_signature out;
        out.canonical_request.assign(parts.core.canonical_request);
        out.string_to_sign.assign(parts.core.string_to_sign());
        out.signature = parts.core.signature;
        for (const http::header_field& h : parts.headers())
          out.headers.push_back({h.name, std::string(h.value)});
        return out;
      });
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
  return http::detail::with_scratch<2048>(
      [&](http::detail::span_writer& scratch) -> result<v4_query_signature> {
        detail::v4_query_parts parts;
        if (auto r = detail::v4_query_core(input, creds, key, now, expires, crypto, options,
                                           scratch, parts);
            !r)
          return r.error();
        v4_query_signature out;
        out.canonical_request.assign(parts.core.canonical_request);
        out.string_to_sign.assign(parts.core.string_to_sign());
        out.signature = parts.core.signature;
        for (const http::query_field& q : parts.query)
          out.query.push_back({q.key, std::string(q.value.value_or(std::string_view()))});
        return out;
      });
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

}  // namespace detail

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_SIGN_V4_HPP
