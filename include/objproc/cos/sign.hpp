// SPDX-License-Identifier: MIT
// objproc/cos/sign.hpp - the COS XML API request signature ("q-sign", sha1), header and query
// forms, as a pure function over a plain view of the request. Users sign with cos::signer
// (cos/signer.hpp), which reads the view from an http::request; the intermediate-returning form
// here is what the golden-vector tests compare:
//
//   const http::header_field headers[] = {{"Host", host}, {"Pic-Operations", json}};
//   const http::query_field query[] = {{"image_process", std::nullopt}};
//   auto s = cos::detail::sign(
//       {.method = "POST", .key = "dir/a.jpg", .query = query, .headers = headers}, creds, start,
//       std::chrono::seconds(600), crypto::portable{});
//   // s->authorization: q-sign-algorithm=sha1&q-ak=...&q-sign-time=...&...&q-signature=...
//
// Algorithm (docs/reference/cos.md §2.1, doc 436/7778; identical in the four official SDKs):
//   KeyTime       = "<start>;<start + expires>"                  (also q-sign-time)
//   SignKey       = hex(HMAC-SHA1(SecretKey, KeyTime))
//   HttpString    = lower(method) \n "/" key \n HttpParameters \n HttpHeaders \n
//   StringToSign  = "sha1" \n KeyTime \n hex(SHA1(HttpString)) \n
//   Signature     = hex(HMAC-SHA1(SignKey as its 40 hex characters, StringToSign))
// HttpParameters / HttpHeaders: each name becomes lower(UrlEncode(name)) (the hex digits of an
// escape included: "imagemogr2%2fthumbnail%2f%2150p"), each value UrlEncode(value) with
// uppercase hex and its case kept (a bare key signs as "key="); sorted bytewise by the encoded
// name and joined "k=v&k=v"; the list fields (q-header-list, q-url-param-list) are the sorted
// encoded names joined by ';'. UrlEncode keeps only A-Z a-z 0-9 - _ . ~ (space is %20). The path
// is the object key decoded, after one '/' ("/exampleobject(腾讯云)"; "" signs the bucket, "/").
//
// Which headers are signed: host, pic-operations, content-*, x-cos-*, expires and cache-control
// (any case), plus the names in sign_options::additional_headers; the others (Date,
// User-Agent, ...) are sent unsigned, as the SDKs do (the Python, C++ and Go SDKs all sign
// Expires and Cache-Control when present). Every query parameter is signed (?image_process is one).
//
// Session token: with credentials::session_token set, the header form signs it as the
// x-cos-security-token header (as the Python, C++ and Go SDKs do) and returns that header after
// Authorization in `headers` unless the request already carries it. The query form (presigned
// URL) returns the q-* fields to add to the URL, then x-cos-security-token unsigned (as the Node
// SDK does) unless the request carries the token as a query parameter or header already. Query
// values are raw: the URL builder percent-encodes every key and value once, so the
// q-url-param-list value is encoded a second time (imagemogr2%252f...), as the SDKs send it.
//
// Validation, before any hashing: empty secret id or key (errc::missing_credentials); a control
// character in the secret id, the token or a header value, or whitespace around a header value
// (errc::invalid_header_value, offset into that string); a header name that is not an HTTP
// token (errc::invalid_header_name, offset into it); an empty or non-token method, an empty query
// key (errc::invalid_argument); two signed headers or query keys with the same encoded name
// (errc::duplicate_header / errc::duplicate_parameter); a start before 1970 or expires not
// positive (errc::value_out_of_range); a token that differs from the request's
// x-cos-security-token (errc::conflicting_parameters). Each error names its input in
// error::field (secret_id, secret_key, session_token, expires, time, method, headers, query).
// The result never holds the secret key or the SignKey derived from it.
//
// Memory: detail::cos_sign_core writes every intermediate into a caller's scratch buffer and
// sorts in fixed arrays (http::max_signed_fields; beyond it errc::value_out_of_range): no heap.
// cos::sign below copies its results into the strings of signing_result.
#ifndef OBJPROC_COS_SIGN_HPP
#define OBJPROC_COS_SIGN_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/cos/credentials.hpp"
#include "objproc/cos/fields.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/http/fields.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// What cos::sign signs: a view of the request; every string is the caller's.
struct signing_input {
  std::string_view method;                      // "PUT", any case
  std::string_view key;                         // object key, decoded, without the leading '/'
  std::span<const http::query_field> query;     // decoded keys and values; nullopt: bare key
  std::span<const http::header_field> headers;  // every header the transport sends
};

