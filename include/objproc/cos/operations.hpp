// SPDX-License-Identifier: MIT
// objproc/cos/operations.hpp - the COS + CI processing operations, from typed values to signed
// request descriptors.
//
//   cos::ci_put_object op{.bucket = "examplebucket-1250000000", .key = "local.jpg",
//                         .operations = {.is_pic_info = true, .rules = {{.fileid = "format.png",
//                                        .rule = "imageView2/format/png"}}},
//                         .body = bytes};
//   auto request = op.prepare(*cos::endpoint::for_region("ap-guangzhou"));
//   auto signed_request = cos::sign(*request, creds, now, crypto);   // valid for an hour
//   auto url = cos::presign(cos::presign_get{...}, endpoint, creds, now, crypto);
//   auto get = cos::presign_get{...}.prepare(endpoint);          // or into a buffer, no heap:
//   auto n = cos::signer{}.presign_to(buffer, *get, creds, now, expires, crypto);
//
// Wire forms: PUT /<key> with Pic-Operations (upload-time processing), POST /<key>?image_process
// with Pic-Operations and Content-Length: 0 (processing a stored object), GET /<key>?<rule> (a
// rule applied on download, signed as a parameter). Host and Content-Length are part of the
// descriptor because COS signs them: what is signed is what is sent.
//
// An operation's prepare() returns the http::request to sign, which knows its resource
// (service "cos", bucket, key, region); the signer is in signer.hpp.
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
#include "objproc/cos/fields.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/core/time.hpp"
#include "objproc/cos/credentials.hpp"
#include "objproc/cos/endpoint.hpp"
#include "objproc/cos/pic_operations.hpp"
#include "objproc/cos/put_options.hpp"
#include "objproc/cos/rule.hpp"
#include "objproc/cos/signer.hpp"
#include "objproc/crypto/md5.hpp"
#include "objproc/http/request.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

namespace detail {

[[nodiscard]] inline result<http::request> prepare(const endpoint& where, http::method method,
                                                   std::string_view bucket, std::string_view key) {
  // Every CI operation acts on an object: an empty key would address the bucket itself.
  if (key.empty())
    return error{errc::invalid_object_key, error::no_offset, "empty object key"}.in_field(
        fields::key);
  auto location = where.locate(bucket, key);
  if (!location) return location.error();
  auto request = http::request::make(method, *location);
  if (!request) return request.error();
  request->set_redaction(&redaction);
  // COS signs Host; the descriptor carries it so the transport sends exactly what was signed.
  if (auto r = request->set_header("Host", request->host()); !r) return r.error();
  request->set_resource({service_name, bucket, key, where.region()});
  return request;
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

  [[nodiscard]] result<http::request> prepare(const endpoint& where) const {
    auto prepared = detail::prepare(where, http::method::put, bucket, key);
    if (!prepared) return prepared;
    http::request& request = *prepared;
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

  [[nodiscard]] result<http::request> prepare(const endpoint& where) const {
    auto prepared = detail::prepare(where, http::method::post, bucket, key);
    if (!prepared) return prepared;
    http::request& request = *prepared;
    if (auto r = request.add_query("image_process"); !r) return r.error();
    if (auto r = detail::set_pic_operations(request, operations, rule_carrier::cloud_process); !r)
      return r.error();
    if (auto r = request.set_header("Content-Length", "0"); !r) return r.error();
    return prepared;
  }
};

/// A presigned GET URL applying a CI rule on download (a style reference is refused: styles
/// are applied through Pic-Operations or the bucket's style separator).
struct presign_get {
  std::string_view bucket = {};
  std::string_view key = {};
  rule process = {};  // empty: a plain presigned GET
  std::chrono::seconds expires{3600};

  /// The GET request to presign: the rule as a bare query key ("?imageMogr2/...").
  [[nodiscard]] result<http::request> prepare(const endpoint& where) const {
    // Holds the rule's own error, and refuses style/ and what cannot run in a download URL.
    if (auto placed = process.check_placement(rule_carrier::download_url); !placed)
      return placed.error().in_field_unless_set(fields::rule);
    auto request = detail::prepare(where, http::method::get, bucket, key);
    if (!request) return request;
    if (!process.empty())
      if (auto r = request->add_query(process.view()); !r) return r.error();
    return request;
  }
};

/// A presigned GET URL for `op`, valid for op.expires, signed by `s`.
template <class Crypto, class Signer = signer>
[[nodiscard]] result<std::string> presign(const presign_get& op, const endpoint& where,
                                          const credentials& creds, std::chrono::sys_seconds now,
                                          const Crypto& crypto, const Signer& s = {}) {
  static_assert(request_signer<Signer, Crypto>,
                "objproc::cos::presign: the signer must model objproc::request_signer "
                "(cos::signer) and Crypto a crypto_provider: see objproc/signer.hpp");
  auto request = op.prepare(where);
  if (!request) return request.error();
  return s.presign(*request, creds, now, op.expires, crypto);
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_OPERATIONS_HPP
