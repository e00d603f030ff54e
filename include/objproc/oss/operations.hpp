// SPDX-License-Identifier: MIT
// objproc/oss/operations.hpp - the OSS processing operations, from typed values to signed
// request descriptors.
//
//   oss::process_object op{.bucket = "examplebucket", .key = "exampledir/example.jpg",
//                          .process = oss::image::resize{.w = 100}.str() |
//                                     oss::save_as{.bucket = "targetbucket", .key = "out.jpg"}};
//   auto request = op.prepare(*oss::endpoint::for_region("cn-hangzhou"));  // pure, no secrets
//   auto signed_request = oss::sign(*request, creds, now, crypto::portable{});  // V4 by default
//   oss::v4_key_cache cache;                                      // one per thread: V4 keys
//   oss::sign(*request, creds, now, crypto, oss::v4_signer{.cache = &cache});  // once a day
//   auto url = oss::presign(oss::presign_get{...}, endpoint, creds, now, crypto::portable{});
//   auto get = oss::presign_get{...}.prepare(endpoint);           // or into a buffer, no heap:
//   auto n = oss::v4_signer{}.presign_to(buffer, *get, creds, now, expires, crypto);
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
// An operation's prepare() returns the http::request to sign, which knows its resource
// (service "oss", bucket, key, region); the signers are in signer.hpp.
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
#include "objproc/oss/signer.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

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

namespace detail {

// The options both processing operations take.
struct process_options {
  payer request_payer = payer::bucket_owner;
  bool content_md5 = false;
};

// A request to (bucket, key) on `where`, carrying its resource for the signer.
[[nodiscard]] inline result<http::request> locate_request(const endpoint& where,
                                                          http::method method,
                                                          std::string_view bucket,
                                                          std::string_view key) {
  auto location = where.locate(bucket, key);
  if (!location) return location.error();
  auto request = http::request::make(method, *location);
  if (!request) return request.error();
  // locate() checked the bucket and key; the mark says the signers' check passes too, which
  // spares them that check on every signature (a key with CR, LF or NUL gets no mark: the
  // signer refuses it).
  request->set_resource({service_name, bucket, key, where.region()},
                        detail::located_resource_passes(key) ? &detail::resource_checked : nullptr);
  request->set_redaction(&redaction);
  return request;
}

// POST /<key>?<action> with body "<action>=<form-encoded process>".
[[nodiscard]] inline result<http::request> prepare_process(
    const endpoint& where, std::string_view bucket, std::string_view key, const style& process,
    std::string_view action, carrier used_in, process_options options = {}) {
  if (options.request_payer != payer::bucket_owner && options.request_payer != payer::requester)
    return error{errc::invalid_enum_value, error::no_offset,
                 "x-oss-request-payer: bucket_owner (no header) or requester"};
  if (auto r = process.checked(); !r) return r.error().in_field_unless_set(fields::process);
  if (auto r = check_carrier(process, used_in); !r)
    return r.error().in_field_unless_set(fields::process);
  // Processing needs a source object: an empty key would address the bucket itself.
  if (key.empty())
    return error{errc::invalid_object_key, error::no_offset, "empty object key"}.in_field(
        fields::key);
  auto request = locate_request(where, http::method::post, bucket, key);
  if (!request) return request;
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
  return request;
}

}  // namespace detail

/// ProcessObject: synchronous processing, usually saved with sys/saveas.
struct process_object {
  std::string_view bucket = {};
  std::string_view key = {};
  style process = {};
  payer request_payer = payer::bucket_owner;  // requester: x-oss-request-payer: requester
  bool content_md5 = false;                   // send Content-MD5 of the body sent

  /// The request to sign (it knows its bucket, key and region).
  [[nodiscard]] result<http::request> prepare(const endpoint& where) const {
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

  /// The request to sign (it knows its bucket, key and region).
  [[nodiscard]] result<http::request> prepare(const endpoint& where) const {
    return detail::prepare_process(where, bucket, key, process, "x-oss-async-process",
                                   carrier::async_process, {request_payer, content_md5});
  }
};

/// A presigned GET URL, with a processing style applied on the fly (never sys/saveas or
/// sys/notify: those need POST).
struct presign_get {
  std::string_view bucket = {};
  std::string_view key = {};
  style process = {};  // empty: a plain presigned GET
  std::chrono::seconds expires{3600};

  /// The GET request to presign: "?x-oss-process=<style>" when there is a style.
  [[nodiscard]] result<http::request> prepare(const endpoint& where) const {
    if (!process.empty() || process.has_error()) {
      if (auto r = process.checked(); !r) return r.error().in_field_unless_set(fields::process);
      if (auto r = check_carrier(process, carrier::get_url); !r)
        return r.error().in_field_unless_set(fields::process);
    }
    auto request = detail::locate_request(where, http::method::get, bucket, key);
    if (!request) return request;
    if (!process.empty())
      if (auto r = request->add_query("x-oss-process", process.view()); !r) return r.error();
    return request;
  }
};

/// A presigned GET URL for `op`, valid for op.expires, signed by `signer` (V4 by default).
template <class Crypto, class Signer = v4_signer>
[[nodiscard]] result<std::string> presign(const presign_get& op, const endpoint& where,
                                          const credentials& creds, std::chrono::sys_seconds now,
                                          const Crypto& crypto, const Signer& signer = {}) {
  static_assert(request_signer<Signer, Crypto>,
                "objproc::oss::presign: the signer must model objproc::request_signer "
                "(v4_signer, v1_signer) and Crypto a crypto_provider: see objproc/signer.hpp");
  auto request = op.prepare(where);
  if (!request) return request.error();
  return signer.presign(*request, creds, now, op.expires, crypto);
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_OPERATIONS_HPP