/// Where the signature goes: the Authorization header, or the query of a presigned URL.
enum class signature_placement : unsigned char { header, query };

struct sign_options {
  signature_placement placement = signature_placement::header;
  /// Header names signed besides host, pic-operations, content-*, x-cos-*, expires and
  /// cache-control (any case).
  std::span<const std::string_view> additional_headers = {};
};

/// The signature, what to add to the request, and the intermediates a server's
/// SignatureDoesNotMatch reply can be compared with. Never the secret key or the SignKey.
struct signing_result {
  std::string key_time;        // "1795248000;1795248600" (q-sign-time and q-key-time)
  std::string header_list;     // q-header-list: "content-length;host;pic-operations"
  std::string url_param_list;  // q-url-param-list: "image_process"
  std::string http_string;     // lower(method)\n/key\nparams\nheaders\n
  std::string string_to_sign;  // sha1\nKeyTime\nhex(sha1(http_string))\n
  fixed_string<40> signature;  // q-signature: lowercase hex
  std::string authorization;   // q-sign-algorithm=sha1&q-ak=...&q-signature=... (both forms)
  /// Header form: Authorization, then x-cos-security-token when the request lacks it.
  http::field_list<http::added_header, 2> headers;
  /// Query form: the seven q-* fields, then x-cos-security-token (unsigned) when the request
  /// carries no token. Raw values: the URL builder percent-encodes them.
  http::field_list<http::added_query_field, 8> query;
  friend bool operator==(const signing_result&, const signing_result&) = default;
};

namespace detail {

inline constexpr std::string_view cos_token_name = "x-cos-security-token";

// A control character other than HTAB (CR, LF and NUL among them): never in a header value.
[[nodiscard]] constexpr bool is_ctl(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t') || u == 0x7F;
}

// A header value as it is signed must be sent as it is: no control character, and no
// whitespace at either end (the server strips it before it verifies).
[[nodiscard]] constexpr result<void> check_field_value(std::string_view s) noexcept {
  // Every header value is checked on every signature: a pass without a branch per byte first,
  // the offset only when there is a control character.
  if (http::detail::has_control(s, true))
    for (std::size_t i = 0; i < s.size(); ++i)
      if (is_ctl(s[i]))
        return error{errc::invalid_header_value, i, "control character (CR, LF, NUL...)"};
  if (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    return error{errc::invalid_header_value, 0, "leading whitespace is not sent as signed"};
  if (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    return error{errc::invalid_header_value, s.size() - 1,
                 "trailing whitespace is not sent as signed"};
  return {};
}

[[nodiscard]] constexpr result<void> check_method(std::string_view s) noexcept {
  if (s.empty()) return error{errc::invalid_argument, error::no_offset, "empty method"};
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!http::detail::is_tchar(s[i]))
      return error{errc::invalid_argument, i, "the method is not an HTTP token"};
  return {};
}

[[nodiscard]] constexpr bool is_signed_header(
    std::string_view name, std::span<const std::string_view> additional) noexcept {
  using http::detail::iequals;
  using http::detail::istarts_with;
  if (iequals(name, "host") || iequals(name, "pic-operations") || istarts_with(name, "content-") ||
      istarts_with(name, "x-cos-") || iequals(name, "expires") || iequals(name, "cache-control"))
    return true;
  for (const std::string_view a : additional)
    if (iequals(name, a)) return true;
  return false;
}

// One signed pair, lower(UrlEncode(name)) and UrlEncode(value), as marks into the scratch.
struct encoded_pair {
  std::size_t name_at = 0, name_end = 0, value_end = 0;
};
using encoded_pairs = http::field_list<encoded_pair, http::max_signed_fields + 1>;

[[nodiscard]] constexpr error too_many_fields() noexcept {
  return error{errc::value_out_of_range, error::no_offset,
               "more headers or query parameters than a signer sorts (http::max_signed_fields)"};
}

[[nodiscard]] inline bool encode_pair(http::detail::span_writer& scratch, encoded_pairs& pairs,
                                      std::string_view name, std::string_view value) {
  encoded_pair p{scratch.size(), 0, 0};
  scratch.put_encoded(name, percent_set::component);
  scratch.lower_from(p.name_at);
  p.name_end = scratch.size();
  scratch.put_encoded(value, percent_set::component);
  p.value_end = scratch.size();
  return pairs.try_push_back(p);
}

// Sorts by encoded name; false when two names are equal.
[[nodiscard]] inline bool sort_pairs(const http::detail::span_writer& scratch,
                                     encoded_pairs& pairs) {
  const auto name = [&](const encoded_pair& p) { return scratch.text(p.name_at, p.name_end); };
  http::detail::stable_sort_in_place(
      pairs.data(), pairs.data() + pairs.size(),
      [&](const encoded_pair& a, const encoded_pair& b) { return name(a) < name(b); });
  for (std::size_t i = 1; i < pairs.size(); ++i)
    if (name(pairs[i - 1]) == name(pairs[i])) return false;
  return true;
}

// "k=v&k=v" (joined) or "k;k" (names only).
inline void join_pairs(http::detail::span_writer& scratch, const encoded_pairs& pairs,
                       bool names_only) {
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i != 0) scratch.put(names_only ? ';' : '&');
    scratch.put(scratch.text(pairs[i].name_at, pairs[i].name_end));
    if (names_only) continue;
    scratch.put('=');
    scratch.put(scratch.text(pairs[i].name_end, pairs[i].value_end));
  }
}

