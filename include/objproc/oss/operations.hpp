// SPDX-License-Identifier: MIT
// objproc/oss/operations.hpp - the OSS processing operations, from typed values to signed
// request descriptors.
//
//   oss::process_object op{.bucket = "examplebucket", .key = "exampledir/example.jpg",
//                          .process = oss::image::resize{.w = 100}.str() |
//                                     oss::save_as{.bucket = "targetbucket", .key = "out.jpg"}};
//   auto prepared = op.prepare(*oss::endpoint::for_region("cn-hangzhou"));   // pure, no secrets
//   auto signed_request = oss::sign(*prepared, creds, now, crypto::portable{});  // V4 by default
//   auto url = oss::presign(oss::presign_get{...}, endpoint, creds, now, crypto::portable{});
//   char buffer[1024];                                            // or into a buffer, no heap:
//   auto n = oss::presign_to(oss::presign_get{...}, endpoint, creds, now, crypto, buffer);
//   oss::v4_key_cache cache;                                      // one per thread: V4 keys
//   oss::sign(*prepared, creds, now, crypto, cache);              // derived once a day
//
// Each operation checks its style against where it is used (oss::check_carrier): ProcessObject
// refuses sys/notify and async-only operations, AsyncProcessObject refuses sync-only ones and
// requires sys/saveas where the result must be saved, a presigned GET refuses sys/saveas.
// Wire forms (docs/architecture.md): POST /<key>?x-oss-process (bare key), body
// "x-oss-process=" + form-encoded process string, Content-Type application/x-www-form-urlencoded.
// Options of both processing operations, sent only when asked for and signed by V1 and V4
// (x-oss-* headers are canonical headers of both; Content-MD5 is V1's second line and a V4
// default-signed header):
//   .request_payer = oss::payer::requester   x-oss-request-payer: requester, which a non-owner
//                                            needs on a pay-by-requester bucket
//   .content_md5 = true                      Content-MD5 over the exact body bytes sent, i.e.
//                                            the form-encoded body (the Go and Python v2 SDKs
//                                            send the style unencoded, so their value differs
//                                            whenever the style holds / , | or =)
//
// Memory: sign() makes one copy of the descriptor (its text arena, its field records, its body)
// with room reserved for the signature headers, and nothing else on the heap unless the
// canonical request outgrows a 2 KiB stack buffer. presign_to() uses no heap at all: scratch
// text lives on the stack (presign_scratch_size; beyond it, errc::buffer_too_small) and the URL
// goes into the caller's buffer. presign() is presign_to() into a stack buffer, then a string.
#ifndef OBJPROC_OSS_OPERATIONS_HPP
#define OBJPROC_OSS_OPERATIONS_HPP

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/crypto/md5.hpp"
#include "objproc/http/request.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/endpoint.hpp"
#include "objproc/oss/key_cache.hpp"
#include "objproc/oss/sign_v1.hpp"
#include "objproc/oss/sign_v4.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

enum class signature_version : unsigned char { v4, v1 };

/// Who pays for a request on a bucket with pay-by-requester on (x-oss-request-payer).
enum class payer : unsigned char {
  bucket_owner,  // no header: the owner's own requests, or a bucket without pay-by-requester
  requester,     // x-oss-request-payer: requester
};

/// The header value ("requester"); empty for bucket_owner (no header) or a value outside the
/// enumeration.
[[nodiscard]] constexpr std::string_view to_string(payer p) noexcept {
  return p == payer::requester ? std::string_view("requester") : std::string_view();
}

/// "requester" (the only value OSS documents for x-oss-request-payer); errc::invalid_enum_value.
[[nodiscard]] constexpr result<payer> parse_payer(std::string_view text) noexcept {
  if (text == "requester") return payer::requester;
  return error{errc::invalid_enum_value, 0, "x-oss-request-payer: the only value is requester"};
}

/// A request descriptor and what the signer must know about it (bucket, key, region).
struct prepared_request {
  http::request request;
  std::string bucket;
  std::string key;
  std::string region;
};

