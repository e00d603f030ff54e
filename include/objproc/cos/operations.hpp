// SPDX-License-Identifier: MIT
// objproc/cos/operations.hpp - the COS + CI processing operations, from typed values to signed
// request descriptors.
//
//   cos::ci_put_object op{.bucket = "examplebucket-1250000000", .key = "local.jpg",
//                         .operations = {.is_pic_info = true, .rules = {{.fileid = "format.png",
//                                        .rule = "imageView2/format/png"}}},
//                         .body = bytes};
//   auto prepared = op.prepare(*cos::endpoint::for_region("ap-guangzhou"));
//   auto signed_request = cos::sign(*prepared, creds, now, std::chrono::seconds{3600}, crypto);
//   auto url = cos::presign(cos::presign_get{...}, endpoint, creds, now, crypto);
//   char buffer[1024];                                           // or into a buffer, no heap:
//   auto n = cos::presign_to(cos::presign_get{...}, endpoint, creds, now, crypto, buffer);
//
// Wire forms: PUT /<key> with Pic-Operations (upload-time processing), POST /<key>?image_process
// with Pic-Operations and Content-Length: 0 (processing a stored object), GET /<key>?<rule> (a
// rule applied on download, signed as a parameter). Host and Content-Length are part of the
// descriptor because COS signs them: what is signed is what is sent.
//
// Memory: sign() makes one copy of the descriptor with room reserved for Authorization (and
// nothing else on the heap unless the signed text outgrows a 2 KiB stack buffer). presign_to()
// uses no heap: scratch text on the stack (presign_scratch_size; beyond it,
// errc::buffer_too_small), the URL in the caller's buffer. presign() is presign_to() then a string.
#ifndef OBJPROC_COS_OPERATIONS_HPP
#define OBJPROC_COS_OPERATIONS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/core/time.hpp"
#include "objproc/cos/credentials.hpp"
#include "objproc/cos/endpoint.hpp"
#include "objproc/cos/pic_operations.hpp"
#include "objproc/cos/put_options.hpp"
#include "objproc/cos/rule.hpp"
#include "objproc/cos/sign.hpp"
#include "objproc/crypto/md5.hpp"
#include "objproc/http/request.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// A request descriptor and the object key the signer signs (decoded).
struct prepared_request {
  http::request request;
  std::string key;
};

namespace detail {

[[nodiscard]] inline result<prepared_request> prepare(const endpoint& where, http::method method,
                                                      std::string_view bucket,
                                                      std::string_view key) {
  // Every CI operation acts on an object: an empty key would address the bucket itself.
  if (key.empty()) return error{errc::invalid_object_key, error::no_offset, "empty object key"};
  auto location = where.locate(bucket, key);
  if (!location) return location.error();
  auto request = http::request::make(method, *location);
  if (!request) return request.error();
  // COS signs Host; the descriptor carries it so the transport sends exactly what was signed.
  if (auto r = request->set_header("Host", request->host()); !r) return r.error();
  return prepared_request{std::move(*request), std::string(key)};
}

// Each rule is checked for where it runs: upload (PUT) or cloud processing (?image_process).
[[nodiscard]] inline result<void> set_pic_operations(http::request& request,
                                                     const pic_operations& operations,
                                                     rule_carrier where) {
  auto json = to_json(operations, where);
  if (!json) return json.error();
  return request.set_header("Pic-Operations", *json);
}

}  // namespace detail

/// PUT with Pic-Operations: upload an object and process it at once (persistent processing).
/// The optional headers (put_options.hpp for their rules) are sent only when set, and signed:
/// content-*, x-cos-*, Expires and Cache-Control are all in the COS signature (sign.hpp).
struct ci_put_object {
  std::string_view bucket = {};  // BucketName-APPID
  std::string_view key = {};
  pic_operations operations = {};
  std::string body = {};               // the object's bytes (or use body_source below)
  http::body_source body_source = {};  // a streaming body of known size, when size != 0
  std::string_view content_type = {};  // sent and signed when set