/// The signature computed: intermediates as views of the scratch or inline, and the fields to
/// add as views (of those, or of the credentials).
struct sign_parts {
  // The texts are written before read: not zero-filled.
  std::array<char, 48> key_time_text;  // "<start>;<end>": two int64s
  std::size_t key_time_size = 0;
  std::string_view header_list = {};
  std::string_view url_param_list = {};
  std::string_view http_string = {};
  std::array<char, 96> string_to_sign_text;  // "sha1\n" KeyTime "\n" 40 hex "\n"
  std::size_t string_to_sign_size = 0;
  fixed_string<40> signature = {};
  std::string_view authorization = {};
  std::string_view secret_id = {};
  std::string_view session_token = {};  // the token still to send, or empty
  bool query_form = false;

  [[nodiscard]] std::string_view key_time() const noexcept {
    return {key_time_text.data(), key_time_size};
  }
  [[nodiscard]] std::string_view string_to_sign() const noexcept {
    return {string_to_sign_text.data(), string_to_sign_size};
  }
  /// Header form: Authorization, then x-cos-security-token when still to send.
  [[nodiscard]] http::field_list<http::header_field, 2> headers() const noexcept {
    http::field_list<http::header_field, 2> out;
    if (query_form) return out;
    out.push_back({"Authorization", authorization});
    if (!session_token.empty()) out.push_back({cos_token_name, session_token});
    return out;
  }
  /// Query form: the seven q-* fields, then x-cos-security-token (unsigned) when still to send.
  [[nodiscard]] http::field_list<http::query_field, 8> query() const noexcept {
    http::field_list<http::query_field, 8> out;
    if (!query_form) return out;
    for (const auto& [name, value] : fields()) out.push_back({name, value});
    if (!session_token.empty()) out.push_back({cos_token_name, session_token});
    return out;
  }
  /// The q-* fields in their fixed order.
  [[nodiscard]] std::array<std::pair<std::string_view, std::string_view>, 7> fields()
      const noexcept {
    return {{{"q-sign-algorithm", "sha1"},
             {"q-ak", secret_id},
             {"q-sign-time", key_time()},
             {"q-key-time", key_time()},
             {"q-header-list", header_list},
             {"q-url-param-list", url_param_list},
             {"q-signature", signature.view()}}};
  }
};

