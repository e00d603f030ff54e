// SPDX-License-Identifier: MIT
// objproc/http/transport.hpp - how HTTP plugs in: the transport concepts.
//
// Requirements on a transport T (objproc::transport<T>), given `T& t` and `const
// http::request& r` (a signed descriptor):
//   t.send(r) -> result<http::response>
//     Sends exactly r: its method, URL (path and query byte for byte, no normalisation), every
//     header it lists and no other header the server would see as signed (no default
//     Content-Type, no Expect), and its body (bytes, or a body_source read to its size). Returns
//     the status, headers in arrival order and the whole body; any HTTP status is a response,
//     not an error. Failures map into `error` (no adapter type crosses into the core):
//       errc::connection_failed   the request provably never left (DNS, refused, connect
//                                 timeout): safe to retry anything
//       errc::timed_out           the total timeout expired after sending began
//       errc::response_truncated  the connection closed before the announced body was complete
//       errc::transport_failed    anything else (reset, TLS, send or receive error)
//     with the adapter's native code in error::provider_code.
// Exemplar: tests/archetypes/transport.hpp. Model: objproc::curl::transport (adapters/curl).
//
// Requirements on an asynchronous transport T (objproc::async_transport<T>), for engines with
// their own event loop, given `T& t`, `const http::request& r` and an http::completion `done`:
//   t.async_send(r, std::move(done))
//     Starts sending r as send() would; r may be destroyed as soon as async_send returns (copy
//     what you need). Calls `done` exactly once, later, from the transport's event loop, with
//     what send() would have returned. Never calls it from inside async_send.
// Requirements on a timer (objproc::async_timer<T>), which the client's asynchronous form needs
// to wait between retries without blocking the loop:
//   t.schedule_after(std::chrono::milliseconds delay, fn)
//     Calls fn once, from the event loop, no earlier than `delay` from now. fn is a copyable
//     callable taking nothing: take it as an objproc::callback<void()>, a std::function<void()>
//     or a template parameter (the concept checks with an objproc::callback<void()>).
// Model: objproc::curl::multi_transport (adapters/curl).
//
// Optionally, an asynchronous transport can abandon a request (objproc::cancellable_transport):
//   auto id = t.async_send(r, std::move(done));   // returns a request id (any copyable type)
//   t.cancel(id)
//     If that request has not completed, stops it (closing its connection if need be) and
//     calls its `done`, once, later, from the loop, with errc::cancelled; otherwise does
//     nothing. The client uses it to abandon the attempt in flight when an operation is
//     cancelled (client::async_send's handle, objproc/coro.hpp's stop_token).
// Model: objproc::beast::transport (adapters/beast).
#ifndef OBJPROC_HTTP_TRANSPORT_HPP
#define OBJPROC_HTTP_TRANSPORT_HPP

#include <concepts>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/callback.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/http/request.hpp"
#include "objproc/http/response.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace http {
/// What an asynchronous transport calls, once, with the response or the failure (a copyable
/// callable like std::function, without <functional>'s cost: objproc/core/callback.hpp).
using completion = callback<void(result<response>)>;
}  // namespace http

/// A synchronous HTTP client the library can send a signed descriptor through.
template <class T>
concept transport = requires(T& t, const http::request& r) {
  { t.send(r) } -> std::same_as<result<http::response>>;
};

/// An HTTP client that sends in the background and reports through a completion.
template <class T>
concept async_transport = requires(T& t, const http::request& r, http::completion done) {
  t.async_send(r, std::move(done));
};

/// An event loop that can run a function later (the client's asynchronous retries wait on it).
template <class T>
concept async_timer = requires(T& t, std::chrono::milliseconds delay, callback<void()> fn) {
  t.schedule_after(delay, std::move(fn));
};

/// An asynchronous transport whose requests can be abandoned one by one (see the top).
template <class T>
concept cancellable_transport =
    async_transport<T> && requires(T& t, const http::request& r, http::completion done) {
      t.cancel(t.async_send(r, std::move(done)));
    };

/// True for failures after which the request may have reached the server (it may have acted).
[[nodiscard]] constexpr bool may_have_been_sent(errc code) noexcept {
  return code != errc::connection_failed;
}

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_HTTP_TRANSPORT_HPP