  std::optional<object_acl> acl = {};        // x-cos-acl
  std::string_view grant_read = {};          // x-cos-grant-read: id="100000000001",id="..."
  std::string_view grant_read_acp = {};      // x-cos-grant-read-acp
  std::string_view grant_write_acp = {};     // x-cos-grant-write-acp
  std::string_view grant_full_control = {};  // x-cos-grant-full-control
  std::optional<cos::storage_class> storage_class = {};  // x-cos-storage-class
  std::optional<std::chrono::sys_seconds> expires = {};  // Expires (RFC 1123): cache expiry
  std::string_view cache_control = {};                   // Cache-Control
  std::string_view content_disposition = {};             // Content-Disposition
  std::string_view content_encoding = {};                // Content-Encoding
  std::string_view content_language = {};                // Content-Language
  /// Content-MD5 as text (base64 of the body's 16-byte MD5, checked for its form only)...
  std::string_view content_md5 = {};
  /// ...or computed here from `body`. A streaming body_source cannot be read twice (it has no
  /// rewind), so with one this is refused (errc::conflicting_parameters): hash the bytes as
  /// you stream them elsewhere and pass content_md5.
  bool enable_md5 = false;
  std::span<const user_meta> meta = {};             // x-cos-meta-<key>: <value>
  std::optional<std::uint64_t> traffic_limit = {};  // x-cos-traffic-limit, bit/s

  [[nodiscard]] result<prepared_request> prepare(const endpoint& where) const {
    auto prepared = detail::prepare(where, http::method::put, bucket, key);
    if (!prepared) return prepared;
    auto& request = prepared->request;
    const bool streaming = body_source.size != 0 || body_source.read != nullptr;
    if (streaming) {
      if (auto r = request.set_body(body_source); !r) return r.error();
    } else {
      request.set_body(body);
    }
    if (auto r = request.set_header("Content-Length", std::to_string(request.body_size())); !r)
      return r.error();
    if (!content_type.empty())
      if (auto r = request.set_header("Content-Type", content_type); !r) return r.error();
    if (auto r = set_options(request, streaming); !r) return r.error();
    if (auto r = detail::set_pic_operations(request, operations, rule_carrier::upload); !r)
      return r.error();
    return prepared;
  }

 private:
  [[nodiscard]] result<void> set_options(http::request& request, bool streaming) const {
    // Content-MD5: given or computed, never both.
    if (enable_md5 && !content_md5.empty())
      return error{errc::conflicting_parameters, error::no_offset,
                   "Content-MD5: give content_md5 or enable_md5, not both"};
    if (enable_md5 && streaming)
      return error{errc::conflicting_parameters, error::no_offset,
                   "Content-MD5: enable_md5 needs the body in memory (a body_source is read "
                   "once): pass content_md5"};
    if (!content_md5.empty()) {
      if (auto r = crypto::check_content_md5(content_md5); !r) return r;
      if (auto r = request.set_header("Content-MD5", content_md5); !r) return r;
    } else if (enable_md5) {
      if (auto r = request.set_header("Content-MD5", crypto::content_md5(body).view()); !r)
        return r;
    }
    // The free-text headers.
    struct text_header {
      std::string_view name, value, detail;
    };
    const text_header texts[] = {
        {"Content-Disposition", content_disposition,
         "Content-Disposition: visible ASCII and spaces, none at either end"},
        {"Content-Encoding", content_encoding,
         "Content-Encoding: visible ASCII and spaces, none at either end"},
        {"Content-Language", content_language,
         "Content-Language: visible ASCII and spaces, none at either end"},
        {"Cache-Control", cache_control,
         "Cache-Control: visible ASCII and spaces, none at either end"},
    };
    for (const text_header& h : texts) {
      if (h.value.empty()) continue;
      if (auto r = check_header_text(h.value, h.detail); !r) return r;
      if (auto r = request.set_header(h.name, h.value); !r) return r;
    }
    if (expires) {
      auto date = format_rfc1123(*expires);
      if (!date)
        return error{date.error().code, error::no_offset, "Expires: a year from 0 to 9999"};
      if (auto r = request.set_header("Expires", date->view()); !r) return r;
    }
    // ACL and grants.
    if (acl) {
      const std::string_view text = to_string(*acl);
      if (text.empty())
        return error{errc::invalid_enum_value, error::no_offset, "x-cos-acl: not an object ACL"};
      if (auto r = request.set_header("x-cos-acl", text); !r) return r;
    }
    const text_header grants[] = {
        {"x-cos-grant-read", grant_read, "x-cos-grant-read: id=\"<uin>\" entries joined by ','"},
        {"x-cos-grant-read-acp", grant_read_acp,
         "x-cos-grant-read-acp: id=\"<uin>\" entries joined by ','"},
        {"x-cos-grant-write-acp", grant_write_acp,
         "x-cos-grant-write-acp: id=\"<uin>\" entries joined by ','"},
        {"x-cos-grant-full-control", grant_full_control,
         "x-cos-grant-full-control: id=\"<uin>\" entries joined by ','"},
    };
    std::size_t grantees = 0;
    for (const text_header& h : grants) {
      if (h.value.empty()) continue;
      if (auto r = check_grantees(h.value, h.detail, grantees); !r) return r;
      if (auto r = request.set_header(h.name, h.value); !r) return r;
    }
    if (storage_class) {
      const std::string_view text = to_string(*storage_class);
      if (text.empty())
        return error{errc::invalid_enum_value, error::no_offset,
                     "x-cos-storage-class: not a storage class"};
      if (auto r = request.set_header("x-cos-storage-class", text); !r) return r;
    }
    if (traffic_limit) {
      if (auto r = check_traffic_limit(*traffic_limit); !r) return r;
      if (auto r = request.set_header("x-cos-traffic-limit", std::to_string(*traffic_limit)); !r)
        return r;
    }
    if (auto r = check_meta(meta); !r) return r;
    for (const user_meta& m : meta) {
      std::string name(meta_prefix);
      name += m.key;
      if (auto r = request.set_header(name, m.value); !r) return r;
    }
    return {};
  }
};

