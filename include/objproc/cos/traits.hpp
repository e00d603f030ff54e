// SPDX-License-Identifier: MIT
// objproc/cos/traits.hpp - what the client must know about the COS + CI operations
// (objproc/operation_traits.hpp): result types and parsers, the error document, the request-id
// headers, which operations start a task, and how COS says the signing time was refused.
//
//   cos::request_id(response)             x-cos-request-id, else x-ci-request-id
//   cos::service_error_of(response)       the <Error> body, else the request id alone (never
//                                         fails)
//   cos::server_time_if_skewed(response, error)
//   objproc::operation_traits<cos::ci_put_object>      an upload with processing: no task
//   objproc::operation_traits<cos::ci_image_process>   cloud processing: no task
#ifndef OBJPROC_COS_TRAITS_HPP
#define OBJPROC_COS_TRAITS_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/client_options.hpp"
#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/core/time.hpp"
#include "objproc/cos/endpoint.hpp"
#include "objproc/cos/operations.hpp"
#include "objproc/cos/results.hpp"
#include "objproc/credentials.hpp"
#include "objproc/http/response.hpp"
#include "objproc/operation_traits.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// The response headers that carry the service's request id, in order of preference: COS's,
/// then CI's (a CI-only answer).
inline constexpr std::string_view request_id_headers[] = {"x-cos-request-id", "x-ci-request-id"};

/// The service's request id, when the response carries one.
[[nodiscard]] inline std::optional<std::string_view> request_id(const http::response& r) noexcept {
  return http::first_header(r, request_id_headers);
}

/// The service's error from a response with an error status: the <Error> body; anything else
/// (a proxy's page, nothing at all) gives an error with an empty code and the request id.
[[nodiscard]] inline service_error service_error_of(const http::response& r) {
  if (auto parsed = parse_error(r.body)) return std::move(*parsed);
  service_error e;
  e.request_id = std::string(request_id(r).value_or(""));
  return e;
}

/// The service's clock when it refused the signing time, else nullopt: RequestTimeTooSkewed, or
/// AccessDenied "Request has expired". The time comes from the Date header.
[[nodiscard]] inline std::optional<std::chrono::sys_seconds> server_time_if_skewed(
    const http::response& r, const service_error& e) {
  const bool skewed =
      e.code == "RequestTimeTooSkewed" ||
      (e.code == "AccessDenied" && e.message.find("Request has expired") != std::string::npos);
  if (!skewed) return std::nullopt;
  if (auto date = r.header("Date"))
    if (auto t = parse_rfc1123(*date)) return *t;
  return std::nullopt;
}

namespace detail {
// How the client signs COS requests: both CI operations and the presigned GET.
struct signing_traits_base {
  using endpoint_type = endpoint;
  [[nodiscard]] static cos::signer signer(const client_options& options, signing_state&) noexcept {
    return {.lifetime = options.cos_signature_lifetime};
  }
  [[nodiscard]] static cos::credentials credentials_of(const owned_credentials& keys) noexcept {
    return keys.cos();
  }
};

// Both CI operations: PUT (an upload with Pic-Operations) or POST ?image_process, answered with
// an <UploadResult>.
struct upload_operation_traits : signing_traits_base {
  using value_type = upload_result;
  using service_error_type = service_error;
  static constexpr bool creates_task = false;
  [[nodiscard]] static result<value_type> parse(const http::response& r) {
    return parse_upload_result(r.body);
  }
  [[nodiscard]] static service_error_type parse_service_error(const http::response& r) {
    return service_error_of(r);
  }
  [[nodiscard]] static std::optional<std::string_view> request_id(
      const http::response& r) noexcept {
    return cos::request_id(r);
  }
  [[nodiscard]] static std::optional<std::chrono::sys_seconds> server_time_if_skewed(
      const http::response& r, const service_error_type& e) {
    return cos::server_time_if_skewed(r, e);
  }
};
}  // namespace detail

}  // namespace cos

/// A presigned GET: signed as every COS request, never sent by the client.
template <>
struct operation_traits<cos::presign_get> : cos::detail::signing_traits_base {};
template <>
struct operation_traits<cos::ci_put_object> : cos::detail::upload_operation_traits {};
template <>
struct operation_traits<cos::ci_image_process> : cos::detail::upload_operation_traits {};

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_TRAITS_HPP
