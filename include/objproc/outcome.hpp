// SPDX-License-Identifier: MIT
// objproc/outcome.hpp - what the client returns: the typed result, or the service's typed
// error, or a local failure; with the attempt count, the last HTTP status and the request id.
//
//   auto done = client.send(op, endpoint);
//   if (done) use(done.value());
//   else if (const auto* e = done.service_error()) log(e->code, e->message, done.request_id());
//   else log(objproc::to_string(*done.failure()));
#ifndef OBJPROC_OUTCOME_HPP
#define OBJPROC_OUTCOME_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

template <class Value, class ServiceError>
class outcome {
 public:
  using value_type = Value;
  using service_error_type = ServiceError;

  outcome() : state_(std::in_place_index<2>, error{errc::invalid_argument, error::no_offset,
                                                   "no attempt was made"}) {}
  static outcome success(Value v) { return outcome(std::in_place_index<0>, std::move(v)); }
  static outcome rejected(ServiceError e) { return outcome(std::in_place_index<1>, std::move(e)); }
  static outcome failed(error e) { return outcome(std::in_place_index<2>, e); }

  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  /// The typed result; aborts (or throws, with exceptions) when there is none, like result<T>.
  [[nodiscard]] const Value& value() const& {
    if (!has_value()) detail::bad_result_access_failure(as_error());
    return std::get<0>(state_);
  }
  [[nodiscard]] Value&& value() && {
    if (!has_value()) detail::bad_result_access_failure(as_error());
    return std::get<0>(std::move(state_));
  }

  /// The service's error (HTTP status >= 300 with the vendor's error body), or nullptr.
  [[nodiscard]] const ServiceError* service_error() const noexcept {
    return std::get_if<1>(&state_);
  }
  /// A local, transport or parsing failure, or nullptr.
  [[nodiscard]] const error* failure() const noexcept { return std::get_if<2>(&state_); }

  /// Any failure as an objproc::error (errc::service_error for a service error).
  [[nodiscard]] error as_error() const noexcept {
    if (const error* e = failure()) return *e;
    if (service_error() != nullptr)
      return error{errc::service_error, error::no_offset, "the service returned an error"};
    return error{errc::invalid_argument, error::no_offset, "no error"};
  }

  [[nodiscard]] int status() const noexcept { return status_; }  // 0: no response
  [[nodiscard]] int attempts() const noexcept { return attempts_; }
  [[nodiscard]] std::string_view request_id() const noexcept { return request_id_; }

  /// Set by the client after the last attempt.
  void record(int attempts, int status, std::string request_id) {
    attempts_ = attempts;
    status_ = status;
    request_id_ = std::move(request_id);
  }

 private:
  template <std::size_t I, class T>
  outcome(std::in_place_index_t<I> tag, T&& v) : state_(tag, std::forward<T>(v)) {}

  std::variant<Value, ServiceError, error> state_;
  int attempts_ = 0;
  int status_ = 0;
  std::string request_id_;
};

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OUTCOME_HPP