namespace detail {

// The options both processing operations take.
struct process_options {
  payer request_payer = payer::bucket_owner;
  bool content_md5 = false;
};

// POST /<key>?<action> with body "<action>=<form-encoded process>".
[[nodiscard]] inline result<prepared_request> prepare_process(
    const endpoint& where, std::string_view bucket, std::string_view key, const style& process,
    std::string_view action, carrier used_in, process_options options = {}) {
  if (options.request_payer != payer::bucket_owner && options.request_payer != payer::requester)
    return error{errc::invalid_enum_value, error::no_offset,
                 "x-oss-request-payer: bucket_owner (no header) or requester"};
  if (auto r = process.checked(); !r) return r.error();
  if (auto r = check_carrier(process, used_in); !r) return r.error();
  // Processing needs a source object: an empty key would address the bucket itself.
  if (key.empty()) return error{errc::invalid_object_key, error::no_offset, "empty object key"};
  auto location = where.locate(bucket, key);
  if (!location) return location.error();
  auto request = http::request::make(http::method::post, *location);
  if (!request) return request.error();
  if (auto r = request->add_query(action); !r) return r.error();
  if (auto r = request->set_header("Content-Type", "application/x-www-form-urlencoded"); !r)
    return r.error();
  std::string body(action);
  body += '=';
  append_percent_encoded(body, process.view(), percent_set::form);
  if (options.content_md5)  // over the bytes sent: the encoded body
    if (auto r = request->set_header("Content-MD5", crypto::content_md5(body).view()); !r)
      return r.error();
  if (options.request_payer == payer::requester)
    if (auto r = request->set_header("x-oss-request-payer", to_string(payer::requester)); !r)
      return r.error();
  request->set_body(std::move(body));
  return prepared_request{std::move(*request), std::string(bucket), std::string(key),
                          std::string(where.region())};
}

// The signer's view of a prepared request, in fixed arrays (views into it: keep it alive).
// The arrays are not zero-filled (4.6 KB per signature): only the fields copied are read.
struct signing_view {
  http::detail::uninitialized_array<http::query_field, http::max_signed_fields> query;
  http::detail::uninitialized_array<http::header_field, http::max_signed_fields> headers;
  signing_input input{};
};
[[nodiscard]] inline result<void> view_of(const prepared_request& p, signing_view& v) noexcept {
  auto query = p.request.query_fields(v.query.span());
  if (!query) return query.error();
  auto headers = p.request.header_fields(v.headers.span());
  if (!headers) return headers.error();
  v.input = signing_input{.method = http::to_string(p.request.method()),
                          .bucket = p.bucket,
                          .key = p.key,
                          .query = *query,
                          .headers = *headers};
  return {};
}

// Precondition: v4_check(view.input, creds, {}) passed and `key` was derived (or found in a
// cache) for `now`, prepared.region and "oss": the checks ran once, so they are not repeated.
template <class Crypto>
[[nodiscard]] result<http::request> sign_v4_with(const prepared_request& prepared,
                                                 const signing_view& view, const credentials& creds,
                                                 const v4_signing_key& key,
                                                 std::chrono::sys_seconds now,
                                                 const Crypto& crypto) {
  return http::detail::with_scratch<2048>(
      [&](http::detail::span_writer& scratch) -> result<http::request> {
        v4_header_parts parts;
        if (auto r = v4_header_checked(view.input, creds, key, now, crypto, {}, scratch, parts); !r)
          return r.error();
        // Built from checked parts only: the key id (visible ASCII), the token (no CR, LF or
        // NUL), the scope ([a-z0-9-]), digits and hex; the names are literals.
        return prepared.request.with_headers(parts.headers().span(),
                                             http::detail::checked_headers{true});
      });
}

}  // namespace detail

/// ProcessObject: synchronous processing, usually saved with sys/saveas.
struct process_object {
  std::string_view bucket = {};
  std::string_view key = {};
  style process = {};
  payer request_payer = payer::bucket_owner;  // requester: x-oss-request-payer: requester
  bool content_md5 = false;                   // send Content-MD5 of the body sent