/// POST ?image_process with Pic-Operations: process an object already stored.
struct ci_image_process {
  std::string_view bucket = {};
  std::string_view key = {};
  pic_operations operations = {};

  [[nodiscard]] result<prepared_request> prepare(const endpoint& where) const {
    auto prepared = detail::prepare(where, http::method::post, bucket, key);
    if (!prepared) return prepared;
    auto& request = prepared->request;
    if (auto r = request.add_query("image_process"); !r) return r.error();
    if (auto r = detail::set_pic_operations(request, operations, rule_carrier::cloud_process);
        !r)
      return r.error();
    if (auto r = request.set_header("Content-Length", "0"); !r) return r.error();
    return prepared;
  }
};

/// Signs a prepared request (header form) valid from `now` for `expires`.
template <class Crypto>
[[nodiscard]] result<http::request> sign(const prepared_request& prepared, const credentials& creds,
                                         std::chrono::sys_seconds now, std::chrono::seconds expires,
                                         const Crypto& crypto) {
  static_assert(crypto_provider<Crypto>,
                "objproc::cos::sign requires a crypto_provider: see objproc/crypto/concepts.hpp");
  // Not zero-filled (4.6 KB per signature): only the fields copied are read.
  http::detail::uninitialized_array<http::query_field, http::max_signed_fields> query_items;
  http::detail::uninitialized_array<http::header_field, http::max_signed_fields> header_items;
  auto query = prepared.request.query_fields(query_items.span());
  if (!query) return query.error();
  auto headers = prepared.request.header_fields(header_items.span());
  if (!headers) return headers.error();
  const signing_input input{.method = http::to_string(prepared.request.method()),
                            .key = prepared.key,
                            .query = *query,
                            .headers = *headers};
  return http::detail::with_scratch<2048>(
      [&](http::detail::span_writer& scratch) -> result<http::request> {
        detail::sign_parts parts;
        if (auto r = detail::sign_core(input, creds, now, expires, crypto, {}, scratch, parts); !r)
          return r.error();
        // Built from checked parts only: the secret id and token (no control character), the
        // key time (digits), the encoded lists and the hex signature; the names are literals.
        return prepared.request.with_headers(parts.headers().span(),
                                             http::detail::checked_headers{true});
      });
}

/// A presigned GET URL applying a CI rule on download (a style reference is refused: styles
/// are applied through Pic-Operations or the bucket's style separator).
struct presign_get {
  std::string_view bucket = {};
  std::string_view key = {};
  rule process = {};  // empty: a plain presigned GET
  std::chrono::seconds expires{3600};
};

/// Scratch text presign_to() keeps on the stack (encoded fields, lists, the signed string):
/// inputs that need more get errc::buffer_too_small from presign_to (presign copes).
inline constexpr std::size_t presign_scratch_size = 4096;