/// Everything cos::sign computes, into `scratch` and `out`: no heap. errc::buffer_too_small
/// when the scratch is too small (scratch.needed() then says how much it takes).
template <class Crypto>
[[nodiscard]] result<void> sign_core(const signing_input& input, const credentials& creds,
                                     std::chrono::sys_seconds start, std::chrono::seconds expires,
                                     const Crypto& crypto, const sign_options& options,
                                     http::detail::span_writer& scratch, sign_parts& out) {
  static_assert(crypto_provider<Crypto>,
                "objproc::cos::sign requires a crypto_provider (sha1, hmac_sha1, ...): see "
                "objproc/crypto/concepts.hpp; crypto::portable is the built-in one");
  using http::detail::iequals;

  // Credentials and time.
  if (creds.secret_id.empty())
    return error{errc::missing_credentials, error::no_offset, "empty secret id"}.in_field(
        fields::secret_id);
  if (creds.secret_key.empty())
    return error{errc::missing_credentials, error::no_offset, "empty secret key"}.in_field(
        fields::secret_key);
  if (auto r = check_field_value(creds.secret_id); !r) return r.error().in_field(fields::secret_id);
  for (std::size_t i = 0; i < creds.secret_id.size(); ++i)
    if (creds.secret_id[i] == '&' || creds.secret_id[i] == ' ')
      return error{errc::invalid_header_value, i, "secret id with '&' or space"}.in_field(
          fields::secret_id);
  if (auto r = check_field_value(creds.session_token); !r)
    return r.error().in_field(fields::session_token);
  if (http::detail::has_control(creds.secret_key, true))
    return error{errc::invalid_credentials, error::no_offset, "control character in the secret key"}
        .in_field(fields::secret_key);
  if (expires.count() <= 0)
    return error{errc::value_out_of_range, error::no_offset, "expires must be positive"}.in_field(
        fields::expires);
  const std::int64_t begin = start.time_since_epoch().count();
  if (begin < 0)
    return error{errc::value_out_of_range, error::no_offset, "start before 1970"}.in_field(
        fields::time);
  if (expires.count() > std::numeric_limits<std::int64_t>::max() - begin)
    return error{errc::value_out_of_range, error::no_offset, "start + expires overflows"}.in_field(
        fields::expires);
  const std::int64_t end = begin + static_cast<std::int64_t>(expires.count());

  if (auto r = check_method(input.method); !r) return r.error().in_field(fields::method);

  // Headers: check every one (all are sent), sign the chosen ones.
  const bool has_token = !creds.session_token.empty();
  bool token_in_headers = false;
  bool token_in_query = false;
  encoded_pairs headers;
  for (const http::header_field& h : input.headers) {
    if (auto r = http::detail::check_header_name(h.name); !r)
      return r.error().in_field(fields::headers);
    if (auto r = check_field_value(h.value); !r) return r.error().in_field(fields::headers);
    if (iequals(h.name, cos_token_name)) {
      if (has_token && h.value != creds.session_token)
        return error{errc::conflicting_parameters, error::no_offset,
                     "x-cos-security-token differs from the session token"}
            .in_field(fields::session_token);
      token_in_headers = true;
    }
    if (is_signed_header(h.name, options.additional_headers))
      if (!encode_pair(scratch, headers, h.name, h.value)) return too_many_fields();
  }

  encoded_pairs params;
  for (const http::query_field& q : input.query) {
    if (q.key.empty())
      return error{errc::invalid_argument, error::no_offset, "empty query key"}.in_field(
          fields::query);
    const std::string_view value = q.value.value_or(std::string_view());
    if (iequals(q.key, cos_token_name)) {
      if (has_token && value != creds.session_token)
        return error{errc::conflicting_parameters, error::no_offset,
                     "x-cos-security-token differs from the session token"}
            .in_field(fields::session_token);
      token_in_query = true;
    }
    if (!encode_pair(scratch, params, q.key, value)) return too_many_fields();
  }

  out.query_form = options.placement == signature_placement::query;
  out.secret_id = creds.secret_id;
  // The token still to send: signed as a header in the header form, appended unsigned to the
  // URL in the query form (cos-nodejs-sdk-v5 getObjectUrl).
  const bool add_token = has_token && !token_in_headers && !token_in_query;
  out.session_token = add_token ? creds.session_token : std::string_view();
  if (add_token && !out.query_form)
    if (!encode_pair(scratch, headers, cos_token_name, creds.session_token))
      return too_many_fields();
  // Past an overflow every later name was cut to nothing, so the duplicate checks below would
  // see "duplicates": out of room is the answer (a caller with more scratch then signs).
  if (scratch.overflowed()) return http::detail::span_writer::too_small();
  if (!sort_pairs(scratch, headers))
    return error{errc::duplicate_header, error::no_offset, "a signed header appears twice"}
        .in_field(fields::headers);
  if (!sort_pairs(scratch, params))
    return error{errc::duplicate_parameter, error::no_offset, "a query key appears twice"}.in_field(
        fields::query);

  // KeyTime, the lists, HttpString, StringToSign.
  http::detail::span_writer key_time(out.key_time_text);
  key_time.put_number(static_cast<std::uint64_t>(begin));
  key_time.put(';');
  key_time.put_number(static_cast<std::uint64_t>(end));
  out.key_time_size = key_time.size();

  const std::size_t lists_at = scratch.size();
  join_pairs(scratch, headers, true);
  const std::size_t header_list_end = scratch.size();
  join_pairs(scratch, params, true);
  const std::size_t http_at = scratch.size();
  scratch.put_lower(input.method);
  scratch.put("\n/");
  scratch.put(input.key);
  scratch.put('\n');
  join_pairs(scratch, params, false);
  scratch.put('\n');
  join_pairs(scratch, headers, false);
  scratch.put('\n');
  if (scratch.overflowed()) return http::detail::span_writer::too_small();
  out.header_list = scratch.text(lists_at, header_list_end);
  out.url_param_list = scratch.text(header_list_end, http_at);
  out.http_string = scratch.text(http_at);

  sha1_digest digest{};
  if (auto r = crypto.sha1(as_bytes(out.http_string), digest); !r) return r.error();
  http::detail::span_writer sts(out.string_to_sign_text);
  sts.put("sha1\n");
  sts.put(out.key_time());
  sts.put('\n');
  sts.put_hex(digest);
  sts.put('\n');
  out.string_to_sign_size = sts.size();

  // SignKey (on the stack only, never returned) and the signature.
  sha1_digest sign_key{};
  if (auto r = crypto.hmac_sha1(as_bytes(creds.secret_key), as_bytes(out.key_time()), sign_key); !r)
    return r.error();
  auto sign_key_hex = hex_digest(sign_key);
  auto mac =
      crypto.hmac_sha1(as_bytes(sign_key_hex.view()), as_bytes(out.string_to_sign()), digest);
  sign_key = {};
  sign_key_hex = {};
  if (!mac) return mac.error();
  objproc::detail::write_hex_digest(digest, out.signature.data, hex_case::lower);

  const std::size_t auth_at = scratch.size();
  for (const auto& [name, value] : out.fields()) {
    if (scratch.size() != auth_at) scratch.put('&');
    scratch.put(name);
    scratch.put('=');
    scratch.put(value);
  }
  if (scratch.overflowed()) return http::detail::span_writer::too_small();
  out.authorization = scratch.text(auth_at);
  return {};
}

}  // namespace detail