  [[nodiscard]] result<prepared_request> prepare(const endpoint& where) const {
    return detail::prepare_process(where, bucket, key, process, "x-oss-process",
                                   carrier::sync_process, {request_payer, content_md5});
  }
};

/// AsyncProcessObject: asynchronous processing (media, documents), saved and notified.
struct async_process_object {
  std::string_view bucket = {};
  std::string_view key = {};
  style process = {};
  payer request_payer = payer::bucket_owner;  // requester: x-oss-request-payer: requester
  bool content_md5 = false;                   // send Content-MD5 of the body sent

  [[nodiscard]] result<prepared_request> prepare(const endpoint& where) const {
    return detail::prepare_process(where, bucket, key, process, "x-oss-async-process",
                                   carrier::async_process, {request_payer, content_md5});
  }
};

/// Signs a prepared request at `now`; returns the descriptor with every header to send. V4
/// derives its signing key on each call: pass a v4_key_cache to derive it once a day.
template <class Crypto>
[[nodiscard]] result<http::request> sign(const prepared_request& prepared, const credentials& creds,
                                         std::chrono::sys_seconds now, const Crypto& crypto,
                                         signature_version version = signature_version::v4) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign requires a crypto_provider: see objproc/crypto/concepts.hpp");
  detail::signing_view view;
  if (auto r = detail::view_of(prepared, view); !r) return r.error();
  if (version == signature_version::v4) {
    if (auto r = detail::v4_check(view.input, creds, {}); !r) return r.error();
    auto key = v4_signing_key::derive(creds, now, prepared.region, crypto);
    if (!key) return key.error();
    return detail::sign_v4_with(prepared, view, creds, *key, now, crypto);
  }
  return http::detail::with_scratch<2048>(
      [&](http::detail::span_writer& scratch) -> result<http::request> {
        detail::v1_header_parts parts;
        if (auto r = detail::v1_header_core(view.input, creds, now, crypto, {}, scratch, parts); !r)
          return r.error();
        // Built from checked parts only (as V4's): the date, the checked token, "OSS " + the
        // key id (visible ASCII) + ':' + base64.
        return prepared.request.with_headers(parts.headers().span(),
                                             http::detail::checked_headers{true});
      });
}

/// Signs with V4, taking the signing key from `cache` (derived when the secret, day or region
/// changed). Same signature as without the cache.
template <class Crypto>
[[nodiscard]] result<http::request> sign(const prepared_request& prepared, const credentials& creds,
                                         std::chrono::sys_seconds now, const Crypto& crypto,
                                         v4_key_cache& cache) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign requires a crypto_provider: see objproc/crypto/concepts.hpp");
  detail::signing_view view;
  if (auto r = detail::view_of(prepared, view); !r) return r.error();
  if (auto r = detail::v4_check(view.input, creds, {}); !r) return r.error();
  auto key = cache.key(creds, now, prepared.region, crypto);
  if (!key) return key.error();
  return detail::sign_v4_with(prepared, view, creds, **key, now, crypto);
}

/// A presigned GET URL, with a processing style applied on the fly (never sys/saveas or
/// sys/notify: those need POST).
struct presign_get {
  std::string_view bucket = {};
  std::string_view key = {};
  style process = {};  // empty: a plain presigned GET
  std::chrono::seconds expires{3600};
};

/// Scratch text presign_to() keeps on the stack (encoded query, canonical request or string to
/// sign): inputs that need more get errc::buffer_too_small from presign_to (presign copes).
inline constexpr std::size_t presign_scratch_size = 4096;