namespace detail {

template <class Crypto>
[[nodiscard]] result<std::size_t> presign_into(const presign_get& op, const endpoint& where,
                                               const credentials& creds,
                                               std::chrono::sys_seconds now, const Crypto& crypto,
                                               std::span<char> out,
                                               http::detail::span_writer& scratch) {
  static_assert(crypto_provider<Crypto>,
                "objproc::cos::presign requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  // Holds the rule's own error, and refuses style/ and what cannot run in a download URL.
  if (auto placed = op.process.check_placement(rule_carrier::download_url); !placed)
    return placed.error();
  // What detail::prepare checks, without building a request.
  if (op.key.empty()) return error{errc::invalid_object_key, error::no_offset, "empty object key"};
  if (auto r = check_bucket_name(op.bucket); !r) return r.error();
  if (auto r = check_object_key(op.key); !r) return r.error();
  const auto placement = where.style() == url_style::virtual_hosted
                             ? http::detail::bucket_placement::host
                         : where.style() == url_style::path ? http::detail::bucket_placement::path
                                                            : http::detail::bucket_placement::none;
  // COS signs Host: the host of the URL.
  const std::size_t host_at = scratch.size();
  if (placement == http::detail::bucket_placement::host) {
    scratch.put(op.bucket);
    scratch.put('.');
  }
  scratch.put(where.host());
  if (scratch.overflowed()) return http::detail::span_writer::too_small();
  const std::array<http::header_field, 1> headers = {
      http::header_field{"Host", scratch.text(host_at)}};
  const std::array<http::query_field, 1> rule = {
      http::query_field{op.process.view(), std::nullopt}};
  const signing_input input{.method = "GET",
                            .key = op.key,
                            .query = std::span(rule).first(op.process.empty() ? 0 : 1),
                            .headers = headers};
  sign_parts parts;
  if (auto r = sign_core(input, creds, now, op.expires, crypto,
                         sign_options{.placement = signature_placement::query}, scratch, parts);
      !r)
    return r.error();

  http::detail::span_writer url(out);
  http::detail::write_location(url, where.scheme(), where.host(), placement, op.bucket, op.key);
  const char separator = http::detail::write_query_fields(url, '?', input.query);
  http::detail::write_query_fields(url, separator, parts.query().span());
  return http::detail::written_url(url);
}

}  // namespace detail

/// A presigned GET URL written into `out`, without the heap; its length. errc::buffer_too_small
/// when it does not fit (out then holds no usable text).
template <class Crypto>
[[nodiscard]] result<std::size_t> presign_to(const presign_get& op, const endpoint& where,
                                             const credentials& creds, std::chrono::sys_seconds now,
                                             const Crypto& crypto, std::span<char> out) {
  std::array<char, presign_scratch_size> stack;  // written before read: no need to clear it
  http::detail::span_writer scratch(stack);
  return detail::presign_into(op, where, creds, now, crypto, out, scratch);
}

/// A presigned GET URL as a string (the same bytes presign_to writes).
template <class Crypto>
[[nodiscard]] result<std::string> presign(const presign_get& op, const endpoint& where,
                                          const credentials& creds, std::chrono::sys_seconds now,
                                          const Crypto& crypto) {
  std::array<char, 2048> url;
  auto n = presign_to(op, where, creds, now, crypto, url);
  if (n) return std::string(url.data(), *n);
  if (n.error().code != errc::buffer_too_small) return n.error();
  // Long inputs: heap buffers large enough for any encoding of them (a byte at most triples,
  // twice over in q-url-param-list, and appears in the scratch a few times).
  const std::size_t inputs = op.bucket.size() + op.key.size() + op.process.view().size() +
                             creds.secret_id.size() + creds.session_token.size() +
                             where.scheme().size() + where.host().size();
  const std::size_t bound = 4096 + 16 * inputs;
  std::string heap_url(bound, '\0');
  std::string heap_scratch(bound, '\0');
  http::detail::span_writer big(heap_scratch);
  auto m = detail::presign_into(op, where, creds, now, crypto, heap_url, big);
  if (!m) return m.error();
  heap_url.resize(*m);
  return heap_url;
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_OPERATIONS_HPP