namespace detail {

// The algorithm with its intermediates (canonical request, string to sign) as owned strings:
// for tests against the vendors' vectors and for comparing with a server's
// SignatureDoesNotMatch reply. The signers (signer.hpp) run the same cores without copies.

/// Signs a COS request (see the top of this file). Crypto is a crypto_provider.
template <class Crypto>
[[nodiscard]] result<signing_result> sign(const signing_input& input, const credentials& creds,
                                          std::chrono::sys_seconds start,
                                          std::chrono::seconds expires, const Crypto& crypto,
                                          const sign_options& options = {}) {
  return http::detail::with_scratch<2048>(
      [&](http::detail::span_writer& scratch) -> result<signing_result> {
        detail::sign_parts parts;
        if (auto r =
                detail::sign_core(input, creds, start, expires, crypto, options, scratch, parts);
            !r)
          return r.error();
        signing_result out;
        out.key_time.assign(parts.key_time());
        out.header_list.assign(parts.header_list);
        out.url_param_list.assign(parts.url_param_list);
        out.http_string.assign(parts.http_string);
        out.string_to_sign.assign(parts.string_to_sign());
        out.signature = parts.signature;
        out.authorization.assign(parts.authorization);
        for (const http::header_field& h : parts.headers())
          out.headers.push_back({h.name, std::string(h.value)});
        for (const http::query_field& q : parts.query())
          out.query.push_back({q.key, std::string(q.value.value_or(std::string_view()))});
        return out;
      });
}

}  // namespace detail

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_SIGN_HPP
