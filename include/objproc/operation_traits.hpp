// SPDX-License-Identifier: MIT
// objproc/operation_traits.hpp - what the client must know about an operation, declared by the
// operation's vendor (oss/traits.hpp, cos/traits.hpp specialize operation_traits).
//
//   template <>
//   struct objproc::operation_traits<my_vendor::my_operation> {
//     using endpoint_type = my_vendor::endpoint;          // op.prepare(endpoint): an http::request
//     using value_type = my_vendor::my_result;            // what a success holds
//     using service_error_type = my_vendor::service_error;  // what a rejection holds
//     static constexpr bool creates_task = false;         // see below
//     static result<value_type> parse(const http::response&);                   // a 2xx response
//     static service_error_type parse_service_error(const http::response&);     // any other
//     static std::optional<std::string_view> request_id(const http::response&);
//     static std::optional<std::chrono::sys_seconds> server_time_if_skewed(
//         const http::response&, const service_error_type&);
//     static my_vendor::signer signer(const client_options&, signing_state&);  // how to sign
//     static my_vendor::credentials credentials_of(const owned_credentials&);  // with which keys
//   };
//
// creates_task: the service starts a task for every request it accepts, so a request that may
// have reached it is never sent again unless the retry policy says so (retry.hpp); a repeat
// would start a second task. server_time_if_skewed: the service's clock when it refused the
// signing time (the client corrects its clock by it and retries at once), nullopt for any other
// error. signer / credentials_of: the vendor's signer configured from the client's options
// (and the state it keeps, such as the V4 key cache), and the provider's keys as that signer's
// credentials; a presigned GET declares only these and its endpoint_type
// (operation_with_signer). parse_service_error never fails: a body that is not the vendor's error
// document (a proxy's page, nothing at all) gives an error with an empty code, the status still
// telling.
//
// Nothing here knows a vendor: adding an operation touches its vendor's folder (the operation,
// its result parser, its traits) and, to reach it from the command line, the CLI's table.
#ifndef OBJPROC_OPERATION_TRAITS_HPP
#define OBJPROC_OPERATION_TRAITS_HPP

#include <concepts>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/http/response.hpp"

OBJPROC_NAMESPACE_BEGIN

/// Specialized by each vendor for each of its operations (see the top of this file); never
/// defined for other types, so an operation without traits does not reach the client.
template <class Op>
struct operation_traits;

struct client_options;    // objproc/client_options.hpp
struct signing_state;     // objproc/client_options.hpp
class owned_credentials;  // objproc/credentials.hpp

/// An operation whose vendor declared how a client signs it (every sent operation, and the
/// presigned GETs):
///   using endpoint_type = ...;                          // op.prepare(endpoint)
///   static S signer(const client_options&, signing_state&);   // S models request_signer
///   static typename S::credentials_type credentials_of(const owned_credentials&);
template <class Op>
concept operation_with_signer = requires(const client_options& options, signing_state& state,
                                         const owned_credentials& keys) {
  typename operation_traits<Op>::endpoint_type;
  {
    operation_traits<Op>::credentials_of(keys)
    } -> std::same_as<typename decltype(operation_traits<Op>::signer(options,
                                                                     state))::credentials_type>;
};

/// An operation whose vendor declared complete traits.
template <class Op>
concept operation_with_traits = operation_with_signer<Op> &&
    requires(const http::response& r,
             const typename operation_traits<Op>::service_error_type& rejected) {
  typename operation_traits<Op>::endpoint_type;
  typename operation_traits<Op>::value_type;
  { operation_traits<Op>::creates_task } -> std::convertible_to<bool>;
  {
    operation_traits<Op>::parse(r)
    } -> std::same_as<result<typename operation_traits<Op>::value_type>>;
  {
    operation_traits<Op>::parse_service_error(r)
    } -> std::same_as<typename operation_traits<Op>::service_error_type>;
  { operation_traits<Op>::request_id(r) } -> std::same_as<std::optional<std::string_view>>;
  {
    operation_traits<Op>::server_time_if_skewed(r, rejected)
    } -> std::same_as<std::optional<std::chrono::sys_seconds>>;
};

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OPERATION_TRAITS_HPP
