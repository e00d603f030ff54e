// SPDX-License-Identifier: MIT
// tests/archetypes/transport.hpp - the smallest types that model transport, async_transport
// and async_timer, with near misses that must not.
#ifndef OBJPROC_TESTS_ARCHETYPES_TRANSPORT_HPP
#define OBJPROC_TESTS_ARCHETYPES_TRANSPORT_HPP

#include <chrono>
#include <functional>

#include "objproc/http/transport.hpp"

namespace archetypes {

/// Exactly send(const request&) -> result<response>; not copyable (clients move it in).
class transport {
 public:
  explicit transport(int /*tag*/) {}
  transport(const transport&) = delete;
  transport(transport&&) = default;
  objproc::result<objproc::http::response> send(const objproc::http::request&) {
    return objproc::error{objproc::errc::transport_failed, objproc::error::no_offset,
                          "archetype: not implemented"};
  }
};
static_assert(objproc::transport<transport>, "the archetype must model objproc::transport");
static_assert(!objproc::async_transport<transport>);

/// Exactly async_send(request, completion) and schedule_after(delay, fn).
class async_transport {
 public:
  explicit async_transport(int /*tag*/) {}
  async_transport(const async_transport&) = delete;
  async_transport(async_transport&&) = default;
  void async_send(const objproc::http::request&, objproc::http::completion) {}
  void schedule_after(std::chrono::milliseconds, std::function<void()>) {}
};
static_assert(objproc::async_transport<async_transport>,
              "the archetype must model objproc::async_transport");
static_assert(objproc::async_timer<async_transport>,
              "the archetype must model objproc::async_timer");
static_assert(!objproc::transport<async_transport>);

struct returns_response_by_value_without_result {  // no error channel: not a transport
  objproc::http::response send(const objproc::http::request&) { return {}; }
};
static_assert(!objproc::transport<returns_response_by_value_without_result>);

struct takes_mutable_request {  // would be free to alter what was signed: not a transport
  objproc::result<objproc::http::response> send(objproc::http::request&) {
    return objproc::http::response{};
  }
};
static_assert(!objproc::transport<takes_mutable_request>);

}  // namespace archetypes

#endif  // OBJPROC_TESTS_ARCHETYPES_TRANSPORT_HPP