namespace detail {

/// Whether check_carrier(s, carrier::get_url) surely passes, without parsing the style again:
/// a style is valid by construction (parsed for any carrier), and what a GET URL adds is per
/// operation (its carrier bits) and the saveas / notify flags the style keeps. Each operation
/// starts a '/'-separated field of the main part, exactly where the parser looks; false means
/// "not sure" and the caller runs check_carrier for the exact error.
[[nodiscard]] constexpr bool surely_in_get_url(const style& s) noexcept {
  if (s.has_error() || s.empty() || s.is_reference() || s.has_save_as() || s.has_notify())
    return false;
  const std::string_view main = s.main();
  const std::size_t slash = objproc::detail::find_char(main, '/');
  if (slash == std::string_view::npos) return false;
  const std::string_view service = main.substr(0, slash);
  for (std::size_t at = slash; at < main.size();) {
    const std::size_t start = at + 1;
    const std::size_t end = objproc::detail::end_of_field(main, '/', start);
    const std::string_view op = main.substr(start, end - start);
    const std::size_t i =
        spec::find_operation(service, op.substr(0, objproc::detail::find_char(op, ',')));
    if (i == spec::not_found || (spec::operations[i].carriers & in_get_url) == 0) return false;
    at = end;
  }
  return true;
}

template <class Crypto>
[[nodiscard]] result<std::size_t> presign_into(const presign_get& op, const endpoint& where,
                                               const credentials& creds,
                                               std::chrono::sys_seconds now, const Crypto& crypto,
                                               signature_version version, v4_key_cache* cache,
                                               std::span<char> out,
                                               http::detail::span_writer& scratch) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::presign requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if ((!op.process.empty() || op.process.has_error()) && !surely_in_get_url(op.process)) {
    if (auto r = op.process.checked(); !r) return r.error();
    if (auto r = check_carrier(op.process, carrier::get_url); !r) return r.error();
  }
  // What endpoint::locate checks, without building a location.
  if (auto r = check_bucket_name(op.bucket); !r) return r.error();
  if (!op.key.empty())
    if (auto r = check_object_key(op.key); !r) return r.error();
  const std::array<http::query_field, 1> process = {
      http::query_field{"x-oss-process", op.process.view()}};
  const signing_input input{.method = "GET",
                            .bucket = op.bucket,
                            .key = op.key,
                            .query = std::span(process).first(op.process.empty() ? 0 : 1),
                            .headers = {}};

  v4_query_parts v4;
  v1_query_parts v1;
  std::span<const http::query_field> added;
  if (version == signature_version::v4) {
    if (auto r = v4_check(input, creds, {}); !r) return r.error();
    std::optional<v4_signing_key> derived;
    const v4_signing_key* key = nullptr;
    if (cache != nullptr) {
      auto cached = cache->key(creds, now, where.region(), crypto);
      if (!cached) return cached.error();
      key = *cached;
    } else {
      auto fresh = v4_signing_key::derive(creds, now, where.region(), crypto);
      if (!fresh) return fresh.error();
      key = &derived.emplace(*fresh);
    }
    // Checked above (v4_check), and the key is for now, the endpoint's region and "oss".
    if (auto r = v4_query_checked(input, creds, *key, now, op.expires, crypto, {}, scratch, v4); !r)
      return r.error();
    added = v4.query.span();
  } else {
    if (auto r = v1_query_core(input, creds, now, op.expires, crypto, {}, scratch, v1); !r)
      return r.error();
    added = v1.query.span();
  }

  http::detail::span_writer url(out);
  const auto placement = where.style() == url_style::virtual_hosted
                             ? http::detail::bucket_placement::host
                         : where.style() == url_style::path ? http::detail::bucket_placement::path
                                                            : http::detail::bucket_placement::none;
  http::detail::write_location(url, where.scheme(), where.host(), placement, op.bucket, op.key);
  char separator = '?';
  if (version == signature_version::v4 && v4.encoded_count != 0 &&
      v4.encoded_count + 1 == input.query.size() + added.size()) {
    // The signer encoded these same keys and values (percent_set::component, as the URL wants)
    // for the canonical request: copy that text instead of encoding it again.
    for (std::size_t i = 0; i < v4.encoded_count; ++i) {
      const v4_query_entry& e = v4.encoded[i];
      const http::query_field& q =
          i < input.query.size() ? input.query[i] : added[i - input.query.size()];
      url.put(separator);
      url.put(scratch.text(e.key_at, e.key_end));
      if (q.value) {
        url.put('=');
        url.put(scratch.text(e.key_end, e.value_end));
      }
      separator = '&';
    }
    http::detail::write_query_field(url, separator, added.back());  // x-oss-signature: hex
  } else {
    separator = http::detail::write_query_fields(url, separator, input.query);
    http::detail::write_query_fields(url, separator, added);
  }
  return http::detail::written_url(url);
}

}  // namespace detail

