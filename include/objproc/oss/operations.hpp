// objproc/oss/operations.hpp - the OSS processing operations, from typed values to signed
// request descriptors.
//
//   oss::process_object op{.bucket = "examplebucket", .key = "exampledir/example.jpg",
//                          .process = oss::image::resize{.w = 100}.str() |
//                                     oss::save_as{.bucket = "targetbucket", .key = "out.jpg"}};
//   auto prepared = op.prepare(*oss::endpoint::for_region("cn-hangzhou"));   // pure, no secrets
//   auto signed_request = oss::sign(*prepared, creds, now, crypto::portable{});  // V4 by default
//   auto url = oss::presign(oss::presign_get{...}, endpoint, creds, now, crypto::portable{});
//
// Each operation checks its style against where it is used (oss::check_carrier): ProcessObject
// refuses sys/notify and async-only operations, AsyncProcessObject refuses sync-only ones and
// requires sys/saveas where the result must be saved, a presigned GET refuses sys/saveas.
// Wire forms (../shared/DESIGN.md): POST /<key>?x-oss-process (bare key), body
// "x-oss-process=" + form-encoded process string, Content-Type application/x-www-form-urlencoded.
#ifndef OBJPROC_OSS_OPERATIONS_HPP
#define OBJPROC_OSS_OPERATIONS_HPP

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/http/request.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/endpoint.hpp"
#include "objproc/oss/sign_v1.hpp"
#include "objproc/oss/sign_v4.hpp"
#include "objproc/oss/style.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

enum class signature_version : unsigned char { v4, v1 };

/// A request descriptor and what the signer must know about it (bucket, key, region).
struct prepared_request {
  http::request request;
  std::string bucket;
  std::string key;
  std::string region;
};

namespace detail {

// POST /<key>?<action> with body "<action>=<form-encoded process>".
[[nodiscard]] inline result<prepared_request> prepare_process(
    const endpoint& where, std::string_view bucket, std::string_view key, const style& process,
    std::string_view action, carrier used_in) {
  if (auto r = process.checked(); !r) return r.error();
  if (auto r = check_carrier(process, used_in); !r) return r.error();
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
  request->set_body(std::move(body));
  return prepared_request{std::move(*request), std::string(bucket), std::string(key),
                          std::string(where.region())};
}

// The signer's view of a prepared request (views into it: keep it alive).
struct signing_view {
  std::vector<http::query_field> query;
  std::vector<http::header_field> headers;
  signing_input input;
};
[[nodiscard]] inline signing_view view_of(const prepared_request& p) {
  signing_view v{p.request.query_fields(), p.request.header_fields(), {}};
  v.input = signing_input{.method = http::to_string(p.request.method()),
                          .bucket = p.bucket,
                          .key = p.key,
                          .query = v.query,
                          .headers = v.headers};
  return v;
}

}  // namespace detail

/// ProcessObject: synchronous processing, usually saved with sys/saveas.
struct process_object {
  std::string_view bucket = {};
  std::string_view key = {};
  style process = {};

  [[nodiscard]] result<prepared_request> prepare(const endpoint& where) const {
    return detail::prepare_process(where, bucket, key, process, "x-oss-process",
                                   carrier::sync_process);
  }
};

/// AsyncProcessObject: asynchronous processing (media, documents), saved and notified.
struct async_process_object {
  std::string_view bucket = {};
  std::string_view key = {};
  style process = {};

  [[nodiscard]] result<prepared_request> prepare(const endpoint& where) const {
    return detail::prepare_process(where, bucket, key, process, "x-oss-async-process",
                                   carrier::async_process);
  }
};

/// Signs a prepared request at `now`; returns the descriptor with every header to send.
template <class Crypto>
[[nodiscard]] result<http::request> sign(const prepared_request& prepared, const credentials& creds,
                                         std::chrono::sys_seconds now, const Crypto& crypto,
                                         signature_version version = signature_version::v4) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::sign requires a crypto_provider: see objproc/crypto/concepts.hpp");
  const auto view = detail::view_of(prepared);
  http::request out = prepared.request;
  if (version == signature_version::v4) {
    auto signature = sign_v4_header(view.input, creds, prepared.region, now, crypto);
    if (!signature) return signature.error();
    const auto& added = signature->headers;
    if (auto r = out.set_headers(std::span(added.begin(), added.size())); !r) return r.error();
  } else {
    auto signature = sign_v1_header(view.input, creds, now, crypto);
    if (!signature) return signature.error();
    const auto& added = signature->headers;
    if (auto r = out.set_headers(std::span(added.begin(), added.size())); !r) return r.error();
  }
  return out;
}

/// A presigned GET URL, with a processing style applied on the fly (never sys/saveas or
/// sys/notify: those need POST).
struct presign_get {
  std::string_view bucket = {};
  std::string_view key = {};
  style process = {};  // empty: a plain presigned GET
  std::chrono::seconds expires{3600};
};

template <class Crypto>
[[nodiscard]] result<std::string> presign(const presign_get& op, const endpoint& where,
                                          const credentials& creds, std::chrono::sys_seconds now,
                                          const Crypto& crypto,
                                          signature_version version = signature_version::v4) {
  static_assert(crypto_provider<Crypto>,
                "objproc::oss::presign requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (!op.process.empty() || op.process.has_error()) {
    if (auto r = op.process.checked(); !r) return r.error();
    if (auto r = check_carrier(op.process, carrier::get_url); !r) return r.error();
  }
  auto location = where.locate(op.bucket, op.key);
  if (!location) return location.error();
  auto request = http::request::make(http::method::get, *location);
  if (!request) return request.error();
  if (!op.process.empty())
    if (auto r = request->add_query("x-oss-process", op.process.view()); !r) return r.error();
  prepared_request prepared{std::move(*request), std::string(op.bucket), std::string(op.key),
                            std::string(where.region())};
  const auto view = detail::view_of(prepared);
  if (version == signature_version::v4) {
    auto signature = sign_v4_query(view.input, creds, prepared.region, now, op.expires, crypto);
    if (!signature) return signature.error();
    const auto& added = signature->query;
    if (auto r = prepared.request.add_query(std::span(added.begin(), added.size())); !r)
      return r.error();
  } else {
    auto signature = sign_v1_query(view.input, creds, now, op.expires, crypto);
    if (!signature) return signature.error();
    const auto& added = signature->query;
    if (auto r = prepared.request.add_query(std::span(added.begin(), added.size())); !r)
      return r.error();
  }
  return prepared.request.url();
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_OPERATIONS_HPP
