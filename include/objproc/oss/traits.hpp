// SPDX-License-Identifier: MIT
// objproc/oss/traits.hpp - what the client must know about the OSS operations
// (objproc/operation_traits.hpp): result types and parsers, the error document, the request-id
// header, which operations start a task, and how OSS says the signing time was refused.
//
//   oss::request_id(response)             the x-oss-request-id header
//   oss::service_error_of(response)       the <Error> body, else the x-oss-err header, else the
//                                         status alone (never fails)
//   oss::server_time_if_skewed(response, error)
//   objproc::operation_traits<oss::process_object>        synchronous: no task
//   objproc::operation_traits<oss::async_process_object>  starts a task: not resent by default
#ifndef OBJPROC_OSS_TRAITS_HPP
#define OBJPROC_OSS_TRAITS_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/client_options.hpp"
#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/core/time.hpp"
#include "objproc/credentials.hpp"
#include "objproc/http/response.hpp"
#include "objproc/operation_traits.hpp"
#include "objproc/oss/endpoint.hpp"
#include "objproc/oss/operations.hpp"
#include "objproc/oss/results.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// The response headers that carry the service's request id, in order of preference.
inline constexpr std::string_view request_id_headers[] = {"x-oss-request-id"};

/// The service's request id, when the response carries one.
[[nodiscard]] inline std::optional<std::string_view> request_id(const http::response& r) noexcept {
  return http::first_header(r, request_id_headers);
}

/// The service's error from a response with an error status: the <Error> body, or for a
/// body-less (HEAD) answer the same XML in x-oss-err. Anything else (a proxy's page, nothing at
/// all) gives an error with an empty code and the status and request id.
[[nodiscard]] inline service_error service_error_of(const http::response& r) {
  auto parsed = !r.body.empty() ? parse_error(r.body, r.status)
                                : parse_error_header(r.header("x-oss-err").value_or(""), r.status);
  if (parsed) return std::move(*parsed);
  service_error e;
  e.status = r.status;
  e.request_id = std::string(request_id(r).value_or(""));
  return e;
}

/// The service's clock when it refused the signing time, else nullopt: 403
/// RequestTimeTooSkewed, or 400 InvalidArgument "Invalid signing date in Authorization header."
/// (V4). The time comes from the Date header, else the error's <ServerTime>.
[[nodiscard]] inline std::optional<std::chrono::sys_seconds> server_time_if_skewed(
    const http::response& r, const service_error& e) {
  const bool skewed =
      e.code == "RequestTimeTooSkewed" ||
      (e.code == "InvalidArgument" && e.message == "Invalid signing date in Authorization header.");
  if (!skewed) return std::nullopt;
  if (auto date = r.header("Date"))
    if (auto t = parse_rfc1123(*date)) return *t;
  if (auto t = parse_iso8601_extended(e.server_time)) return *t;
  return std::nullopt;
}

namespace detail {
// How the client signs OSS requests: every operation and the presigned GET.
struct signing_traits_base {
  using endpoint_type = endpoint;
  [[nodiscard]] static oss::signer signer(const client_options& options,
                                          signing_state& state) noexcept {
    return {.version = options.oss_signature, .cache = &state.v4_keys};
  }
  [[nodiscard]] static oss::credentials credentials_of(const owned_credentials& keys) noexcept {
    return keys.oss();
  }
};

// What every OSS operation shares.
struct operation_traits_base : signing_traits_base {
  using service_error_type = service_error;
  [[nodiscard]] static service_error_type parse_service_error(const http::response& r) {
    return service_error_of(r);
  }
  [[nodiscard]] static std::optional<std::string_view> request_id(
      const http::response& r) noexcept {
    return oss::request_id(r);
  }
  [[nodiscard]] static std::optional<std::chrono::sys_seconds> server_time_if_skewed(
      const http::response& r, const service_error_type& e) {
    return oss::server_time_if_skewed(r, e);
  }
};
}  // namespace detail

}  // namespace oss

/// A presigned GET: signed as every OSS request, never sent by the client.
template <>
struct operation_traits<oss::presign_get> : oss::detail::signing_traits_base {};

/// ProcessObject: synchronous, answered with the saved object's description.
template <>
struct operation_traits<oss::process_object> : oss::detail::operation_traits_base {
  using value_type = oss::process_result;
  static constexpr bool creates_task = false;
  [[nodiscard]] static result<value_type> parse(const http::response& r) {
    return oss::parse_process_result(r.body, oss::request_id(r).value_or(""));
  }
};

/// AsyncProcessObject: every accepted request starts a task.
template <>
struct operation_traits<oss::async_process_object> : oss::detail::operation_traits_base {
  using value_type = oss::async_process_result;
  static constexpr bool creates_task = true;
  [[nodiscard]] static result<value_type> parse(const http::response& r) {
    return oss::parse_async_process_result(r.body, oss::request_id(r).value_or(""));
  }
};

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_TRAITS_HPP