/// A presigned GET URL written into `out`, without the heap; its length. errc::buffer_too_small
/// when it does not fit (out then holds no usable text).
template <class Crypto>
[[nodiscard]] result<std::size_t> presign_to(const presign_get& op, const endpoint& where,
                                             const credentials& creds, std::chrono::sys_seconds now,
                                             const Crypto& crypto, std::span<char> out,
                                             signature_version version = signature_version::v4) {
  std::array<char, presign_scratch_size> stack;  // written before read: no need to clear it
  http::detail::span_writer scratch(stack);
  return detail::presign_into(op, where, creds, now, crypto, version, nullptr, out, scratch);
}

/// presign_to with V4 and the signing key from `cache`.
template <class Crypto>
[[nodiscard]] result<std::size_t> presign_to(const presign_get& op, const endpoint& where,
                                             const credentials& creds, std::chrono::sys_seconds now,
                                             const Crypto& crypto, std::span<char> out,
                                             v4_key_cache& cache) {
  std::array<char, presign_scratch_size> stack;  // written before read: no need to clear it
  http::detail::span_writer scratch(stack);
  return detail::presign_into(op, where, creds, now, crypto, signature_version::v4, &cache, out,
                              scratch);
}

namespace detail {

// presign_to into a stack buffer; for long inputs, once more with heap buffers large enough
// for any encoding of them (each byte at most triples, and appears in scratch a few times).
template <class Crypto>
[[nodiscard]] result<std::string> presign_string(const presign_get& op, const endpoint& where,
                                                 const credentials& creds,
                                                 std::chrono::sys_seconds now, const Crypto& crypto,
                                                 signature_version version, v4_key_cache* cache) {
  std::array<char, 2048> url;
  std::array<char, presign_scratch_size> stack;
  http::detail::span_writer scratch(stack);
  auto n = presign_into(op, where, creds, now, crypto, version, cache, url, scratch);
  if (n) return std::string(url.data(), *n);
  if (n.error().code != errc::buffer_too_small) return n.error();
  const std::size_t inputs = op.bucket.size() + op.key.size() + op.process.view().size() +
                             creds.access_key_id.size() + creds.security_token.size() +
                             where.scheme().size() + where.host().size() + where.region().size();
  const std::size_t bound = 4096 + 12 * inputs;
  std::string heap_url(bound, '\0');
  std::string heap_scratch(bound, '\0');
  http::detail::span_writer big(heap_scratch);
  auto m = presign_into(op, where, creds, now, crypto, version, cache, heap_url, big);
  if (!m) return m.error();
  heap_url.resize(*m);
  return heap_url;
}

}  // namespace detail

/// A presigned GET URL as a string (the same bytes presign_to writes).
template <class Crypto>
[[nodiscard]] result<std::string> presign(const presign_get& op, const endpoint& where,
                                          const credentials& creds, std::chrono::sys_seconds now,
                                          const Crypto& crypto,
                                          signature_version version = signature_version::v4) {
  return detail::presign_string(op, where, creds, now, crypto, version, nullptr);
}

/// presign with V4 and the signing key from `cache`.
template <class Crypto>
[[nodiscard]] result<std::string> presign(const presign_get& op, const endpoint& where,
                                          const credentials& creds, std::chrono::sys_seconds now,
                                          const Crypto& crypto, v4_key_cache& cache) {
  return detail::presign_string(op, where, creds, now, crypto, signature_version::v4, &cache);
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_OPERATIONS_HPP
