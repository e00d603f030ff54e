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
//
// Wire forms: PUT /<key> with Pic-Operations (upload-time processing), POST /<key>?image_process
// with Pic-Operations and Content-Length: 0 (processing a stored object), GET /<key>?<rule> (a
// rule applied on download, signed as a parameter). Host and Content-Length are part of the
// descriptor because COS signs them: what is signed is what is sent.
#ifndef OBJPROC_COS_OPERATIONS_HPP
#define OBJPROC_COS_OPERATIONS_HPP

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/cos/credentials.hpp"
#include "objproc/cos/endpoint.hpp"
#include "objproc/cos/pic_operations.hpp"
#include "objproc/cos/rule.hpp"
#include "objproc/cos/sign.hpp"
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
  auto location = where.locate(bucket, key);
  if (!location) return location.error();
  auto request = http::request::make(method, *location);
  if (!request) return request.error();
  // COS signs Host; the descriptor carries it so the transport sends exactly what was signed.
  if (auto r = request->set_header("Host", request->host()); !r) return r.error();
  return prepared_request{std::move(*request), std::string(key)};
}

[[nodiscard]] inline result<void> set_pic_operations(http::request& request,
                                                     const pic_operations& operations) {
  auto json = to_json(operations);
  if (!json) return json.error();
  return request.set_header("Pic-Operations", *json);
}

}  // namespace detail

/// PUT with Pic-Operations: upload an object and process it at once (persistent processing).
struct ci_put_object {
  std::string_view bucket = {};  // BucketName-APPID
  std::string_view key = {};
  pic_operations operations = {};
  std::string body = {};               // the object's bytes (or use body_source below)
  http::body_source body_source = {};  // a streaming body of known size, when size != 0
  std::string_view content_type = {};  // sent and signed when set

  [[nodiscard]] result<prepared_request> prepare(const endpoint& where) const {
    auto prepared = detail::prepare(where, http::method::put, bucket, key);
    if (!prepared) return prepared;
    auto& request = prepared->request;
    if (body_source.size != 0 || body_source.read != nullptr) {
      if (auto r = request.set_body(body_source); !r) return r.error();
    } else {
      request.set_body(body);
    }
    if (auto r = request.set_header("Content-Length", std::to_string(request.body_size())); !r)
      return r.error();
    if (!content_type.empty())
      if (auto r = request.set_header("Content-Type", content_type); !r) return r.error();
    if (auto r = detail::set_pic_operations(request, operations); !r) return r.error();
    return prepared;
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
    if (auto r = detail::set_pic_operations(request, operations); !r) return r.error();
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
  const auto query = prepared.request.query_fields();
  const auto headers = prepared.request.header_fields();
  const signing_input input{.method = http::to_string(prepared.request.method()),
                            .key = prepared.key,
                            .query = query,
                            .headers = headers};
  auto signature = sign(input, creds, now, expires, crypto);
  if (!signature) return signature.error();
  http::request out = prepared.request;
  const auto& added = signature->headers;
  if (auto r = out.set_headers(std::span(added.begin(), added.size())); !r) return r.error();
  return out;
}

/// A presigned GET URL applying a CI rule on download (a style reference is refused: styles
/// are applied through Pic-Operations or the bucket's style separator).
struct presign_get {
  std::string_view bucket = {};
  std::string_view key = {};
  rule process = {};  // empty: a plain presigned GET
  std::chrono::seconds expires{3600};
};

template <class Crypto>
[[nodiscard]] result<std::string> presign(const presign_get& op, const endpoint& where,
                                          const credentials& creds, std::chrono::sys_seconds now,
                                          const Crypto& crypto) {
  static_assert(crypto_provider<Crypto>,
                "objproc::cos::presign requires a crypto_provider: see "
                "objproc/crypto/concepts.hpp");
  if (op.process.has_error()) return op.process.error();
  if (op.process.is_reference())
    return error{errc::misplaced_operation, 0, "style/ is for Pic-Operations, not a URL"};
  auto prepared = detail::prepare(where, http::method::get, op.bucket, op.key);
  if (!prepared) return prepared.error();
  if (!op.process.empty())
    if (auto r = prepared->request.add_query(op.process.view()); !r) return r.error();
  const auto query = prepared->request.query_fields();
  const auto headers = prepared->request.header_fields();
  const signing_input input{
      .method = "GET", .key = prepared->key, .query = query, .headers = headers};
  auto signature = sign(input, creds, now, op.expires, crypto,
                        sign_options{.placement = signature_placement::query});
  if (!signature) return signature.error();
  const auto& added = signature->query;
  if (auto r = prepared->request.add_query(std::span(added.begin(), added.size())); !r)
    return r.error();
  return prepared->request.url();
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_OPERATIONS_HPP
